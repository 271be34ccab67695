import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { seedDemoPortfolio } from './demo';
import { seedDemoPlanning } from './demo-planning';

let organisationId: string;
const today = new Date('2026-11-22T12:00:00Z');

const tables = [
  'project',
  'workflow',
  'workflow_activity',
  'card',
  'card_requirement',
  'card_known_fact',
  'card_assumption',
  'card_question',
  'card_planned_file',
  'context_artifact',
  'card_context_artifact',
  'system_policy_profile',
  'planning_action',
  'orchestration_run',
  'card_assignment',
  'agent_execution',
  'agent_commit',
  'run_check',
  'pull_request_candidate',
  'approval_request',
  'event_log',
  'memory_unit',
  'memory_unit_relation',
  'memory_retrieval_log',
];
const counts = async () =>
  (await query<Record<string, number>>(handle.db, `SELECT ${tables.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ')}`))[0];
const lastWrite = () =>
  query(
    handle.db,
    `SELECT ${tables
      .filter((t) => !['planning_action', 'agent_commit', 'run_check', 'event_log', 'memory_retrieval_log'].includes(t))
      .map((t) => `(SELECT max(updated_at) FROM ${t})::text AS ${t}`)
      .join(', ')}`,
  );

const handle = setUpTestDatabase(async (db) => {
  ({ organisationId } = await db.transaction((tx) => seedDemoPortfolio(tx, today)));
});

describe('seedDemoPlanning', () => {
  it("writes the demo organisation's planning project with every table filled", async () => {
    const { inserted } = await handle.db.transaction((tx) => seedDemoPlanning(tx, organisationId, today));
    expect(inserted).toMatchObject({ project: 1, workflows: 2, activities: 5, cards: 8, run: 1 });
    const filled = await counts();
    for (const table of tables) expect(filled?.[table], table).toBeGreaterThan(0);
  });

  it('ties the project to the motus product and has cards in every board column', async () => {
    const [project] = await query(handle.db, `SELECT name, product_id, repo_url FROM project`);
    expect(project).toEqual({ name: 'Motus 0.2 planning', product_id: 'motus', repo_url: 'https://github.com/motus-os/motus' });
    const columns = await query(handle.db, `SELECT status, count(*)::int AS n FROM card GROUP BY status ORDER BY status`);
    expect(columns.map((c) => c.status)).toEqual(['active', 'production', 'questions', 'review', 'todo']);
  });

  it('holds one finished run with its receipts, an open PR and a pending merge approval', async () => {
    const [run] = await query(
      handle.db,
      `SELECT r.status, r.ended_at > r.started_at AS ended,
              (SELECT count(*)::int FROM card_assignment a WHERE a.run_id = r.id) AS assignments,
              (SELECT count(*)::int FROM run_check c WHERE c.run_id = r.id AND c.status = 'passed') AS passed,
              (SELECT status FROM pull_request_candidate p WHERE p.run_id = r.id) AS pr,
              (SELECT string_agg(approval_type || ':' || status, ',' ORDER BY approval_type) FROM approval_request q WHERE q.run_id = r.id) AS approvals
       FROM orchestration_run r`,
    );
    expect(run).toEqual({ status: 'completed', ended: true, assignments: 2, passed: 2, pr: 'open', approvals: 'create_pr:approved,merge_pr:pending' });
  });

  it('is idempotent: a second run adds and changes nothing', async () => {
    const before = await counts();
    const stamps = await lastWrite();
    const { inserted } = await handle.db.transaction((tx) => seedDemoPlanning(tx, organisationId, new Date('2027-01-01T00:00:00Z')));
    expect(
      Object.values(inserted).every((n) => n === 0),
      JSON.stringify(inserted),
    ).toBe(true);
    expect(await counts()).toEqual(before);
    expect(await lastWrite()).toEqual(stamps);
  });
});
