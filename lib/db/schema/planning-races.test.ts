import { describe, expect, it } from 'vitest';

import type { Database } from '../connection';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, insertRun, seedPlanningWorld, uid } from './planning-test-fixtures';

// Two sessions at once need two connections: PostgreSQL only (PGlite has one).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const handle = setUpTestDatabase(seedPlanningWorld, { when: onPostgres });

/** Resolves once some other session of this database waits for a lock. */
async function someoneWaitsForALock(db: Database): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const [row] = await query<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if ((row?.n ?? 0) > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('no session ever waited for a lock');
}

/**
 * Runs `first` in a transaction that stays open until `second` (in another session) waits for
 * a lock that `first` holds; then commits `first` and returns `second`'s outcome.
 */
async function race(
  first: (tx: Database) => Promise<unknown>,
  second: (tx: Database) => Promise<unknown>,
  secondIsolation: 'read committed' | 'repeatable read' = 'read committed',
) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let started!: () => void;
  const firstDone = new Promise<void>((resolve) => (started = resolve));
  const one = handle.db.transaction(async (tx) => {
    await first(tx as unknown as Database);
    started();
    await held;
  });
  await firstDone;
  const two = handle.db.transaction(async (tx) => second(tx as unknown as Database), { isolationLevel: secondIsolation });
  two.catch(() => {}); // observed below
  await someoneWaitsForALock(handle.db);
  release();
  await one;
  return two;
}

describe('two sessions at once (PostgreSQL)', () => {
  it.skipIf(!onPostgres)('lets only one of two runs start building; the second is told why', async () => {
    await insertRun(handle.db, { id: uid(1) });
    await insertRun(handle.db, { id: uid(2) });
    const second = race(
      (tx) => query(tx, `UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(1)}'`),
      (tx) => query(tx, `UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(2)}'`),
    );
    await expectRefused(second, { code: '23514', message: `Build in progress: run ${uid(1)}` });
    await query(handle.db, `UPDATE orchestration_run SET status = 'completed' WHERE id = '${uid(1)}'`);
  });

  it.skipIf(!onPostgres)('refuses the second running run by the unique index even when its snapshot is old', async () => {
    await insertRun(handle.db, { id: uid(3) });
    const second = race(
      (tx) => query(tx, `UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(3)}'`),
      // Under REPEATABLE READ the trigger cannot see the first commit; the index can.
      (tx) => query(tx, `UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(2)}'`),
      'repeatable read',
    );
    await expectRefused(second, { code: '23505', message: /orchestration_run_one_running_key/ });
    const [row] = await query<{ n: number }>(handle.db, `SELECT count(*)::int AS n FROM orchestration_run WHERE status = 'running'`);
    expect(row?.n).toBe(1);
  });

  it.skipIf(!onPostgres)('lets only one of two requests under one idempotency key apply', async () => {
    const insert = (tx: Database) =>
      query(
        tx,
        `INSERT INTO planning_action (organisation_id, project_id, action_type, validation_status, idempotency_key, batch_position)
                 VALUES ('${ids.orgA}', '${ids.project}', 'createCard', 'accepted', 'retry-1', 0)`,
      );
    const second = race(insert, insert);
    await expectRefused(second, { code: '23505', message: /planning_action_idempotency_key/ });
  });
});
