import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../../connection';
import { query } from '../../testing/sql';
import { openTestDatabase } from '../../testing/test-database';
import { type ScaleProgress, seedScale, type SeedScaleResult } from './index';
import { SCALE_PROJECT_NAME } from './planning';

// Scale L at 0.2 %: about 200 work items, 600 edges, 2,000 compliance results, heartbeats and
// audit rows. The shape is the same as at full size; only the volumes shrink.
const FACTOR = 0.002;
const today = new Date('2026-11-22T12:00:00Z');

let handle: DatabaseHandle;
let result: SeedScaleResult;
const progress: ScaleProgress[] = [];

beforeAll(async () => {
  handle = await openTestDatabase();
  result = await seedScale(handle.db, { factor: FACTOR, today, onProgress: (p) => progress.push(p) });
}, 120_000);
afterAll(async () => {
  await handle?.close();
});

const one = async <T>(statement: string) => (await query<T>(handle.db, statement))[0]!;
const count = async (statement: string) => (await one<{ n: number }>(`SELECT (${statement})::int AS n`)).n;

describe('seedScale (scale L at a small factor)', () => {
  it('writes the volumes it was asked for, in the proportions of scale L', async () => {
    const s = result.sizes;
    expect(result.added).toBe(true);
    expect(await count(`SELECT count(*) FROM roadmap_items WHERE id LIKE 'L-RI-%'`)).toBe(s.roadmapItems);
    expect(await count(`SELECT count(*) FROM change_requests WHERE id LIKE 'L-CR-%'`)).toBe(s.changeRequests);
    expect(await count(`SELECT count(*) FROM tasks WHERE architecture_reference LIKE 'docs/architecture/scale/%'`)).toBe(s.tasks);
    expect(
      await count(`SELECT count(*) FROM card c JOIN project p ON p.organisation_id = c.organisation_id AND p.id = c.project_id
                        WHERE p.name = '${SCALE_PROJECT_NAME}'`),
    ).toBe(s.cards);
    expect(await count(`SELECT count(*) FROM roadmap_dependencies WHERE item_id LIKE 'L-RI-%'`)).toBe(s.edges);
    expect(await count(`SELECT count(*) FROM compliance_results WHERE standard_id LIKE 'STD-L-%'`)).toBe(s.complianceResults);
    expect(await count(`SELECT count(*) FROM heartbeats WHERE builder_id LIKE 'l-builder-%'`)).toBe(s.heartbeats);
    // The edges' own audit rows (trigger) and the rows the audit step wrote.
    expect(
      await count(`SELECT count(*) FROM audit_log WHERE context->>'source' = 'scale-seed'
                     OR (resource_type = 'roadmap_dependency' AND resource_id LIKE 'L-RI-%')`),
    ).toBe(s.auditRows);

    const workItems = s.roadmapItems + s.changeRequests + s.tasks + s.cards;
    expect(workItems).toBeGreaterThanOrEqual(100_000 * FACTOR * 0.95);
    expect(workItems).toBeLessThanOrEqual(100_000 * FACTOR * 1.05);
    expect(s.roadmapItems / workItems).toBeGreaterThan(0.75);
    expect(s.edges / s.roadmapItems).toBeCloseTo(3.75, 1);
    expect(s.complianceResults).toBe(s.heartbeats);
    expect(s.auditRows).toBe(s.heartbeats);
  });

  it('puts every row in the demo organisation', async () => {
    const { id: demo } = await one<{ id: string }>(`SELECT id FROM organisations WHERE slug = 'demo'`);
    expect(demo).toBe(result.organisationId);
    expect(await count('SELECT count(*) FROM organisations')).toBe(1);
    for (const table of [
      'roadmap_items',
      'roadmap_dependencies',
      'change_requests',
      'releases',
      'tasks',
      'waves',
      'builders',
      'heartbeats',
      'compliance_results',
      'card',
      'workflow_activity',
      'roadmap_phase_limits',
    ]) {
      const rows = await query<{ organisation_id: string }>(handle.db, `SELECT DISTINCT organisation_id::text FROM ${table}`);
      expect(rows, table).toEqual([{ organisation_id: demo }]);
    }
    expect(await count(`SELECT count(*) FROM audit_log WHERE organisation_id IS DISTINCT FROM '${demo}'`)).toBe(0);
  });

  it('keeps the dependency graph acyclic: every edge points to a lower item number, and no item reaches itself', async () => {
    expect(
      await count(`SELECT count(*) FROM roadmap_dependencies
                        WHERE item_id LIKE 'L-RI-%' AND substr(depends_on_id, 6)::int >= substr(item_id, 6)::int`),
    ).toBe(0);
    const { loops } = await one<{ loops: number }>(`
      WITH RECURSIVE reach(origin, node) AS (
        SELECT item_id, depends_on_id FROM roadmap_dependencies
        UNION
        SELECT r.origin, d.depends_on_id FROM reach r
        JOIN roadmap_dependencies d ON d.item_id = r.node)
      SELECT count(*)::int AS loops FROM reach WHERE origin = node`);
    expect(loops).toBe(0);
    const types = await query<{ dependency_type: string }>(
      handle.db,
      `SELECT DISTINCT dependency_type FROM roadmap_dependencies WHERE item_id LIKE 'L-RI-%' ORDER BY 1`,
    );
    expect(types.map((t) => t.dependency_type)).toEqual(['blocks', 'related', 'soft']);
  });

  it('gives the ready and the blocked queue work, and never lets started or finished work block on unfinished work', async () => {
    expect(await count(`SELECT count(*) FROM v_ready_items WHERE id LIKE 'L-RI-%'`)).toBeGreaterThan(0);
    expect(await count(`SELECT count(*) FROM v_blocked_items WHERE id LIKE 'L-RI-%'`)).toBeGreaterThan(0);
    expect(
      await count(`SELECT count(*) FROM roadmap_dependencies d
                        JOIN roadmap_items i ON i.organisation_id = d.organisation_id AND i.id = d.item_id
                        JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
                        WHERE d.dependency_type = 'blocks' AND i.status_key IN ('in_progress', 'completed')
                          AND p.status_key <> 'completed'`),
    ).toBe(0);
    const statuses = await query<{ status_key: string }>(handle.db, `SELECT DISTINCT status_key FROM roadmap_items WHERE id LIKE 'L-RI-%' ORDER BY 1`);
    expect(statuses.map((s) => s.status_key)).toEqual(['blocked', 'completed', 'deferred', 'in_progress', 'pending']);
  });

  it('stays within the phase limits it raised, and the builders know their newest heartbeat', async () => {
    expect(
      await count(`SELECT count(*) FROM roadmap_phase_limits l
                        WHERE l.max_active_items < (SELECT count(*) FROM roadmap_items i
                          WHERE i.organisation_id = l.organisation_id AND i.phase_key = l.phase_key AND i.deleted_at IS NULL
                            AND i.status_key NOT IN ('completed', 'deferred'))`),
    ).toBe(0);
    expect(
      await count(`SELECT count(*) FROM builders b WHERE b.builder_id LIKE 'l-builder-%'
                        AND b.last_heartbeat IS DISTINCT FROM (SELECT max(h."timestamp") FROM heartbeats h
                          WHERE h.organisation_id = b.organisation_id AND h.builder_id = b.builder_id)`),
    ).toBe(0);
    const releases = await query<{ status: string }>(
      handle.db,
      `SELECT DISTINCT status FROM v_compliance_status WHERE release_id LIKE 'l-release-%' ORDER BY 1`,
    );
    expect(releases.length).toBeGreaterThanOrEqual(2);
  });

  it('reports each step as it goes and once when it ends, and a second run adds nothing', async () => {
    const finished = progress.filter((p) => p.finished).map((p) => p.step);
    expect(finished).toEqual([
      'portfolio',
      'change requests and roadmap items',
      'roadmap dependencies',
      'builders, waves and tasks',
      'heartbeats',
      'compliance results',
      'planning board',
      'audit log',
      'vacuum and analyse',
    ]);
    expect(progress.filter((p) => p.finished).every((p) => p.done === p.total)).toBe(true);

    const again = await seedScale(handle.db, { factor: FACTOR, today });
    expect(again.added).toBe(false);
    expect(await count(`SELECT count(*) FROM roadmap_items WHERE id LIKE 'L-RI-%'`)).toBe(result.sizes.roadmapItems);
  });
});
