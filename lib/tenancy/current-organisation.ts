import 'server-only';

import { asc, isNull } from 'drizzle-orm';

import { getDb } from '../db/client';
import { organisations } from '../db/schema';

export interface OrganisationSummary {
  id: string;
  slug: string;
  name: string;
}

/**
 * The organisation the current request works in. Until accounts and memberships exist, that
 * is the oldest live organisation (the demo one on a fresh start); sign-in will replace this
 * with the member's chosen organisation.
 */
export async function getCurrentOrganisation(): Promise<OrganisationSummary | null> {
  const db = await getDb();
  const [org] = await db
    .select({ id: organisations.id, slug: organisations.slug, name: organisations.name })
    .from(organisations)
    .where(isNull(organisations.deletedAt))
    .orderBy(asc(organisations.createdAt), asc(organisations.slug))
    .limit(1);
  return org ?? null;
}
