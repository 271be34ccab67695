import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { attemptSql, createKernelWorld } from './kernel.fixture';

const org = '00000000-0000-4000-8000-0000000000f1';
const other = '00000000-0000-4000-8000-0000000000f2';

const sql = (statement: string) => query(handle.db, statement);

/** INSERT of a lease on file `path`, live for an hour unless `expires` says otherwise. */
const leaseSql = (
  id: string,
  path: string,
  mode: string,
  { organisation = org, expires = "now() + interval '1 hour'", released = 'NULL', attempt = 'NULL' } = {},
) =>
  `INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, attempt_id, acquired_at, ttl_seconds, expires_at, released_at)
   VALUES ('${organisation}', '${id}', 'file', '${path}', '${mode}', 'agent:${id}', ${attempt}, ${expires} - interval '1 hour', 3600, ${expires}, ${released})`;
const lease = (...args: Parameters<typeof leaseSql>) => sql(leaseSql(...args));

const EXCLUSIVE = 'KERNEL: Cannot acquire exclusive lease - resource has active leases';
const ANY = 'KERNEL: Cannot acquire lease - exclusive lease active on resource';

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'kernel-leases');
  await createKernelWorld(db, other, 'kernel-leases-b');
});

describe('leases_exclusive_check', () => {
  it('refuses an exclusive lease while any active lease holds the resource', async () => {
    await lease('R1', 'a.py', 'read');
    await expectRefused(lease('X1', 'a.py', 'exclusive'), { code: '23514', message: EXCLUSIVE });
    await lease('W1', 'b.py', 'write');
    await expectRefused(lease('X1', 'b.py', 'exclusive'), { message: EXCLUSIVE });
  });

  it('ignores released and expired leases, other resources and other organisations', async () => {
    await lease('R2', 'c.py', 'read', { released: 'now()' });
    await lease('R3', 'c.py', 'read', { expires: "now() - interval '1 minute'" });
    await lease('R4', 'c.py', 'read', { organisation: other });
    await sql(`INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, ttl_seconds, expires_at)
               VALUES ('${org}', 'R5', 'capability', 'c.py', 'read', 'agent:R5', 60, now() + interval '1 minute')`);
    await lease('X2', 'c.py', 'exclusive');
  });
});

describe('leases_any_check and leases_write_check', () => {
  it('refuses a read or write lease while an exclusive lease is active, with the any-lease message first', async () => {
    await lease('X3', 'd.py', 'exclusive');
    await expectRefused(lease('R6', 'd.py', 'read'), { code: '23514', message: ANY });
    await expectRefused(lease('W2', 'd.py', 'write'), { code: '23514', message: ANY });
    await sql(`UPDATE leases SET released_at = now() WHERE organisation_id = '${org}' AND id = 'X3'`);
    await lease('W2', 'd.py', 'write');
  });

  it('leases_write_check gives its own message when it is the one that fires', async () => {
    await lease('X4', 'e.py', 'exclusive');
    await handle.db.transaction(async (tx) => {
      await query(tx, 'ALTER TABLE leases DISABLE TRIGGER leases_any_check');
      await expectRefused(
        tx.transaction((savepoint) => query(savepoint, leaseSql('W3', 'e.py', 'write'))),
        { code: '23514', message: 'KERNEL: Cannot acquire write lease - exclusive lease active' },
      );
      await query(tx, 'ALTER TABLE leases ENABLE TRIGGER leases_any_check');
    });
  });

  it('allows several write leases and readers beside writers', async () => {
    await lease('W4', 'f.py', 'write');
    await lease('W5', 'f.py', 'write');
    await lease('R7', 'f.py', 'read');
  });
});

describe('leases columns', () => {
  it('checks mode, ttl, expiry and the attempt', async () => {
    await expectRefused(lease('Z1', 'g.py', 'borrow'), { code: '23514', message: /leases_mode_check/ });
    await expectRefused(
      sql(`INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, ttl_seconds, expires_at)
           VALUES ('${org}', 'Z1', 'file', 'g.py', 'read', 'me', 0, now() + interval '1 hour')`),
      { message: /leases_ttl_seconds_check/ },
    );
    await expectRefused(
      sql(`INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, ttl_seconds, expires_at)
           VALUES ('${org}', 'Z1', 'file', 'g.py', 'read', 'me', 60, now())`),
      { message: /leases_expires_after_acquired/ },
    );
    await expectRefused(lease('Z1', 'g.py', 'read', { attempt: "'NOPE'" }), { code: '23503', message: /leases_attempt_fk/ });
    await sql(attemptSql(org, 'A1', 'W1'));
    await lease('Z1', 'g.py', 'read', { attempt: "'A1'" });
  });

  it('has an active-lease index with an immutable predicate (the original used the clock)', async () => {
    const [row] = await sql(`SELECT indexdef FROM pg_indexes WHERE indexname = 'leases_active_idx'`);
    expect(row?.indexdef).toMatch(/WHERE \(released_at IS NULL\)$/);
  });
});
