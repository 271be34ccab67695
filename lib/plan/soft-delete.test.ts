import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../db/connection';
import { createPortfolio } from '../db/testing/roadmap-fixtures';
import { expectRefused, query } from '../db/testing/sql';
import { openTestDatabase, pgErrorOf } from '../db/testing/test-database';

/**
 * The soft-delete rules of migration plan_soft_delete, in plain SQL (both databases): no delete
 * while live rows depend, no restore under a deleted parent, no new row under a deleted parent,
 * and on PostgreSQL, a delete and an insert under it at the same moment cannot both win.
 */
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
let handle: DatabaseHandle;
const org = '00000000-0000-4000-8000-0000000000c9';
const sql = (statement: string) => query(handle.db, statement);
const HOLD_MS = 400;

beforeAll(async () => {
  handle = await openTestDatabase();
  await createPortfolio(handle.db, org, 'soft-delete');
});
afterAll(async () => {
  await handle?.close();
});

describe('deleting', () => {
  it('refuses a program with a live product, naming it; nothing changes', async () => {
    await expectRefused(sql(`UPDATE programs SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'prog'`), {
      code: '23514',
      message: 'PLAN: The program prog cannot be deleted while live rows depend on it: 1 product. Delete or move them first.',
    });
    expect(await sql(`SELECT deleted_at FROM programs WHERE organisation_id = '${org}' AND id = 'prog'`)).toEqual([{ deleted_at: null }]);
  });

  it('refuses a product with live features, releases and change requests, counting each', async () => {
    await sql(`INSERT INTO releases (organisation_id, id, product_id, name) VALUES ('${org}', 'rel', 'prod', '1.0')`);
    await sql(
      `INSERT INTO change_requests (organisation_id, id, title, product_id) VALUES ('${org}', 'CR-1', 'One', 'prod'), ('${org}', 'CR-2', 'Two', 'prod')`,
    );
    await expectRefused(sql(`UPDATE products SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'prod'`), {
      message: /live rows depend on it: 1 feature, 1 release, 2 change requests\./,
    });
  });

  it('refuses a change request a live bug is fixed by; a dependency edge does not hold it', async () => {
    await sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${org}', 'CR-2', 'CR-1', 'blocks')`);
    await sql(`INSERT INTO bugs (organisation_id, id, title, feature_id, feature_version, fix_cr_id) VALUES ('${org}', 'BUG-1', 'Bug', 'feat', '1.0', 'CR-1')`);
    await expectRefused(sql(`UPDATE change_requests SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'CR-1'`), {
      message: /: 1 bug it fixes\./,
    });
    await sql(`UPDATE bugs SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'BUG-1'`);
    await sql(`UPDATE change_requests SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'CR-1'`);
  });

  it('records each delete and restore in the audit log, as system without an actor', async () => {
    await sql(`UPDATE change_requests SET deleted_at = NULL WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    const rows = await sql(`SELECT action, actor, resource_type FROM audit_log WHERE organisation_id = '${org}' AND resource_id = 'CR-1' ORDER BY id`);
    expect(rows).toEqual([
      { action: 'delete', actor: 'system', resource_type: 'cr' },
      { action: 'restore', actor: 'system', resource_type: 'cr' },
    ]);
  });
});

describe('restoring and creating under a deleted parent', () => {
  it('refuses to restore a change request whose product is in the Trash, and a new row under it', async () => {
    await sql(`INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${org}', 'gone', 'prog', 'Gone')`);
    await sql(`INSERT INTO change_requests (organisation_id, id, title, product_id) VALUES ('${org}', 'CR-G', 'Under gone', 'gone')`);
    await sql(`UPDATE change_requests SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'CR-G'`);
    await sql(`UPDATE products SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'gone'`);
    await expectRefused(sql(`UPDATE change_requests SET deleted_at = NULL WHERE organisation_id = '${org}' AND id = 'CR-G'`), {
      code: '23514',
      message: 'PLAN: It belongs to the product gone, which is in the Trash; restore that first.',
    });
    await expectRefused(sql(`INSERT INTO features (organisation_id, id, product_id, name) VALUES ('${org}', 'f-gone', 'gone', 'F')`), {
      code: '23514',
      message: 'PLAN: The product gone is in the Trash; restore it first, or choose another.',
    });
    // A parent that does not exist at all stays the foreign key's refusal.
    await expectRefused(sql(`INSERT INTO features (organisation_id, id, product_id, name) VALUES ('${org}', 'f-none', 'none', 'F')`), { code: '23503' });
    await sql(`UPDATE products SET deleted_at = NULL WHERE organisation_id = '${org}' AND id = 'gone'`);
    await sql(`UPDATE change_requests SET deleted_at = NULL WHERE organisation_id = '${org}' AND id = 'CR-G'`);
  });
});

describe('a delete and an insert under it at once (PostgreSQL)', () => {
  async function race(first: string, second: string) {
    const settle = async (run: () => Promise<unknown>) => {
      try {
        await run();
        return { status: 'committed' as const };
      } catch (error) {
        return { status: 'refused' as const, message: pgErrorOf(error).message };
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
    const two = settle(() => handle.db.transaction((tx) => query(tx, second)));
    return Promise.all([one, two]);
  }

  it.skipIf(!onPostgres)('a product inserted while its program is deleted: the delete waits, then counts it and refuses', async () => {
    await sql(`INSERT INTO programs (organisation_id, id, name) VALUES ('${org}', 'race-1', 'Race one')`);
    const [insert, remove] = await race(
      `INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${org}', 'race-1-p', 'race-1', 'P')`,
      `UPDATE programs SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'race-1'`,
    );
    expect(insert.status).toBe('committed');
    expect(remove).toMatchObject({ status: 'refused', message: expect.stringMatching(/1 product/) });
  });

  it.skipIf(!onPostgres)('a program deleted while a product is inserted under it: the insert waits, then refuses', async () => {
    await sql(`INSERT INTO programs (organisation_id, id, name) VALUES ('${org}', 'race-2', 'Race two')`);
    const [remove, insert] = await race(
      `UPDATE programs SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'race-2'`,
      `INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${org}', 'race-2-p', 'race-2', 'P')`,
    );
    expect(remove.status).toBe('committed');
    expect(insert).toMatchObject({ status: 'refused', message: 'PLAN: The program race-2 is in the Trash; restore it first, or choose another.' });
    expect(await sql(`SELECT count(*)::int AS n FROM products WHERE organisation_id = '${org}' AND program_id = 'race-2'`)).toEqual([{ n: 0 }]);
  });
});
