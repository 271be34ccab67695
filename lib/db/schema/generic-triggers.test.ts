import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../connection';
import { expectRefused, query } from '../testing/sql';
import { openDemoDatabase } from '../testing/test-database';

/**
 * The three trigger families that many tables share, each trigger exercised by name on a row of
 * the demo data: append-only tables refuse UPDATE and DELETE with the seed's message, updated_at
 * follows every update, and terminology keys outside their domain are refused. The list comes
 * from the database's catalogue, so a table that gains such a trigger is covered at once.
 */
interface TriggerRow {
  trigger: string;
  table: string;
  fn: string;
  /** DELETE for a delete trigger; UPDATE when it fires on update (and perhaps insert). */
  event: 'UPDATE' | 'DELETE' | 'INSERT';
  args: string[];
}

let handle: DatabaseHandle;
let triggers: TriggerRow[];

beforeAll(async () => {
  const demo = await openDemoDatabase({ today: new Date('2026-11-22T12:00:00Z') });
  handle = demo.handle;
  const org = demo.organisationId;
  // The legacy kernel tables hold no demo rows (nothing writes them any more): one row each.
  for (const insert of [
    `INSERT INTO kernel_decisions (organisation_id, id, decision_type, decision_summary, decided_by) VALUES ('${org}', 'KD-1', 'approval', 'Legacy approval', 'system')`,
    `INSERT INTO kernel_evidence (organisation_id, id, evidence_type, created_by) VALUES ('${org}', 'KE-1', 'log', 'system')`,
    `INSERT INTO kernel_outcomes (organisation_id, id, outcome_type, created_by) VALUES ('${org}', 'KO-1', 'completed', 'system')`,
  ]) {
    await query(handle.db, insert);
  }
  const rows = await query<Omit<TriggerRow, 'args'> & { def: string }>(
    handle.db,
    `SELECT t.tgname AS trigger, c.relname AS table, p.proname AS fn, pg_get_triggerdef(t.oid) AS def,
            CASE WHEN t.tgtype & 8 <> 0 THEN 'DELETE' WHEN t.tgtype & 16 <> 0 THEN 'UPDATE' ELSE 'INSERT' END AS event
       FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE NOT t.tgisinternal AND p.proname IN ('reject_append_only_change', 'set_updated_at', 'enforce_terminology_keys')
      ORDER BY t.tgname`,
  );
  // The arguments, as the quoted literals of "EXECUTE FUNCTION fn('a', 'b')".
  triggers = rows.map(({ def, ...row }) => ({
    ...row,
    args: [...def.slice(def.indexOf('EXECUTE FUNCTION')).matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'")),
  }));
});
afterAll(async () => {
  await handle?.close();
});

/** One demo row of the table, by ctid, or none. */
async function anyRow(table: string): Promise<string | null> {
  const [row] = await query<{ ctid: string }>(handle.db, `SELECT ctid::text AS ctid FROM "${table}" LIMIT 1`);
  return row?.ctid ?? null;
}

/** Runs a statement in a transaction that is always rolled back, so tests leave the demo as it was. */
async function inRolledBack<T>(run: (tx: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  let result!: T;
  await handle.db
    .transaction(async (tx) => {
      result = await run(tx);
      throw new RollBack();
    })
    .catch((error: unknown) => {
      if (!(error instanceof RollBack)) throw error;
    });
  return result;
}
class RollBack extends Error {}

describe('generic triggers, by name', () => {
  it('finds the three families in the catalogue', () => {
    const count = (fn: string) => triggers.filter((t) => t.fn === fn).length;
    expect(count('reject_append_only_change')).toBeGreaterThanOrEqual(20);
    expect(count('set_updated_at')).toBeGreaterThanOrEqual(40);
    expect(count('enforce_terminology_keys')).toBeGreaterThanOrEqual(10);
  });

  it('append-only: every *_immutable / *_no_update / *_no_delete refuses with its message', async () => {
    const checked: string[] = [];
    const withoutRows: string[] = [];
    for (const t of triggers.filter((x) => x.fn === 'reject_append_only_change')) {
      const ctid = await anyRow(t.table);
      if (!ctid) {
        withoutRows.push(t.table);
        continue;
      }
      const [column] = await query<{ name: string }>(
        handle.db,
        `SELECT attname AS name FROM pg_attribute WHERE attrelid = '"${t.table}"'::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' AND attidentity = '' ORDER BY attnum LIMIT 1`,
      );
      const statement =
        t.event === 'DELETE'
          ? `DELETE FROM "${t.table}" WHERE ctid = '${ctid}'`
          : `UPDATE "${t.table}" SET "${column!.name}" = "${column!.name}" WHERE ctid = '${ctid}'`;
      await expectRefused(() => inRolledBack((tx) => query(tx, statement)), { message: t.args[0]!, code: '23514' });
      checked.push(t.trigger);
    }
    // Every append-only table holds demo rows, so every trigger was exercised.
    expect(withoutRows, 'append-only tables without demo rows').toEqual([]);
    expect(checked).toContain('audit_log_immutable');
    expect(checked).toContain('decisions_no_update');
    expect(checked).toContain('compliance_no_delete');
  });

  it('updated_at: every *_updated_at moves updated_at forward on an update', async () => {
    const stale: string[] = [];
    for (const t of triggers.filter((x) => x.fn === 'set_updated_at')) {
      const ctid = await anyRow(t.table);
      if (!ctid) continue;
      const [row] = await inRolledBack((tx) =>
        query<{ fresh: boolean }>(
          tx,
          `UPDATE "${t.table}" SET updated_at = '2000-01-01T00:00:00Z' WHERE ctid = '${ctid}' RETURNING updated_at > now() - interval '1 hour' AS fresh`,
        ),
      );
      if (!row?.fresh) stale.push(t.trigger);
    }
    expect(stale, 'updated_at triggers that left a stale value').toEqual([]);
  });

  it('terminology keys: every *_terminology_keys refuses a key outside its domain, naming the domain', async () => {
    for (const t of triggers.filter((x) => x.fn === 'enforce_terminology_keys')) {
      const ctid = await anyRow(t.table);
      if (!ctid) continue;
      for (let i = 0; i < t.args.length; i += 2) {
        const [column, domain] = [t.args[i]!, t.args[i + 1]!];
        await expectRefused(() => inRolledBack((tx) => query(tx, `UPDATE "${t.table}" SET "${column}" = 'not_a_key' WHERE ctid = '${ctid}'`)), {
          message: `TERMINOLOGY: "not_a_key" is not a key of domain ${domain}`,
          code: '23514',
        });
      }
    }
  });
});
