import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { builders, organisations } from '../db/schema';

export interface BuilderProfile {
  builderId: string;
  type: string;
  backend: string;
  state: string;
  currentTaskId: string | null;
  lastHeartbeat: Date;
  organisation: { slug: string; name: string };
}

/** What a builder agent learns about itself from its token. Runs inside its organisation. */
export async function getBuilderProfile(tx: Database, builderId: string): Promise<BuilderProfile | null> {
  const [row] = await tx
    .select({
      builderId: builders.builderId,
      type: builders.builderTypeKey,
      backend: builders.backendType,
      state: builders.state,
      currentTaskId: builders.currentTaskId,
      lastHeartbeat: builders.lastHeartbeat,
      organisation: { slug: organisations.slug, name: organisations.name },
    })
    .from(builders)
    .innerJoin(organisations, eq(organisations.id, builders.organisationId))
    .where(and(eq(builders.builderId, builderId), isNull(builders.deletedAt)));
  return row ?? null;
}
