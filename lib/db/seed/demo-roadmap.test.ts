import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { seedDemoPortfolio } from './demo';
import { seedDemoRoadmap } from './demo-roadmap';

let organisationId = '';
const today = new Date('2026-01-15T09:00:00Z');

const TABLES = [
  'change_requests',
  'cr_dependencies',
  'roadmap_items',
  'roadmap_dependencies',
  'roadmap_assignments',
  'assignment_prerequisites',
  'bugs',
  'entity_versions',
  'audit_log',
];

async function counts() {
  const parts = TABLES.map((t) => `(SELECT count(*)::int FROM ${t} WHERE organisation_id = '${organisationId}') AS ${t}`);
  const [row] = await query(handle.db, `SELECT ${parts.join(', ')}`);
  return row;
}

const handle = setUpTestDatabase(async (db) => {
  ({ organisationId } = await db.transaction((tx) => seedDemoPortfolio(tx, today)));
});

describe('seedDemoRoadmap', () => {
  it('fills the demo programs with change requests, a roadmap, assignments and bugs', async () => {
    const inserted = await handle.db.transaction((tx) => seedDemoRoadmap(tx, organisationId, today));
    expect(inserted).toEqual({ changeRequests: 13, crDependencies: 5, roadmapItems: 22, roadmapDependencies: 23, assignments: 10, bugs: 7 });
    const sets = await query<{ what: string; keys: string }>(
      handle.db,
      `SELECT 'cr' AS what, string_agg(DISTINCT status_key, ',' ORDER BY status_key) AS keys FROM change_requests WHERE organisation_id = '${organisationId}'
       UNION ALL SELECT 'phase', string_agg(DISTINCT phase_key, ',' ORDER BY phase_key) FROM roadmap_items WHERE organisation_id = '${organisationId}'
       UNION ALL SELECT 'status', string_agg(DISTINCT status_key, ',' ORDER BY status_key) FROM roadmap_items WHERE organisation_id = '${organisationId}'
       UNION ALL SELECT 'type', string_agg(DISTINCT item_type, ',' ORDER BY item_type) FROM roadmap_items WHERE organisation_id = '${organisationId}'
       UNION ALL SELECT 'edge', string_agg(DISTINCT dependency_type, ',' ORDER BY dependency_type) FROM roadmap_dependencies WHERE organisation_id = '${organisationId}'
       UNION ALL SELECT 'severity', string_agg(DISTINCT severity_key, ',' ORDER BY severity_key) FROM bugs WHERE organisation_id = '${organisationId}'`,
    );
    expect(Object.fromEntries(sets.map((s) => [s.what, s.keys]))).toEqual({
      cr: 'done,in_progress,queue,review',
      phase: 'phase_a,phase_b,phase_c,phase_d,phase_e,phase_f,post_launch',
      status: 'blocked,completed,deferred,in_progress,pending',
      type: 'gate,holding,integration,work',
      edge: 'blocks,related,soft',
      severity: 'critical,high,low,medium',
    });
  });

  it('tells a story through the views: ready and blocked queues, surfaced prerequisites, history', async () => {
    const ready = await query(handle.db, `SELECT id FROM v_ready_items WHERE organisation_id = '${organisationId}'`);
    expect(ready.map((r) => r.id)).toEqual(['RI-005', 'RI-104', 'RI-106', 'RI-201', 'RI-013']);
    const blocked = await query(handle.db, `SELECT id FROM v_blocked_items WHERE organisation_id = '${organisationId}' ORDER BY id`);
    expect(blocked.map((r) => r.id)).toEqual(['RI-004', 'RI-006', 'RI-007', 'RI-009', 'RI-011', 'RI-103', 'RI-105']);
    const open = await query(handle.db, `SELECT prerequisite_item_id FROM v_unassigned_prerequisites WHERE organisation_id = '${organisationId}' ORDER BY 1`);
    expect(open.map((r) => r.prerequisite_item_id)).toEqual(['RI-004', 'RI-005', 'RI-103']);
    const [history] = await query(
      handle.db,
      `SELECT count(*)::int AS n FROM entity_versions WHERE organisation_id = '${organisationId}' AND entity_type = 'cr' AND entity_id = 'CR-2025-10-02-004'`,
    );
    // Its three recorded changes, and the state before the first of them (capture_entity_version, migration actor_rules).
    expect(history).toEqual({ n: 4 });
  });

  it('adds nothing when it runs again', async () => {
    const before = await counts();
    const inserted = await handle.db.transaction((tx) => seedDemoRoadmap(tx, organisationId, today));
    expect(Object.values(inserted).every((n) => n === 0)).toBe(true);
    expect(await counts()).toEqual(before);
  });
});
