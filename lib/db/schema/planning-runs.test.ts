import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, insertRun, seedPlanningWorld, uid } from './planning-test-fixtures';

const { orgA } = ids;
const run = (statement: string) => query(handle.db, statement);

const handle = setUpTestDatabase(seedPlanningWorld);

describe('orchestration_run: scope', () => {
  it('needs a workflow (and no card) for workflow scope, a card for card scope', async () => {
    const requiredChecks = ['lint', 'integration'];
    await run(`UPDATE system_policy_profile SET required_checks = '["lint", "integration"]' WHERE id = '${ids.policy}'`);
    await run(`UPDATE card SET finalized_at = now() WHERE id = '${ids.draftCard}'`);
    await run(`UPDATE card_planned_file SET status = 'approved' WHERE card_id = '${ids.draftCard}'`);
    await insertRun(handle.db, { id: uid(1), scope: 'workflow', requiredChecks, status: 'cancelled' });
    await expectRefused(insertRun(handle.db, { id: uid(2), scope: 'workflow', workflowId: null, requiredChecks, runInput: { card_id: 'x' } }), {
      code: '23514',
      message: /orchestration_run_workflow_scope_check/,
    });
    await expectRefused(insertRun(handle.db, { id: uid(2), scope: 'workflow', cardId: ids.readyCard, requiredChecks }), {
      message: /orchestration_run_workflow_scope_check/,
    });
    await expectRefused(insertRun(handle.db, { id: uid(2), scope: 'card', cardId: null, requiredChecks, runInput: { workflow_id: 'x' } }), {
      message: /orchestration_run_card_scope_check/,
    });
    // A card run may name its workflow too, if the card is in it.
    await insertRun(handle.db, { id: uid(2), scope: 'card', workflowId: ids.workflow, requiredChecks, status: 'cancelled' });
    await run(`UPDATE card SET finalized_at = NULL WHERE id = '${ids.draftCard}'`);
    await run(`UPDATE card_planned_file SET status = 'proposed' WHERE card_id = '${ids.draftCard}'`);
    await run(`UPDATE system_policy_profile SET required_checks = '["lint", "unit"]' WHERE id = '${ids.policy}'`);
  });
});

describe('orchestration_run_build_gate: triggering a build', () => {
  it('refuses a project without a repository', async () => {
    await expectRefused(insertRun(handle.db, { id: uid(10), projectId: ids.bareProject, cardId: ids.bareCard }), {
      code: '23514',
      message: 'No repository connected',
    });
  });

  it('refuses cards that are not finalized or have no approved planned file', async () => {
    await expectRefused(insertRun(handle.db, { id: uid(10), cardId: ids.draftCard }), {
      code: '23514',
      message: `Card(s) not approved: finalize ${ids.draftCard}`,
    });
    await run(`UPDATE card SET finalized_at = now() WHERE id = '${ids.draftCard}'`);
    await expectRefused(insertRun(handle.db, { id: uid(10), cardId: ids.draftCard }), {
      message: `Card(s) have no approved planned file: ${ids.draftCard}`,
    });
    await run(`UPDATE card SET finalized_at = NULL WHERE id = '${ids.draftCard}'`);
  });

  it('checks every live card of a workflow run', async () => {
    await run(`UPDATE system_policy_profile SET required_checks = '["lint", "integration"]' WHERE id = '${ids.policy}'`);
    await expectRefused(insertRun(handle.db, { id: uid(10), scope: 'workflow', requiredChecks: ['lint', 'integration'] }), {
      message: `Card(s) not approved: finalize ${ids.draftCard}`,
    });
    await run(`UPDATE card SET deleted_at = now() WHERE id = '${ids.draftCard}'`);
    await insertRun(handle.db, { id: uid(10), scope: 'workflow', requiredChecks: ['lint', 'integration'], status: 'completed' });
    await run(`UPDATE card SET deleted_at = NULL WHERE id = '${ids.draftCard}'`);
  });

  it('refuses an empty scope and a card outside the named workflow', async () => {
    await run(`INSERT INTO workflow (organisation_id, id, project_id, title, position) VALUES ('${orgA}', '${uid(11)}', '${ids.project}', 'Empty', 1)`);
    await expectRefused(insertRun(handle.db, { id: uid(12), scope: 'workflow', workflowId: uid(11), requiredChecks: ['lint', 'integration'] }), {
      message: 'No cards in scope',
    });
    await expectRefused(insertRun(handle.db, { id: uid(12), scope: 'card', workflowId: uid(11) }), {
      message: `Card ${ids.readyCard} is not in workflow ${uid(11)}`,
    });
    await run(`UPDATE system_policy_profile SET required_checks = '["lint", "unit"]' WHERE id = '${ids.policy}'`);
  });

  it('allows one running build per project', async () => {
    await insertRun(handle.db, { id: uid(13), status: 'running' });
    await expectRefused(insertRun(handle.db, { id: uid(14) }), {
      code: '23514',
      message: `Build in progress: run ${uid(13)} is already running`,
    });
    await run(`UPDATE orchestration_run SET status = 'completed' WHERE id = '${uid(13)}'`);
    await insertRun(handle.db, { id: uid(14) });
    await insertRun(handle.db, { id: uid(15) });
    await run(`UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(14)}'`);
    await expectRefused(run(`UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(15)}'`), {
      message: `Build in progress: run ${uid(14)}`,
    });
    const [index] = await run(`SELECT indexdef FROM pg_indexes WHERE indexname = 'orchestration_run_one_running_key'`);
    expect(index?.indexdef).toMatch(/UNIQUE INDEX .* \(organisation_id, project_id\) WHERE \(\(status = 'running'::text\) AND \(deleted_at IS NULL\)\)/);
    // A blocked run no longer holds the lock.
    await run(`UPDATE orchestration_run SET status = 'blocked' WHERE id = '${uid(14)}'`);
  });
});

describe('orchestration_run_policy: run creation against the policy', () => {
  it('needs a scope target in the run input', async () => {
    await expectRefused(insertRun(handle.db, { id: uid(20), runInput: { card_ids: [ids.readyCard] } }), {
      code: '23514',
      message: 'run_input_snapshot must include workflow_id or card_id as scope target',
    });
  });

  it('keeps forbidden paths out of allowed_paths and in forbidden_paths', async () => {
    await expectRefused(insertRun(handle.db, { id: uid(20), runInput: { card_id: ids.readyCard, allowed_paths: ['src', 'secrets/prod'] } }), {
      message: 'allowed_paths cannot include forbidden path: secrets/',
    });
    await expectRefused(insertRun(handle.db, { id: uid(20), runInput: { card_id: ids.readyCard, forbidden_paths: ['node_modules'] } }), {
      message: 'run must forbid paths required by policy: secrets/',
    });
    await insertRun(handle.db, {
      id: uid(20),
      status: 'cancelled',
      runInput: { card_id: ids.readyCard, allowed_paths: ['src/leases'], forbidden_paths: ['secrets/', 'node_modules'] },
    });
  });

  it('needs integration for workflow scope and at least one required check', async () => {
    await run(`UPDATE card SET deleted_at = now() WHERE id = '${ids.draftCard}'`);
    await expectRefused(insertRun(handle.db, { id: uid(21), scope: 'workflow' }), {
      message: 'workflow scope requires integration check in policy required_checks',
    });
    await run(`UPDATE card SET deleted_at = NULL WHERE id = '${ids.draftCard}'`);
    await run(`UPDATE system_policy_profile SET required_checks = '[]' WHERE id = '${ids.policy}'`);
    await expectRefused(insertRun(handle.db, { id: uid(21), requiredChecks: [] }), {
      message: 'policy must have at least one required check',
    });
    await run(`UPDATE system_policy_profile SET required_checks = '["lint", "unit"]' WHERE id = '${ids.policy}'`);
  });

  it("refuses a snapshot that drops the policy's checks or forbidden paths, and a deleted policy", async () => {
    await expectRefused(insertRun(handle.db, { id: uid(21), requiredChecks: ['lint'] }), {
      message: "system_policy_snapshot must carry the policy's required_checks and forbidden_paths",
    });
    await expectRefused(insertRun(handle.db, { id: uid(21), forbiddenPaths: [] }), {
      message: "system_policy_snapshot must carry the policy's required_checks",
    });
    await insertRun(handle.db, { id: uid(21), requiredChecks: ['lint', 'unit', 'e2e'], status: 'cancelled' });
    await run(`UPDATE system_policy_profile SET deleted_at = now() WHERE id = '${ids.policy}'`);
    await expectRefused(insertRun(handle.db, { id: uid(22) }), { message: `system policy profile ${ids.policy} is deleted` });
    await run(`UPDATE system_policy_profile SET deleted_at = NULL WHERE id = '${ids.policy}'`);
  });

  it('keeps one live policy per project, with run_check types only', async () => {
    await expectRefused(run(`INSERT INTO system_policy_profile (organisation_id, project_id) VALUES ('${orgA}', '${ids.project}')`), {
      code: '23505',
      message: /system_policy_profile_project_live_key/,
    });
    await expectRefused(run(`UPDATE system_policy_profile SET required_checks = '["lint", "vibes"]' WHERE id = '${ids.policy}'`), {
      message: /system_policy_profile_required_checks_check/,
    });
    await expectRefused(run(`UPDATE system_policy_profile SET required_checks = '"lint"' WHERE id = '${ids.policy}'`), {
      message: /system_policy_profile_required_checks_check/,
    });
  });
});

describe('orchestration_run: immutable scope, final statuses, times', () => {
  it('refuses changes to scope, source and snapshots', async () => {
    await expectRefused(run(`UPDATE orchestration_run SET card_id = '${ids.draftCard}' WHERE id = '${uid(14)}'`), {
      code: '23514',
      message: "A run's scope, source and snapshots are immutable",
    });
    await expectRefused(run(`UPDATE orchestration_run SET system_policy_snapshot = '{}' WHERE id = '${uid(14)}'`), {
      message: "A run's scope, source and snapshots are immutable",
    });
    await run(`UPDATE orchestration_run SET worktree_root = '/tmp/wt' WHERE id = '${uid(14)}'`);
  });

  it('stamps started_at and ended_at, and keeps an ended run ended', async () => {
    const [started] = await run(`SELECT started_at IS NOT NULL AS started, ended_at FROM orchestration_run WHERE id = '${uid(14)}'`);
    expect(started).toEqual({ started: true, ended_at: null });
    await run(`UPDATE orchestration_run SET status = 'blocked' WHERE id = '${uid(14)}'`);
    await run(`UPDATE orchestration_run SET status = 'failed' WHERE id = '${uid(14)}'`);
    const [ended] = await run(`SELECT ended_at >= started_at AS ordered FROM orchestration_run WHERE id = '${uid(14)}'`);
    expect(ended?.ordered).toBe(true);
    await expectRefused(run(`UPDATE orchestration_run SET status = 'running' WHERE id = '${uid(14)}'`), {
      code: '23514',
      message: 'Run has ended (failed): its status cannot change to running',
    });
    await expectRefused(run(`UPDATE orchestration_run SET status = 'done' WHERE id = '${uid(15)}'`), {
      message: /orchestration_run_status_check/,
    });
    await expectRefused(run(`UPDATE orchestration_run SET started_at = now(), ended_at = now() - interval '1 hour' WHERE id = '${uid(15)}'`), {
      message: /orchestration_run_times_check/,
    });
  });
});
