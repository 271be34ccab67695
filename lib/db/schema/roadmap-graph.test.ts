import { beforeAll, describe, expect, it } from 'vitest';

import { createPortfolio, insertEdges, insertItems } from '../testing/roadmap-fixtures';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

const org = '00000000-0000-4000-8000-0000000000a1';
const other = '00000000-0000-4000-8000-0000000000b1';

const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'graph-a');
  await createPortfolio(db, other, 'graph-b');
});

const sql = (statement: string) => query(handle.db, statement);

describe('roadmap_dependencies rules', () => {
  beforeAll(async () => {
    await insertItems(
      handle.db,
      org,
      ['A', 'B', 'C', 'D', 'E'].map((id) => ({ id })),
    );
  });

  it("defaults an edge to 'blocks' and refuses a type outside blocks / soft / related", async () => {
    await sql(`INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id) VALUES ('${org}', 'B', 'A')`);
    const [edge] = await sql(`SELECT dependency_type FROM roadmap_dependencies WHERE organisation_id = '${org}' AND item_id = 'B'`);
    expect(edge).toEqual({ dependency_type: 'blocks' });
    await expectRefused(insertEdges(handle.db, org, [['C', 'A', 'supersedes']]), {
      code: '23514',
      message: /roadmap_dependencies_dependency_type_check/,
    });
  });

  it('refuses a self edge as a cycle, before the CHECK', async () => {
    await expectRefused(insertEdges(handle.db, org, [['C', 'C']]), {
      code: '23514',
      message: 'Circular dependency detected',
    });
  });

  it('refuses an edge that closes a loop, whatever the edge types along it', async () => {
    // B -> A exists; C -(soft)-> B; D -(related)-> C.
    await insertEdges(handle.db, org, [
      ['C', 'B', 'soft'],
      ['D', 'C', 'related'],
    ]);
    await expectRefused(insertEdges(handle.db, org, [['A', 'B']]), { message: 'Circular dependency detected' });
    await expectRefused(insertEdges(handle.db, org, [['A', 'D', 'related']]), { message: 'Circular dependency detected' });
    await expectRefused(insertEdges(handle.db, org, [['B', 'D', 'soft']]), { message: 'Circular dependency detected' });
  });

  it('finds a loop whichever side of the search reaches it (a wide fan-out makes it search backwards)', async () => {
    const ids = ['W1', 'W2', 'W3', 'W4', 'F1', 'F2', 'F3', 'F4', 'F5'];
    await insertItems(
      handle.db,
      org,
      ids.map((id) => ({ id, phase: 'phase_b' })),
    );
    // W1 -> W2 -> W3 -> W4, and W1 fans out to F1..F5.
    await insertEdges(handle.db, org, [['W1', 'W2'], ['W2', 'W3'], ['W3', 'W4'], ...ids.slice(4).map((f): [string, string] => ['W1', f])]);
    await expectRefused(insertEdges(handle.db, org, [['W4', 'W1', 'related']]), {
      message: 'Circular dependency detected: W4 -> W1 would close a loop',
    });
    await insertEdges(handle.db, org, [['F1', 'W4', 'soft']]);
  });

  it('accepts two paths to one item (a diamond is not a cycle)', async () => {
    await insertEdges(handle.db, org, [
      ['D', 'A'],
      ['E', 'D'],
      ['E', 'B'],
    ]);
    const [row] = await sql(`SELECT count(*)::int AS n FROM roadmap_dependencies WHERE organisation_id = '${org}' AND item_id IN ('A', 'B', 'C', 'D', 'E')`);
    expect(row).toEqual({ n: 6 });
  });

  it('checks an edge that is re-pointed by UPDATE, without counting the edge it replaces', async () => {
    // E -> B re-pointed to E -> C: still acyclic.
    await sql(`UPDATE roadmap_dependencies SET depends_on_id = 'C' WHERE organisation_id = '${org}' AND item_id = 'E' AND depends_on_id = 'B'`);
    // A -> ... would reach A again through D -> A.
    await expectRefused(
      sql(`UPDATE roadmap_dependencies SET item_id = 'A', depends_on_id = 'E' WHERE organisation_id = '${org}' AND item_id = 'E' AND depends_on_id = 'C'`),
      { message: 'Circular dependency detected' },
    );
  });

  it('keeps the graphs of organisations apart', async () => {
    await insertItems(handle.db, other, [{ id: 'A' }, { id: 'B' }]);
    // In the other organisation, A -> B closes no loop even though org has B -> A.
    await insertEdges(handle.db, other, [['A', 'B']]);
    await expectRefused(sql(`INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id) VALUES ('${other}', 'A', 'C')`), {
      code: '23503',
      message: /roadmap_dependencies_depends_on_fk/,
    });
  });

  it('writes an audit row for every created, changed and removed edge (roadmap_dep_audit_insert, _update, _delete)', async () => {
    await insertItems(handle.db, org, [{ id: 'F' }, { id: 'G' }]);
    await sql(
      `INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id, dependency_type, created_by) VALUES ('${org}', 'G', 'F', 'soft', 'ben')`,
    );
    await sql(`UPDATE roadmap_dependencies SET dependency_type = 'blocks' WHERE organisation_id = '${org}' AND item_id = 'G'`);
    await sql(`DELETE FROM roadmap_dependencies WHERE organisation_id = '${org}' AND item_id = 'G'`);
    const rows = await sql(
      `SELECT a.event_type, a.resource_type, a.actor, a.resource_id, a.action, a.old_value, a.new_value,
              a.instance_id = (SELECT value FROM instance_config WHERE key = 'instance_id') AS same_instance, a.protocol_version
       FROM audit_log a WHERE a.organisation_id = '${org}' AND a.resource_id = 'G->F' ORDER BY a.id`,
    );
    const common = { event_type: 'roadmap_dependency', resource_type: 'roadmap_dependency', resource_id: 'G->F', same_instance: true, protocol_version: 1 };
    expect(rows).toEqual([
      { ...common, actor: 'ben', action: 'create', old_value: null, new_value: { item_id: 'G', depends_on_id: 'F', type: 'soft' } },
      {
        ...common,
        actor: 'system',
        action: 'update',
        old_value: { item_id: 'G', depends_on_id: 'F', type: 'soft' },
        new_value: { item_id: 'G', depends_on_id: 'F', type: 'blocks' },
      },
      { ...common, actor: 'system', action: 'delete', old_value: { item_id: 'G', depends_on_id: 'F', type: 'blocks' }, new_value: null },
    ]);
    // The seed's defaults: an edge without created_by is audited as 'system'.
    const [first] = await sql(`SELECT actor FROM audit_log WHERE organisation_id = '${org}' AND resource_id = 'B->A'`);
    expect(first).toEqual({ actor: 'system' });
  });
});

// Each case inserts more than 2,000 checked edges: about 0.3–1.5 s of one quiet core, several
// times that beside the rest of CI, so these cases have a budget of their own.
describe('roadmap_dep_no_cycles on large graphs', { timeout: 240_000 }, () => {
  /**
   * The new edge X -> Y, where Y depends on `leaves` items and `roots` items depend on X: both
   * sides outgrow the meet-in-the-middle budget, so the walk from the smaller frontier decides.
   * With `closing`, leaf 5 -> Z -> X makes the edge close a loop.
   */
  async function wideGraph(prefix: string, leaves: number, roots: number, closing: boolean) {
    const item = (id: string) => `('${org}', '${prefix}${id}', 'phase_e', 'Wide', 'completed')`;
    await sql(
      `INSERT INTO roadmap_items (organisation_id, id, phase_key, title, status_key)
       SELECT '${org}'::uuid, '${prefix}L' || g, 'phase_e', 'Leaf', 'completed' FROM generate_series(1, ${leaves}) g
       UNION ALL SELECT '${org}'::uuid, '${prefix}K' || g, 'phase_e', 'Root', 'completed' FROM generate_series(1, ${roots}) g`,
    );
    await sql(`INSERT INTO roadmap_items (organisation_id, id, phase_key, title, status_key) VALUES ${['X', 'Y', 'Z'].map(item).join(', ')}`);
    // The connection planned its foreign-key checks when roadmap_items was small, as a scan of the
    // whole table; fresh statistics (autovacuum's work in a running system, off here) replan them
    // as index lookups, so each edge below costs the same however many items earlier cases added.
    await sql(`ANALYZE roadmap_items`);
    await sql(
      `INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id)
       SELECT '${org}'::uuid, '${prefix}Y', '${prefix}L' || g FROM generate_series(1, ${leaves}) g
       UNION ALL SELECT '${org}'::uuid, '${prefix}K' || g, '${prefix}X' FROM generate_series(1, ${roots}) g`,
    );
    await insertEdges(handle.db, org, [[`${prefix}Z`, `${prefix}X`]]);
    if (closing) await insertEdges(handle.db, org, [[`${prefix}L5`, `${prefix}Z`, 'soft']]);
    return () => insertEdges(handle.db, org, [[`${prefix}X`, `${prefix}Y`]]);
  }

  it('finds a loop when the walk goes forward from the smaller frontier', async () => {
    const close = await wideGraph('WF', 1000, 1100, true);
    await expectRefused(close(), { message: 'Circular dependency detected: WFX -> WFY would close a loop' });
  });

  it('finds a loop when the walk goes backward from the smaller frontier', async () => {
    const close = await wideGraph('WB', 1100, 1000, true);
    await expectRefused(close(), { message: 'Circular dependency detected: WBX -> WBY would close a loop' });
  });

  it('accepts the edge when no path closes the loop', async () => {
    const close = await wideGraph('WN', 1100, 1100, false);
    await close();
  });
});

describe('roadmap_status_check_deps', () => {
  beforeAll(async () => {
    await insertItems(handle.db, org, [
      { id: 'S1', status: 'completed' },
      { id: 'S2', status: 'deferred' },
      { id: 'S3' },
      { id: 'S4' },
      { id: 'S5' },
      { id: 'S6' },
    ]);
    // S3 needs S1 (done) and S2 (deferred); S4 only has soft and related edges to open items; S5 needs S6.
    await insertEdges(handle.db, org, [
      ['S3', 'S1'],
      ['S3', 'S2'],
      ['S4', 'S3', 'soft'],
      ['S4', 'S2', 'related'],
      ['S5', 'S6'],
    ]);
  });

  it('refuses to start an item while a blocks dependency is not completed, even a deferred one', async () => {
    await expectRefused(sql(`UPDATE roadmap_items SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'S3'`), {
      code: '23514',
      message: 'Cannot start: blocking dependencies not complete',
    });
  });

  it('lets soft and related edges never block', async () => {
    await sql(`UPDATE roadmap_items SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'S4'`);
  });

  it('still counts a soft-deleted open dependency as blocking, and checks only the change to in_progress', async () => {
    await sql(`UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'S6'`);
    await expectRefused(sql(`UPDATE roadmap_items SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'S5'`), {
      message: 'Cannot start: blocking dependencies not complete (S5 waits for S6)',
    });
    // Other moves of an item with open dependencies are not this trigger's business.
    await sql(`UPDATE roadmap_items SET status_key = 'blocked' WHERE organisation_id = '${org}' AND id = 'S3'`);
  });

  it('lets a blocked item start once its blocking dependencies are completed', async () => {
    // Completion needs evidence (roadmap_completion_requires_evidence).
    await sql(
      `INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, created_by) VALUES ('${org}', 'E-S2', 'S2', 'test_result', 'https://ci.example/S2', 'abababababababababababababababababababababababababababababababab', 'tester')`,
    );
    await sql(`UPDATE roadmap_items SET status_key = 'completed' WHERE organisation_id = '${org}' AND id = 'S2'`);
    await sql(`UPDATE roadmap_items SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'S3'`);
  });
});
