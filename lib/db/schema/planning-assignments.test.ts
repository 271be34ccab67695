import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, insertAssignment, insertRun, seedPlanningWorld, uid } from './planning-test-fixtures';

const { orgA } = ids;
const run = (statement: string) => query(handle.db, statement);
const runId = uid(1);
const assignmentId = uid(2);

const handle = setUpTestDatabase(async (db) => {
  await seedPlanningWorld(db);
  await insertRun(db, { id: runId, status: 'running' });
});

describe('card_assignment: creating an assignment', () => {
  it('assigns a card of the run to an agent, queued', async () => {
    await insertAssignment(handle.db, { id: assignmentId, runId });
    const [row] = await run(`SELECT status, agent_role FROM card_assignment WHERE id = '${assignmentId}'`);
    expect(row).toEqual({ status: 'queued', agent_role: 'coder' });
  });

  it("refuses the project's default branch as feature branch", async () => {
    await expectRefused(insertAssignment(handle.db, { id: uid(3), runId, branch: 'main', profile: 'second' }), {
      code: '23514',
      message: 'feature_branch cannot equal project default_branch (main)',
    });
  });

  it('needs a non-empty allowed_paths array without forbidden paths of the policy', async () => {
    await expectRefused(insertAssignment(handle.db, { id: uid(3), runId, allowedPaths: [], profile: 'second' }), {
      code: '23514',
      message: /card_assignment_allowed_paths_check/,
    });
    await expectRefused(insertAssignment(handle.db, { id: uid(3), runId, allowedPaths: 'src', profile: 'second' }), {
      message: /card_assignment_allowed_paths_check/,
    });
    await expectRefused(insertAssignment(handle.db, { id: uid(3), runId, allowedPaths: ['src', 'secrets/keys.json'], profile: 'second' }), {
      message: 'allowed_paths cannot include forbidden path from policy: secrets/',
    });
  });

  it("refuses a card outside the run's scope and a second assignment of one agent profile", async () => {
    await expectRefused(insertAssignment(handle.db, { id: uid(3), runId, cardId: ids.draftCard }), {
      code: '23514',
      message: `Card ${ids.draftCard} is not in the scope of run ${runId}`,
    });
    await expectRefused(insertAssignment(handle.db, { id: uid(3), runId }), {
      code: '23505',
      message: /card_assignment_run_card_profile_live_key/,
    });
    await insertAssignment(handle.db, { id: uid(3), runId, profile: 'reviewer-default' });
    await run(`UPDATE card_assignment SET agent_role = 'reviewer' WHERE id = '${uid(3)}'`);
    await expectRefused(run(`UPDATE card_assignment SET agent_role = 'boss' WHERE id = '${uid(3)}'`), {
      message: /card_assignment_agent_role_check/,
    });
  });

  it('keeps the rules on update, and an ended assignment ended', async () => {
    await expectRefused(run(`UPDATE card_assignment SET feature_branch = 'main' WHERE id = '${uid(3)}'`), {
      message: 'feature_branch cannot equal project default_branch',
    });
    await run(`UPDATE card_assignment SET status = 'running', session_id = 'sess-1' WHERE id = '${uid(3)}'`);
    await run(`UPDATE card_assignment SET status = 'cancelled' WHERE id = '${uid(3)}'`);
    await expectRefused(run(`UPDATE card_assignment SET status = 'queued' WHERE id = '${uid(3)}'`), {
      code: '23514',
      message: 'Assignment has ended (cancelled): its status cannot change to queued',
    });
  });
});

describe('agent_execution', () => {
  it('needs a status, stamps its times and stays ended once ended', async () => {
    await expectRefused(run(`INSERT INTO agent_execution (organisation_id, assignment_id) VALUES ('${orgA}', '${assignmentId}')`), { code: '23502' });
    await run(`INSERT INTO agent_execution (organisation_id, id, assignment_id, status) VALUES ('${orgA}', '${uid(10)}', '${assignmentId}', 'running')`);
    await run(`UPDATE agent_execution SET status = 'completed', summary = 'Exclusive leases refuse other modes' WHERE id = '${uid(10)}'`);
    const [row] = await run(`SELECT started_at IS NOT NULL AND ended_at >= started_at AS stamped FROM agent_execution WHERE id = '${uid(10)}'`);
    expect(row?.stamped).toBe(true);
    await expectRefused(run(`UPDATE agent_execution SET status = 'failed' WHERE id = '${uid(10)}'`), {
      message: 'Agent execution has ended (completed): its status cannot change to failed',
    });
    // Other columns of an ended execution may still be written.
    await run(`UPDATE agent_execution SET error = NULL WHERE id = '${uid(10)}'`);
  });
});

describe('agent_commit', () => {
  const insertCommit = (sha: string) =>
    run(`INSERT INTO agent_commit (organisation_id, assignment_id, sha, branch, message, committed_at)
         VALUES ('${orgA}', '${assignmentId}', '${sha}', 'feat/exclusive-lease', 'Add exclusive lease check', now())`);

  it('records each commit of an assignment once, append-only', async () => {
    await insertCommit('3f2a9c1');
    await insertCommit('b71e004');
    await expectRefused(insertCommit('3f2a9c1'), { code: '23505', message: /agent_commit_assignment_sha_key/ });
    await expectRefused(run(`UPDATE agent_commit SET message = 'rewritten'`), {
      code: '23514',
      message: 'Agent commits are immutable.',
    });
    await expectRefused(run(`DELETE FROM agent_commit`), { message: 'Agent commits cannot be deleted.' });
  });
});

describe('an ended run', () => {
  it('takes no new assignments', async () => {
    await run(`UPDATE orchestration_run SET status = 'completed' WHERE id = '${runId}'`);
    await expectRefused(insertAssignment(handle.db, { id: uid(4), runId, profile: 'late' }), {
      code: '23514',
      message: 'Run has ended (completed): it takes no new assignments',
    });
  });
});
