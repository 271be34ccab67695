import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../connection';
import { query } from '../testing/sql';
import { openTestDatabase, pgErrorOf } from '../testing/test-database';
import { attemptSql, createKernelWorld } from './kernel.fixture';

// Two sessions at once need two connections: PostgreSQL only (PGlite has one).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let handle: DatabaseHandle;
const org = '00000000-0000-4000-8000-0000000000f7';
const HOLD_MS = 400;

beforeAll(async () => {
  if (!onPostgres) return;
  handle = await openTestDatabase();
  await createKernelWorld(handle.db, org, 'kernel-races');
});

afterAll(async () => {
  await handle?.close();
});

interface Outcome {
  status: 'committed' | 'refused';
  code?: string;
  message?: string;
  ms: number;
}

type Isolation = 'read committed' | 'repeatable read';

/**
 * Session 1 runs `first` and keeps its transaction open for HOLD_MS; meanwhile session 2 runs
 * `second` in its own transaction (at `isolation`). Returns how each ended and how long it took.
 */
async function race(first: string, second: string, isolation: Isolation = 'read committed'): Promise<[Outcome, Outcome]> {
  const settle = async (run: () => Promise<unknown>): Promise<Outcome> => {
    const start = performance.now();
    try {
      await run();
      return { status: 'committed', ms: performance.now() - start };
    } catch (error) {
      const { code, message } = pgErrorOf(error);
      return { status: 'refused', code, message, ms: performance.now() - start };
    }
  };
  let firstRan!: () => void;
  const firstHasRun = new Promise<void>((resolve) => (firstRan = resolve));
  const one = settle(() =>
    handle.db.transaction(async (tx) => {
      try {
        await query(tx, first);
      } finally {
        firstRan();
      }
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    }),
  );
  await firstHasRun;
  const two = settle(() => handle.db.transaction((tx) => query(tx, second), { isolationLevel: isolation }));
  return Promise.all([one, two]);
}

const leaseSql = (id: string, resource: string, mode: string) =>
  `INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, ttl_seconds, expires_at)
   VALUES ('${org}', '${id}', 'file', '${resource}', '${mode}', 'agent:${id}', 600, now() + interval '10 minutes')`;

const count = async (statement: string) => (await query<{ n: number }>(handle.db, statement))[0]?.n;

describe('races between two sessions (PostgreSQL)', () => {
  it.skipIf(!onPostgres)('two claims of one item at once: the second waits, then gets the double-claim message', async () => {
    const [one, two] = await race(attemptSql(org, 'A1', 'W1'), attemptSql(org, 'A2', 'W1'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({
      status: 'refused',
      code: '23514',
      message: expect.stringMatching(/^KERNEL: Work already has active attempt/),
    });
    expect(two.ms).toBeGreaterThan(HOLD_MS * 0.75);
    expect(await count(`SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'W1' AND ended_at IS NULL`)).toBe(1);
  });

  it.skipIf(!onPostgres)('under REPEATABLE READ the unique open-attempt index still lets only one claim in', async () => {
    const [one, two] = await race(attemptSql(org, 'A3', 'W2'), attemptSql(org, 'A4', 'W2'), 'repeatable read');
    expect(one.status).toBe('committed');
    expect(two.status).toBe('refused');
    expect(['23505', '40001']).toContain(two.code);
    expect(await count(`SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'W2'`)).toBe(1);
  });

  it.skipIf(!onPostgres)('claims of two different items do not wait for each other', async () => {
    const [one, two] = await race(attemptSql(org, 'A5', 'W3'), attemptSql(org, 'A6', 'W4'));
    expect([one.status, two.status]).toEqual(['committed', 'committed']);
    expect(two.ms).toBeLessThan(HOLD_MS * 0.75);
  });

  it.skipIf(!onPostgres)('two exclusive leases on one resource at once: exactly one is granted', async () => {
    const [one, two] = await race(leaseSql('X1', 'kernel.py', 'exclusive'), leaseSql('X2', 'kernel.py', 'exclusive'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/^KERNEL: Cannot acquire exclusive lease - resource has active leases/),
    });
    expect(two.ms).toBeGreaterThan(HOLD_MS * 0.75);
    expect(await count(`SELECT count(*)::int AS n FROM leases WHERE organisation_id = '${org}' AND resource_id = 'kernel.py'`)).toBe(1);
  });

  it.skipIf(!onPostgres)('an exclusive lease and a read lease at once: the reader is refused', async () => {
    const [one, two] = await race(leaseSql('X3', 'plan.md', 'exclusive'), leaseSql('R1', 'plan.md', 'read'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/^KERNEL: Cannot acquire lease - exclusive lease active on resource/),
    });
  });

  it.skipIf(!onPostgres)('two write leases on one resource at once: both are granted without waiting', async () => {
    const [one, two] = await race(leaseSql('W1', 'notes.md', 'write'), leaseSql('W2', 'notes.md', 'write'));
    expect([one.status, two.status]).toEqual(['committed', 'committed']);
    expect(two.ms).toBeLessThan(HOLD_MS * 0.75);
  });
});
