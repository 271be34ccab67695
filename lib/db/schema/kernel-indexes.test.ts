import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { createKernelWorld } from './kernel.fixture';

const org = '00000000-0000-4000-8000-0000000000e9';

/**
 * Enough rows that the planner chooses by cost: 1,000 items with three ended attempts each,
 * their evidence and decisions, 2,000 blockers (most resolved), 2,000 leases; then ANALYZE.
 */
const volume = [
  `INSERT INTO roadmap_items (organisation_id, id, phase_key, title, status_key)
   SELECT '${org}', 'I' || g, 'phase_b', 'Item ' || g, 'completed' FROM generate_series(1, 1000) g`,
  `INSERT INTO attempts (organisation_id, id, work_id, worker_id, worker_type, started_at, ended_at, outcome)
   SELECT '${org}', 'AT' || g || '-' || k, 'I' || g, 'agent:' || (g % 7), 'agent',
          now() - make_interval(days => 4 - k), now() - make_interval(days => 3 - k), 'failed'
     FROM generate_series(1, 1000) g, generate_series(1, 3) k`,
  `INSERT INTO evidence (organisation_id, id, work_id, attempt_id, evidence_type, uri, sha256, created_by, created_at)
   SELECT '${org}', 'EV' || g || '-' || k, 'I' || g, 'AT' || g || '-' || k, 'log', 'https://ci.example/' || g, md5(g::text) || md5(k::text),
          'agent', now() - make_interval(days => 4 - k)
     FROM generate_series(1, 1000) g, generate_series(1, 3) k`,
  `INSERT INTO decisions (organisation_id, id, work_id, decision_type, decided_at)
   SELECT '${org}', 'DE' || g || '-' || k, 'I' || g,
          (ARRAY['approval', 'waiver', 'review_passed', 'review_rejected', 'plan_committed', 'completion_accepted'])[1 + (g + k) % 6],
          now() - make_interval(days => k)
     FROM generate_series(1, 1000) g, generate_series(1, 3) k`,
  `INSERT INTO blockers (organisation_id, id, work_id, reason_code, title, created_by, created_at, detected_at, resolved_at, resolution)
   SELECT '${org}', 'BW' || g, 'I' || (1 + g % 1000),
          (ARRAY['missing_approval', 'missing_info', 'missing_dependency', 'technical_failure', 'other'])[1 + g % 5], 'Blocked',
          'agent', now() - make_interval(hours => g), now() - make_interval(hours => g),
          CASE WHEN g % 20 = 0 THEN NULL ELSE now() END, 'Done'
     FROM generate_series(1, 1000) g`,
  `INSERT INTO blockers (organisation_id, id, program_id, classification, description, created_by, created_at, detected_at, resolved_at, resolution, resolution_action)
   SELECT '${org}', 'BF' || g, CASE WHEN g % 2 = 0 THEN 'prog' ELSE 'prog2' END,
          (ARRAY['architecture_qa_mismatch', 'impossible_requirements', 'protected_path', 'repeated_failures', 'constitutional_violation', 'builder_stall'])[1 + g % 6],
          'Stalled', 'foreman', now() - make_interval(hours => g), now() - make_interval(hours => g),
          CASE WHEN g % 20 = 0 THEN NULL ELSE now() END, 'Restarted the builder', 'update_qa'
     FROM generate_series(1, 1000) g`,
  `INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, acquired_at, ttl_seconds, expires_at, released_at)
   SELECT '${org}', 'LE' || g, 'file', 'f' || (g % 500), 'write', 'agent', now() - interval '2 hours', 3600,
          now() - interval '1 hour', now() - interval '90 minutes'
     FROM generate_series(1, 2000) g`,
  'ANALYZE',
];

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'kernel-indexes');
  for (const statement of volume) await query(db, statement);
});

/** The plan of `statement` with sequential scans priced out: which indexes can serve it. */
async function plan(statement: string): Promise<string> {
  return handle.db.transaction(async (tx) => {
    await query(tx, 'SET LOCAL enable_seqscan = off');
    const rows = await query<{ 'QUERY PLAN': string }>(tx, `EXPLAIN ${statement}`);
    return rows.map((row) => row['QUERY PLAN']).join('\n');
  });
}

describe('indexes the kernel rules and pages read', () => {
  it.each([
    [
      'an item’s open attempt (no double claim)',
      'attempts_open_work_key',
      `SELECT 1 FROM attempts WHERE organisation_id = '${org}' AND work_id = 'I5' AND ended_at IS NULL`,
    ],
    ['an item’s attempts', 'attempts_work_attempt_key', `SELECT * FROM attempts WHERE organisation_id = '${org}' AND work_id = 'I5'`],
    ['evidence of an attempt (completion)', 'evidence_attempt_idx', `SELECT 1 FROM evidence WHERE organisation_id = '${org}' AND attempt_id = 'AT5-1'`],
    [
      'an item’s evidence after a time (blocker resolution)',
      'evidence_work_time_idx',
      `SELECT 1 FROM evidence WHERE organisation_id = '${org}' AND work_id = 'I5' AND created_at > now() - interval '30 days'`,
    ],
    [
      'an item’s waivers after a time (blocker resolution)',
      'decisions_work_type_time_idx',
      `SELECT 1 FROM decisions WHERE organisation_id = '${org}' AND work_id = 'I5' AND decision_type = 'waiver' AND decided_at > now() - interval '30 days'`,
    ],
    [
      'a blocker’s waivers',
      'decisions_blocker_idx',
      `SELECT 1 FROM decisions WHERE organisation_id = '${org}' AND blocker_id = 'B1' AND decision_type = 'waiver' AND decided_at > now() - interval '30 days'`,
    ],
    [
      'an item’s unresolved blockers (no claim while blocked)',
      'blockers_open_work_idx',
      `SELECT 1 FROM blockers WHERE organisation_id = '${org}' AND work_id = 'I5' AND resolved_at IS NULL`,
    ],
    [
      'an attempt’s unresolved blockers',
      'blockers_attempt_idx',
      `SELECT 1 FROM blockers WHERE organisation_id = '${org}' AND attempt_id = 'AT5-1' AND resolved_at IS NULL`,
    ],
    [
      'open blockers of an organisation by classification, oldest first',
      'blockers_open_classification_idx',
      `SELECT id FROM blockers WHERE organisation_id = '${org}' AND classification = 'builder_stall' AND resolved_at IS NULL AND deleted_at IS NULL ORDER BY detected_at`,
    ],
    [
      'open blockers of an organisation by reason code, oldest first',
      'blockers_open_reason_code_idx',
      `SELECT id FROM blockers WHERE organisation_id = '${org}' AND reason_code = 'missing_info' AND resolved_at IS NULL AND deleted_at IS NULL ORDER BY detected_at`,
    ],
    [
      'every open blocker of an organisation, newest first',
      'blockers_open_age_idx',
      `SELECT id FROM blockers WHERE organisation_id = '${org}' AND resolved_at IS NULL AND deleted_at IS NULL ORDER BY detected_at DESC LIMIT 20`,
    ],
    [
      'a program’s open blockers',
      'blockers_open_program_idx',
      `SELECT id FROM blockers WHERE organisation_id = '${org}' AND program_id = 'prog' AND resolved_at IS NULL AND deleted_at IS NULL ORDER BY detected_at`,
    ],
    [
      'a task’s blockers (seed 001 entity)',
      'blockers_entity_idx',
      `SELECT id FROM blockers WHERE organisation_id = '${org}' AND entity_type = 'task' AND entity_id = 'x'`,
    ],
    [
      'unreleased leases of a resource (lease checks)',
      'leases_active_idx',
      `SELECT 1 FROM leases WHERE organisation_id = '${org}' AND resource_type = 'file' AND resource_id = 'a' AND released_at IS NULL AND expires_at > now()`,
    ],
  ])('%s: %s', async (_what, index, statement) => {
    const text = await plan(statement);
    expect(text).toContain(index);
    expect(text).not.toMatch(/\bSort\b/);
  });
});
