import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { deleteExpiredIdempotencyKeys } from './idempotency';

/** How often each server sweeps lapsed leases; the shortest lease is 15 s. */
export const LEASE_SWEEP_INTERVAL_MS = 5_000;

/** The advisory lock that lets one instance sweep at a time (others skip that round). */
const SWEEP_LOCK = sql`hashtextextended('gantry.lease_sweep', 0)`;

/**
 * One sweep, in one transaction under a transaction-level advisory lock: if another instance is
 * sweeping, this one does nothing (null). Otherwise every claim whose lease lapsed by `now` ends
 * (expire_work_leases: attempt timed out, builder_stall blocker, work ready again), and
 * idempotency keys past their 24 hours are forgotten. `now` is the clock: a test passes a later
 * one instead of waiting. A system job: it runs on the connection's own user, across organisations.
 */
export async function sweepLapsedLeases(db: Database, { now }: { now?: Date } = {}): Promise<{ expired: number; keysForgotten: number } | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS locked`));
    if (!lock?.locked) return null;
    const [row] = rowsOf<{ expired: number }>(
      await tx.execute(sql`SELECT expire_work_leases(coalesce(${now?.toISOString() ?? null}::timestamptz, now())) AS expired`),
    );
    const keysForgotten = await deleteExpiredIdempotencyKeys(tx as unknown as Database, now);
    return { expired: Number(row?.expired ?? 0), keysForgotten };
  });
}

const state = globalThis as typeof globalThis & { __gantryLeaseSweep?: NodeJS.Timeout };

/** Sweeps every few seconds for as long as the server runs; no separate service is needed. */
export function startLeaseSweep(getDb: () => Promise<Database>, intervalMs = LEASE_SWEEP_INTERVAL_MS): void {
  if (state.__gantryLeaseSweep) return;
  const sweep = async () => {
    try {
      await sweepLapsedLeases(await getDb());
    } catch (error) {
      console.error('The lease sweep failed; it runs again in a moment:', error instanceof Error ? error.message : error);
    }
  };
  state.__gantryLeaseSweep = setInterval(() => void sweep(), intervalMs);
  state.__gantryLeaseSweep.unref();
  void sweep();
}
