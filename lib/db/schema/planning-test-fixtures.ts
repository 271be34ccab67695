import type { Database } from '../connection';
import { query } from '../testing/sql';

/**
 * A small planning world for the planning tests, written in plain SQL: two organisations, a
 * project with a repository and its policy, a project without one, a workflow with an activity
 * and two cards (one finalized with an approved planned file, one not, with a requirement).
 */
export const ids = {
  orgA: '00000000-0000-4000-8000-00000000000a',
  orgB: '00000000-0000-4000-8000-00000000000b',
  project: '11111111-0000-4000-8000-000000000001',
  bareProject: '11111111-0000-4000-8000-000000000002',
  workflow: '22222222-0000-4000-8000-000000000001',
  activity: '33333333-0000-4000-8000-000000000001',
  readyCard: '44444444-0000-4000-8000-000000000001',
  draftCard: '44444444-0000-4000-8000-000000000002',
  policy: '55555555-0000-4000-8000-000000000001',
  bareWorkflow: '22222222-0000-4000-8000-000000000002',
  bareActivity: '33333333-0000-4000-8000-000000000002',
  bareCard: '44444444-0000-4000-8000-000000000003',
} as const;

/** A uuid that is unique within a test file: uid(7) → 99999999-0000-4000-8000-000000000007. */
export function uid(n: number): string {
  return `99999999-0000-4000-8000-${n.toString().padStart(12, '0')}`;
}

export async function seedPlanningWorld(db: Database): Promise<void> {
  const { orgA, orgB } = ids;
  await query(db, `INSERT INTO organisations (id, slug, name) VALUES ('${orgA}', 'org-a', 'A'), ('${orgB}', 'org-b', 'B')`);
  await query(
    db,
    `INSERT INTO project (organisation_id, id, name, repo_url) VALUES
       ('${orgA}', '${ids.project}', 'Lease store', 'https://github.com/motus-os/motus'),
       ('${orgA}', '${ids.bareProject}', 'Notes', NULL)`,
  );
  await query(
    db,
    `INSERT INTO workflow (organisation_id, id, project_id, title, position) VALUES
       ('${orgA}', '${ids.workflow}', '${ids.project}', 'Acquire', 0),
       ('${orgA}', '${ids.bareWorkflow}', '${ids.bareProject}', 'Write', 0)`,
  );
  await query(
    db,
    `INSERT INTO workflow_activity (organisation_id, id, project_id, workflow_id, title, color, position) VALUES
       ('${orgA}', '${ids.activity}', '${ids.project}', '${ids.workflow}', 'Claim a lease', 'blue', 0),
       ('${orgA}', '${ids.bareActivity}', '${ids.bareProject}', '${ids.bareWorkflow}', 'Draft', NULL, 0)`,
  );
  await query(
    db,
    `INSERT INTO card (organisation_id, id, project_id, workflow_activity_id, title, status, rank, finalized_at) VALUES
       ('${orgA}', '${ids.readyCard}', '${ids.project}', '${ids.activity}', 'Exclusive lease', 'active', 1, now()),
       ('${orgA}', '${ids.draftCard}', '${ids.project}', '${ids.activity}', 'Read lease', 'todo', 1, NULL),
       ('${orgA}', '${ids.bareCard}', '${ids.bareProject}', '${ids.bareActivity}', 'Draft post', 'todo', 1, now())`,
  );
  await query(
    db,
    `INSERT INTO card_planned_file (organisation_id, card_id, logical_file_name, artifact_kind, action, intent_summary, status) VALUES
       ('${orgA}', '${ids.readyCard}', 'src/leases/exclusive.ts', 'service', 'create', 'Exclusive lease check', 'approved'),
       ('${orgA}', '${ids.draftCard}', 'src/leases/read.ts', 'service', 'create', 'Read lease', 'proposed')`,
  );
  // The draft card has a requirement, so that a test may finalize it (card_finalize_needs_requirement).
  await query(
    db,
    `INSERT INTO card_requirement (organisation_id, card_id, text, source) VALUES
       ('${orgA}', '${ids.draftCard}', 'A reader sees the lease holder', 'user')`,
  );
  await query(
    db,
    `INSERT INTO system_policy_profile (organisation_id, id, project_id, required_checks, forbidden_paths) VALUES
       ('${orgA}', '${ids.policy}', '${ids.project}', '["lint", "unit"]', '["secrets/"]')`,
  );
}

export interface RunValues {
  id: string;
  scope?: 'card' | 'workflow';
  cardId?: string | null;
  workflowId?: string | null;
  status?: string;
  requiredChecks?: string[];
  forbiddenPaths?: string[];
  runInput?: Record<string, unknown>;
  projectId?: string;
  policyId?: string;
}

/** Inserts a run of the fixture project; by default a queued card run of the ready card. */
export async function insertRun(db: Database, run: RunValues): Promise<void> {
  const scope = run.scope ?? 'card';
  const cardId = run.cardId === undefined ? (scope === 'card' ? ids.readyCard : null) : run.cardId;
  const workflowId = run.workflowId === undefined ? (scope === 'workflow' ? ids.workflow : null) : run.workflowId;
  const snapshot = { required_checks: run.requiredChecks ?? ['lint', 'unit'], forbidden_paths: run.forbiddenPaths ?? ['secrets/'] };
  const input = run.runInput ?? { card_id: cardId, workflow_id: workflowId };
  const sqlValue = (v: string | null) => (v === null ? 'NULL' : `'${v}'`);
  await query(
    db,
    `INSERT INTO orchestration_run (organisation_id, id, project_id, scope, workflow_id, card_id, trigger_type, status,
       initiated_by, repo_url, base_branch, system_policy_profile_id, system_policy_snapshot, run_input_snapshot)
     VALUES ('${ids.orgA}', '${run.id}', '${run.projectId ?? ids.project}', '${scope}', ${sqlValue(workflowId)}, ${sqlValue(cardId)},
       '${scope}', '${run.status ?? 'queued'}', 'ben', 'https://github.com/motus-os/motus', 'main',
       '${run.policyId ?? ids.policy}', '${JSON.stringify(snapshot)}', '${JSON.stringify(input)}')`,
  );
}

export async function insertAssignment(
  db: Database,
  a: { id: string; runId: string; cardId?: string; branch?: string; allowedPaths?: unknown; profile?: string },
): Promise<void> {
  await query(
    db,
    `INSERT INTO card_assignment (organisation_id, id, run_id, card_id, agent_role, agent_profile, feature_branch,
       allowed_paths, assignment_input_snapshot)
     VALUES ('${ids.orgA}', '${a.id}', '${a.runId}', '${a.cardId ?? ids.readyCard}', 'coder', '${a.profile ?? 'default'}',
       '${a.branch ?? 'feat/exclusive-lease'}', '${JSON.stringify(a.allowedPaths ?? ['src/leases'])}', '{}')`,
  );
}
