import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { Database, DatabaseHandle } from './connection';
import { seedDemoContent } from './seed/demo';
import { runAsOrganisation } from './tenant';
import { createPortfolio } from './testing/roadmap-fixtures';
import { expectRefused, query } from './testing/sql';
import { openDemoDatabase } from './testing/test-database';

/**
 * Row-level security at the database level, on PGlite and PostgreSQL: organisation A (a small
 * portfolio) and organisation B (the whole demo) share every table; a transaction run as A
 * through the app's seam must neither see nor touch B.
 */
let handle: DatabaseHandle;
let db: Database;
const today = new Date('2026-11-22T09:00:00Z');
const orgA = randomUUID();
let orgB: string;
let tenantTables: string[];

const asOrganisation = <T>(organisationId: string, work: (tx: Database) => Promise<T>) => runAsOrganisation(db, { organisationId, actor: 'user:test' }, work);

/** Every table of the schema with an organisation_id column, found the way the migration finds them. */
async function listTenantTables(): Promise<string[]> {
  const rows = await query<{ name: string }>(
    db,
    `SELECT c.relname AS name FROM pg_class c
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

/** Rows of one organisation per tenant table, and a fingerprint of their content. */
async function snapshot(runner: Database, organisationId: string) {
  const result: Record<string, { rows: number; md5: string }> = {};
  for (const table of tenantTables) {
    const [row] = await query<{ rows: number; md5: string }>(
      runner,
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5
       FROM "${table}" t WHERE organisation_id = '${organisationId}'`,
    );
    result[table] = row!;
  }
  return result;
}

beforeAll(async () => {
  ({ handle, organisationId: orgB } = await openDemoDatabase({ today }));
  db = handle.db;
  await createPortfolio(db, orgA, 'acme');
  tenantTables = await listTenantTables();
});
afterAll(async () => {
  await handle?.close();
});

describe('policies', () => {
  it('puts org_isolation, USING and WITH CHECK, on every table with an organisation_id', async () => {
    expect(tenantTables.length).toBeGreaterThan(70);
    const policies = await query<{ table: string; rls: boolean; qual: string | null; check: string | null }>(
      db,
      `SELECT c.relname AS table, c.relrowsecurity AS rls, p.qual, p.with_check AS check
       FROM pg_class c LEFT JOIN pg_policies p
         ON p.schemaname = 'public' AND p.tablename = c.relname AND p.policyname = 'org_isolation'
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')`,
    );
    const byTable = new Map(policies.map((p) => [p.table, p]));
    const expected = '(organisation_id = current_user_org_id())';
    const unprotected = tenantTables.filter((table) => {
      const p = byTable.get(table);
      return !p?.rls || p.qual !== expected || p.check !== expected;
    });
    expect(unprotected, 'tenant tables without RLS and org_isolation').toEqual([]);
  });

  it('lets no view run with its owner’s rights (every view is security_invoker)', async () => {
    const views = await query<{ name: string; options: string[] | null }>(
      db,
      `SELECT c.relname AS name, c.reloptions AS options FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('v', 'm')`,
    );
    expect(views.length).toBeGreaterThan(15);
    const definer = views.filter((v) => !(v.options ?? []).includes('security_invoker=true')).map((v) => v.name);
    expect(definer).toEqual([]);
  });

  it('runs the seam as gantry_app with the organisation set, and forgets both after the transaction', async () => {
    const [inside] = await asOrganisation(orgA, (tx) =>
      query<{ role: string; org: string; actor: string }>(tx, `SELECT current_user AS role, current_user_org_id()::text AS org, current_actor() AS actor`),
    );
    expect(inside).toEqual({ role: 'gantry_app', org: orgA, actor: 'user:test' });
    const [after] = await query<{ role: string; org: string | null }>(db, `SELECT current_user AS role, current_user_org_id()::text AS org`);
    expect(after!.role).not.toBe('gantry_app');
    expect(after!.org).toBeNull();
  });
});

describe('organisation A cannot reach organisation B', () => {
  it('sees none of B’s rows in any tenant table, and an update of them changes nothing', async () => {
    const before = await snapshot(db, orgB);
    const tablesWithRows = Object.entries(before)
      .filter(([, s]) => s.rows > 0)
      .map(([t]) => t);
    expect(tablesWithRows.length, 'the demo fills most tenant tables').toBeGreaterThan(50);

    const seenAndUpdated = await asOrganisation(orgA, async (tx) => {
      const found: Record<string, [number, number]> = {};
      for (const table of tenantTables) {
        const [seen] = await query<{ n: number }>(tx, `SELECT count(*)::int AS n FROM "${table}" WHERE organisation_id = '${orgB}'`);
        const [updated] = await query<{ n: number }>(
          tx,
          `WITH changed AS (UPDATE "${table}" SET organisation_id = organisation_id WHERE organisation_id = '${orgB}' RETURNING 1)
           SELECT count(*)::int AS n FROM changed`,
        );
        if (seen!.n || updated!.n) found[table] = [seen!.n, updated!.n];
      }
      return found;
    });
    expect(seenAndUpdated).toEqual({});
    expect(await snapshot(db, orgB)).toEqual(before);
  });

  it('selects nothing of B by id, and its update of B’s row by id changes nothing', async () => {
    const byId = (tx: Database) => query<{ name: string }>(tx, `SELECT name FROM programs WHERE id = 'motus-cli'`);
    expect(await asOrganisation(orgA, byId)).toEqual([]);
    expect(await asOrganisation(orgB, byId)).toEqual([{ name: 'Motus coordination CLI' }]);

    const updated = await asOrganisation(orgA, (tx) => query(tx, `UPDATE programs SET name = 'Taken over' WHERE id = 'motus-cli' RETURNING id`));
    expect(updated).toEqual([]);
    expect(await query(db, `SELECT name FROM programs WHERE id = 'motus-cli'`)).toEqual([{ name: 'Motus coordination CLI' }]);

    const deleted = await asOrganisation(orgA, (tx) => query(tx, `DELETE FROM waves WHERE organisation_id = '${orgB}' RETURNING 1`));
    expect(deleted).toEqual([]);
  });

  it('is refused when it inserts a row for B, or moves its own row to B', async () => {
    for (const statement of [
      `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgB}', 'planted', 'Planted')`,
      `INSERT INTO audit_log (organisation_id, event_type, actor, action, instance_id) VALUES ('${orgB}', 'x', 'x', 'x', current_instance_id())`,
      `INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state) VALUES ('${orgB}', 'planted', 'ui', 'local', 'idle')`,
      `UPDATE programs SET organisation_id = '${orgB}' WHERE id = 'prog'`,
    ]) {
      await expectRefused(
        asOrganisation(orgA, (tx) => query(tx, statement)),
        { code: '42501', message: /row-level security/ },
      );
    }
    expect(await query(db, `SELECT id FROM programs WHERE id = 'planted'`)).toEqual([]);
  });

  it('sees nothing at all when no organisation is set', async () => {
    const rows = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'gantry_app', true)`);
      return query<{ n: number }>(tx as unknown as Database, `SELECT (SELECT count(*) FROM programs)::int + (SELECT count(*) FROM organisations)::int AS n`);
    });
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('reads through every view only its own organisation’s rows', async () => {
    const views = await query<{ name: string }>(
      db,
      `SELECT table_name AS name FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'organisation_id'
         AND table_name IN (SELECT viewname FROM pg_views WHERE schemaname = 'public') ORDER BY 1`,
    );
    expect(views.length).toBeGreaterThan(15);
    const count = (organisationId: string) =>
      asOrganisation(organisationId, async (tx) => {
        let total = 0;
        for (const { name } of views) {
          const [row] = await query<{ n: number }>(tx, `SELECT count(*)::int AS n FROM "${name}" WHERE organisation_id = '${orgB}'`);
          total += row!.n;
        }
        return total;
      });
    expect(await count(orgB)).toBeGreaterThan(0);
    expect(await count(orgA)).toBe(0);
  });

  it('sees its own organisation only, no secret of the instance, and no stranger’s account', async () => {
    const rows = await asOrganisation(orgA, async (tx) => ({
      organisations: await query<{ slug: string }>(tx, `SELECT slug FROM organisations`),
      config: await query<{ key: string }>(tx, `SELECT key FROM instance_config WHERE key IN ('instance_id', 'auth_secret', 'federation_api_key')`),
    }));
    expect(rows).toEqual({ organisations: [{ slug: 'acme' }], config: [{ key: 'instance_id' }] });
    await expectRefused(
      asOrganisation(orgA, (tx) => query(tx, `SELECT token FROM session`)),
      { code: '42501' },
    );
  });
});

describe('the rules under the application role', () => {
  it('keep working: the whole demo seeds into a new organisation through the seam, every trigger included', async () => {
    const orgC = randomUUID();
    await query(db, `INSERT INTO organisations (id, slug, name) VALUES ('${orgC}', 'copy', 'Copy')`);
    await asOrganisation(orgC, (tx) => seedDemoContent(tx, orgC, today));

    const demo = await snapshot(db, orgB);
    const copy = await snapshot(db, orgC);
    const rowsOf = (s: typeof demo) => Object.fromEntries(Object.entries(s).map(([t, v]) => [t, v.rows]));
    // Through the seam every insert has an actor, so each plan item's history starts with a
    // "created" version (migration plan_soft_delete), where the seed script's own rows start with
    // the baseline taken at their first change: the histories differ in length, nothing else does.
    const [created] = await query<{ n: number }>(
      db,
      `SELECT count(*)::int AS n FROM entity_versions WHERE organisation_id = '${orgC}' AND change_reason = 'created'`,
    );
    expect(created!.n).toBeGreaterThan(0);
    const { entity_versions: copyVersions, ...copyRows } = rowsOf(copy);
    const { entity_versions: demoVersions, ...demoRows } = rowsOf(demo);
    expect(copyRows).toEqual(demoRows);
    expect(copyVersions).toBeGreaterThan(demoVersions!);
    const [audit] = await query<{ n: number }>(db, `SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = '${orgC}'`);
    expect(audit!.n).toBeGreaterThan(0);
  });
});
