import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { seedDemoPortfolio } from './demo';
import { seedDemoForeman } from './demo-foreman';
import { seedDemoKernel } from './demo-kernel';
import { seedDemoRoadmap } from './demo-roadmap';

let organisationId = '';
const today = new Date();
const run = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

const TABLES = [
  'compiled_contracts',
  'attempts',
  'evidence',
  'blockers',
  'decisions',
  'work_required_capabilities',
  'leases',
  'plan_events',
  'coordination_leases',
  'events',
  'evidence_trail',
];

async function snapshot() {
  const parts = TABLES.map((t) => `(SELECT count(*)::int FROM ${t} WHERE organisation_id = '${organisationId}') AS ${t}`);
  const [row] = await run(
    `SELECT ${parts.join(', ')},
            (SELECT max(updated_at)::text FROM blockers) AS blockers_updated,
            (SELECT string_agg(id || ':' || coalesce(outcome, '-') || ':' || (ended_at IS NULL), ',' ORDER BY id) FROM attempts) AS attempts_state`,
  );
  return row;
}

const handle = setUpTestDatabase(async (db) => {
  ({ organisationId } = await db.transaction(async (tx) => {
    const portfolio = await seedDemoPortfolio(tx, today);
    await seedDemoRoadmap(tx, portfolio.organisationId, today);
    await seedDemoForeman(tx, portfolio.organisationId, today);
    return portfolio;
  }));
});

describe('seedDemoKernel', () => {
  it('seeds the kernel once; a second run adds and changes nothing', async () => {
    const first = await handle.db.transaction((tx) => seedDemoKernel(tx, organisationId, today));
    expect(first).toEqual({
      contracts: 2,
      attempts: 7,
      evidence: 5,
      blockers: 9,
      decisions: 6,
      capabilities: 3,
      builderCapabilities: 3,
      leases: 2,
      planEvents: 1,
      coordinationLeases: 1,
      events: 2,
    });
    const before = await snapshot();
    const second = await handle.db.transaction((tx) => seedDemoKernel(tx, organisationId, today));
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('has a completed attempt with evidence, a handoff, a blocked attempt with its blocker, and open claims', async () => {
    const rows = await run<{
      id: string;
      work_id: string;
      outcome: string | null;
      open: boolean;
      evidence: number;
      handoff: string | null;
      open_blockers: number;
    }>(`
      SELECT a.id, a.work_id, a.outcome, a.ended_at IS NULL AS open, a.handoff_from_attempt_id AS handoff,
             (SELECT count(*)::int FROM evidence e WHERE e.organisation_id = a.organisation_id AND e.attempt_id = a.id) AS evidence,
             (SELECT count(*)::int FROM blockers b WHERE b.organisation_id = a.organisation_id AND b.attempt_id = a.id AND b.resolved_at IS NULL) AS open_blockers
        FROM attempts a WHERE a.organisation_id = '${organisationId}' ORDER BY a.id`);
    expect(rows).toEqual([
      { id: 'AT-001-1', work_id: 'RI-001', outcome: 'completed', open: false, handoff: null, evidence: 2, open_blockers: 0 },
      { id: 'AT-002-1', work_id: 'RI-002', outcome: 'completed', open: false, handoff: null, evidence: 2, open_blockers: 0 },
      { id: 'AT-003-1', work_id: 'RI-003', outcome: 'handed_off', open: false, handoff: null, evidence: 1, open_blockers: 0 },
      { id: 'AT-003-2', work_id: 'RI-003', outcome: null, open: true, handoff: 'AT-003-1', evidence: 0, open_blockers: 0 },
      { id: 'AT-007-1', work_id: 'RI-007', outcome: 'blocked', open: false, handoff: null, evidence: 0, open_blockers: 1 },
      { id: 'AT-008-1', work_id: 'RI-008', outcome: null, open: true, handoff: null, evidence: 0, open_blockers: 0 },
      { id: 'AT-102-1', work_id: 'RI-102', outcome: null, open: true, handoff: null, evidence: 0, open_blockers: 0 },
    ]);
  });

  it('spreads open and resolved blockers over roadmap items, an attempt, a program, a wave and tasks', async () => {
    const rows = await run<{ id: string; target: string; open: boolean; escalated_to: string | null }>(`
      SELECT id, concat_ws('+', CASE WHEN attempt_id IS NOT NULL THEN 'attempt' WHEN work_id IS NOT NULL THEN 'work' END, entity_type) AS target,
             resolved_at IS NULL AS open, escalated_to
        FROM blockers WHERE organisation_id = '${organisationId}' ORDER BY id`);
    expect(rows).toEqual([
      { id: 'BLK-002-1', target: 'attempt', open: false, escalated_to: null },
      { id: 'BLK-007-1', target: 'attempt', open: true, escalated_to: null },
      { id: 'BLK-008-1', target: 'attempt', open: false, escalated_to: null },
      { id: 'BLK-103-1', target: 'work', open: true, escalated_to: null },
      { id: 'BLK-F-cycles', target: 'task', open: true, escalated_to: null },
      { id: 'BLK-F-lease-index', target: 'task', open: false, escalated_to: null },
      { id: 'BLK-F-program', target: 'program', open: false, escalated_to: null },
      { id: 'BLK-F-stall', target: 'task', open: true, escalated_to: 'johan' },
      { id: 'BLK-F-wave', target: 'wave', open: true, escalated_to: null },
    ]);
  });

  it('records approval, waiver and escalation decisions, an active lease and an applied plan event', async () => {
    const [row] = await run(`
      SELECT (SELECT string_agg(DISTINCT decision_type, ',' ORDER BY decision_type) FROM decisions WHERE organisation_id = '${organisationId}') AS types,
             (SELECT string_agg(id || ':' || mode, ',' ORDER BY id) FROM leases
               WHERE organisation_id = '${organisationId}' AND released_at IS NULL AND expires_at > now()) AS active_leases,
             (SELECT process_result FROM plan_events WHERE organisation_id = '${organisationId}') AS plan_event`);
    expect(row).toEqual({
      types: 'approval,completion_accepted,escalation,waiver',
      active_leases: 'LEASE-003-2:write',
      plan_event: 'applied',
    });
  });
});
