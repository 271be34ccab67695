import { beforeAll, describe, expect, it } from 'vitest';

import { createPortfolio, insertItems } from '../testing/roadmap-fixtures';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

const org = '00000000-0000-4000-8000-0000000000a4';

const sql = (statement: string) => query(handle.db, statement);

const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'policy-a');
  await sql(`INSERT INTO programs (organisation_id, id, name) VALUES ('${org}', 'prog2', 'Second program')`);
});

describe('roadmap_items columns (seeds 000 and 003 merged)', () => {
  it("takes the seeds' defaults", async () => {
    await sql(`INSERT INTO roadmap_items (organisation_id, id, phase_key, title) VALUES ('${org}', 'D1', 'phase_a', 'Defaults')`);
    const [row] = await sql(
      `SELECT status_key, scope, sort_order, item_type, rank, program_id FROM roadmap_items WHERE organisation_id = '${org}' AND id = 'D1'`,
    );
    expect(row).toEqual({ status_key: 'pending', scope: 'user', sort_order: 0, item_type: 'work', rank: null, program_id: null });
  });

  it('refuses an item type outside work / gate / holding / integration, and keys outside their domains', async () => {
    await expectRefused(insertItems(handle.db, org, [{ id: 'D2', type: 'epic' }]), { code: '23514', message: /roadmap_items_item_type_check/ });
    await expectRefused(insertItems(handle.db, org, [{ id: 'D2', phase: 'phase_z' }]), {
      code: '23514',
      message: 'TERMINOLOGY: "phase_z" is not a key of domain roadmap_phase',
    });
    await expectRefused(insertItems(handle.db, org, [{ id: 'D2', status: 'cancelled' }]), {
      message: 'TERMINOLOGY: "cancelled" is not a key of domain roadmap_status',
    });
    await insertItems(handle.db, org, [{ id: 'D2', phase: 'phase_f', type: 'holding' }]);
  });

  it('fills the program from the product, and refuses a product of another program', async () => {
    await sql(`INSERT INTO roadmap_items (organisation_id, id, phase_key, title, product_id) VALUES ('${org}', 'D3', 'phase_a', 'Scoped', 'prod')`);
    const [row] = await sql(`SELECT program_id FROM roadmap_items WHERE organisation_id = '${org}' AND id = 'D3'`);
    expect(row).toEqual({ program_id: 'prog' });
    await expectRefused(
      sql(`INSERT INTO roadmap_items (organisation_id, id, phase_key, title, program_id, product_id) VALUES ('${org}', 'D4', 'phase_a', 'X', 'prog2', 'prod')`),
      { code: '23514', message: 'ROADMAP: product prod belongs to program prog, not prog2' },
    );
    await expectRefused(sql(`UPDATE roadmap_items SET program_id = 'prog2' WHERE organisation_id = '${org}' AND id = 'D3'`), {
      message: 'ROADMAP: product prod belongs to program prog',
    });
    await expectRefused(sql(`UPDATE roadmap_items SET program_id = 'nope' WHERE organisation_id = '${org}' AND id = 'D1'`), {
      code: '23503',
      message: /roadmap_items_program_fk/,
    });
  });
});

describe('enforce_completed_immutable', () => {
  beforeAll(async () => {
    await insertItems(handle.db, org, [{ id: 'C1', phase: 'phase_b', status: 'completed' }]);
  });

  it("refuses to change a completed item's status", async () => {
    await expectRefused(sql(`UPDATE roadmap_items SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'C1'`), {
      code: '23514',
      message: 'POLICY: Completed items cannot be modified',
    });
  });

  it('still allows title edits and soft deletes of a completed item', async () => {
    await sql(`UPDATE roadmap_items SET title = 'Renamed', status_key = 'completed' WHERE organisation_id = '${org}' AND id = 'C1'`);
    await sql(`UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'C1'`);
  });
});

describe('enforce_phase_limit', () => {
  const fill = (phase: string, count: number, prefix: string, status = 'pending') =>
    insertItems(
      handle.db,
      org,
      Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, phase, status })),
    );

  it('allows 50 active items in a phase and refuses the 51st, whatever its own status', async () => {
    // Completed and deferred items do not count; pending, blocked and in-progress ones do.
    await fill('phase_c', 3, 'PC', 'completed');
    await fill('phase_c', 2, 'PD', 'deferred');
    await fill('phase_c', 48, 'P');
    await insertItems(handle.db, org, [
      { id: 'PB', phase: 'phase_c', status: 'blocked' },
      { id: 'PI', phase: 'phase_c', status: 'in_progress' },
    ]);
    await expectRefused(insertItems(handle.db, org, [{ id: 'P50', phase: 'phase_c' }]), {
      code: '23514',
      message: 'POLICY: Maximum 50 active items per phase',
    });
    await expectRefused(insertItems(handle.db, org, [{ id: 'P50', phase: 'phase_c', status: 'deferred' }]), {
      message: 'POLICY: Maximum 50 active items per phase',
    });
    // Nor do deleted ones.
    await sql(`UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'P0'`);
    await insertItems(handle.db, org, [{ id: 'P50', phase: 'phase_c' }]);
  });

  it('counts per organisation and per phase', async () => {
    await insertItems(handle.db, org, [{ id: 'N1', phase: 'phase_d' }]);
    const otherOrg = '00000000-0000-4000-8000-0000000000c4';
    await createPortfolio(handle.db, otherOrg, 'policy-c');
    await insertItems(handle.db, otherOrg, [{ id: 'N1', phase: 'phase_c' }]);
  });

  it('refuses to move an active item into a full phase, but lets completed ones move', async () => {
    await expectRefused(sql(`UPDATE roadmap_items SET phase_key = 'phase_c' WHERE organisation_id = '${org}' AND id = 'N1'`), {
      message: 'POLICY: Maximum 50 active items per phase',
    });
    await sql(`UPDATE roadmap_items SET phase_key = 'phase_d' WHERE organisation_id = '${org}' AND id = 'PC0'`);
  });

  it("reads the organisation's own limit for a phase when it has one", async () => {
    await sql(`INSERT INTO roadmap_phase_limits (organisation_id, phase_key, max_active_items) VALUES ('${org}', 'phase_d', 2)`);
    await insertItems(handle.db, org, [{ id: 'N2', phase: 'phase_d' }]);
    await expectRefused(insertItems(handle.db, org, [{ id: 'N3', phase: 'phase_d' }]), {
      message: 'POLICY: Maximum 2 active items per phase',
    });
    await sql(`UPDATE roadmap_phase_limits SET max_active_items = 60 WHERE organisation_id = '${org}' AND phase_key = 'phase_d'`);
    await insertItems(handle.db, org, [{ id: 'N3', phase: 'phase_d' }]);
    await expectRefused(sql(`INSERT INTO roadmap_phase_limits (organisation_id, phase_key, max_active_items) VALUES ('${org}', 'phase_e', 0)`), {
      code: '23514',
      message: /roadmap_phase_limits_max_active_items_check/,
    });
    await expectRefused(sql(`INSERT INTO roadmap_phase_limits (organisation_id, phase_key, max_active_items) VALUES ('${org}', 'phase_q', 5)`), {
      message: 'TERMINOLOGY: "phase_q" is not a key of domain roadmap_phase',
    });
  });
});

describe('terminology additions (seed 003)', () => {
  it('adds phase_f after post_launch and the roadmap item types', async () => {
    const rows = await sql(
      `SELECT domain, string_agg(internal_key, ',' ORDER BY sort_order) AS keys FROM terminology
       WHERE domain IN ('roadmap_phase', 'roadmap_item_type') GROUP BY domain ORDER BY domain`,
    );
    expect(rows).toEqual([
      { domain: 'roadmap_item_type', keys: 'work,gate,holding,integration' },
      { domain: 'roadmap_phase', keys: 'phase_a,phase_b,phase_c,phase_d,phase_e,post_launch,phase_f' },
    ]);
  });
});
