import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from './connection';

/** The role every tenant query runs as (migration auth_rules); policies apply to it. */
export const APP_ROLE = 'gantry_app';

export interface TenantScope {
  organisationId: string;
  /** Who acts, for audit rows written by triggers: 'user:<userId>', 'agent:<builderId>'; 'system' if unset. */
  actor?: string;
}

/**
 * Runs `work` in one transaction that sees and writes only one organisation's rows: it sets the
 * transaction-local `gantry.organisation_id` (read by current_user_org_id(), which every
 * org_isolation policy compares with) and switches to the application role, which, unlike the
 * connection's own user (a superuser on PGlite, the owner on PostgreSQL), cannot bypass
 * row-level security. Both settings end with the transaction, so a pooled connection never
 * carries them into another request.
 *
 * On PGlite a transaction holds the one connection: inside `work`, query through `tx` only.
 */
export function runAsOrganisation<T>(db: Database, scope: TenantScope, work: (tx: Database) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // One round trip; set_config('role', …, true) is SET LOCAL ROLE.
    await tx.execute(
      sql`select set_config('gantry.organisation_id', ${scope.organisationId}, true),
                 set_config('gantry.actor', ${scope.actor ?? ''}, true),
                 set_config('role', ${APP_ROLE}, true)`,
    );
    return work(tx as unknown as Database);
  });
}
