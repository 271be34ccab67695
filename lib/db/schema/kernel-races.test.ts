import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { HOLD_MS, race } from '../testing/races';
import { setUpTestDatabase } from '../testing/test-database';
import { attemptSql, createKernelWorld } from './kernel.fixture';

// Two sessions at once need two connections: PostgreSQL only (PGlite has one).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const org = '00000000-0000-4000-8000-0000000000f7';

const handle = setUpTestDatabase(
  async (db) => {
    await createKernelWorld(db, org, 'kernel-races');
  },
  { when: onPostgres },
);

const leaseSql = (id: string, resource: string, mode: string) =>
  `INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, ttl_seconds, expires_at)
   VALUES ('${org}', '${id}', 'file', '${resource}', '${mode}', 'agent:${id}', 600, now() + interval '10 minutes')`;

const count = async (statement: string) => (await query<{ n: number }>(handle.db, statement))[0]?.n;

describe('races between two sessions (PostgreSQL)', () => {
  it.skipIf(!onPostgres)('two claims of one item at once: the second waits, then gets the double-claim message', async () => {
    const [one, two] = await race(handle.db, attemptSql(org, 'A1', 'W1'), attemptSql(org, 'A2', 'W1'));
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
    const [one, two] = await race(handle.db, attemptSql(org, 'A3', 'W2'), attemptSql(org, 'A4', 'W2'), 'repeatable read');
    expect(one.status).toBe('committed');
    expect(two.status).toBe('refused');
    expect(['23505', '40001']).toContain(two.code);
    expect(await count(`SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'W2'`)).toBe(1);
  });

  it.skipIf(!onPostgres)('claims of two different items do not wait for each other', async () => {
    const [one, two] = await race(handle.db, attemptSql(org, 'A5', 'W3'), attemptSql(org, 'A6', 'W4'));
    expect([one.status, two.status]).toEqual(['committed', 'committed']);
    expect(two.ms).toBeLessThan(HOLD_MS * 0.75);
  });

  it.skipIf(!onPostgres)('two exclusive leases on one resource at once: exactly one is granted', async () => {
    const [one, two] = await race(handle.db, leaseSql('X1', 'kernel.py', 'exclusive'), leaseSql('X2', 'kernel.py', 'exclusive'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/^KERNEL: Cannot acquire exclusive lease - resource has active leases/),
    });
    expect(two.ms).toBeGreaterThan(HOLD_MS * 0.75);
    expect(await count(`SELECT count(*)::int AS n FROM leases WHERE organisation_id = '${org}' AND resource_id = 'kernel.py'`)).toBe(1);
  });

  it.skipIf(!onPostgres)('an exclusive lease and a read lease at once: the reader is refused', async () => {
    const [one, two] = await race(handle.db, leaseSql('X3', 'plan.md', 'exclusive'), leaseSql('R1', 'plan.md', 'read'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({
      status: 'refused',
      message: expect.stringMatching(/^KERNEL: Cannot acquire lease - exclusive lease active on resource/),
    });
  });

  it.skipIf(!onPostgres)('two write leases on one resource at once: both are granted without waiting', async () => {
    const [one, two] = await race(handle.db, leaseSql('W1', 'notes.md', 'write'), leaseSql('W2', 'notes.md', 'write'));
    expect([one.status, two.status]).toEqual(['committed', 'committed']);
    expect(two.ms).toBeLessThan(HOLD_MS * 0.75);
  });
});
