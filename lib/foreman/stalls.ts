import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';

/** The Foreman settings' bounds for the stall threshold, in seconds (CHECK organisations_stall_threshold_check). */
export const STALL_THRESHOLD_RANGE = { min: 60, max: 600 } as const;

/**
 * Raises a builder_stall blocker on the task of every builder silent past its organisation's
 * stall threshold, once per stall (the SQL function raise_builder_stalls, migration
 * blockers_rules). Inside withOrganisation it covers that organisation; on the connection's own
 * user (the server's timer), every organisation. Safe to call from several instances at once.
 */
export async function raiseBuilderStalls(db: Database, { organisationId }: { organisationId?: string } = {}): Promise<number> {
  const result = await db.execute(sql`SELECT raise_builder_stalls(${organisationId ?? null}::uuid) AS raised`);
  return rowsOf<{ raised: number }>(result)[0]?.raised ?? 0;
}
