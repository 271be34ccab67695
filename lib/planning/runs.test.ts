import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MemberCaller, OrganisationCaller } from '../auth/identity';
import { createBuilder, createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import { callApi, insertBuilderToken } from '../agent-api/testing';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { stableUuid } from '../db/seed/helpers';
import { query } from '../db/testing/sql';
import type { Database } from '../db/connection';
import { reportCheck, reportCheckInput, reportExecution, reportExecutionInput } from './agent-reports';
import { reportPullRequest, reportPullRequestInput } from './pull-request-report';
import { savePolicy } from './policy';
import { requestApproval, resolveApproval, resolveApprovalInput } from './approvals';
import { cancelRun, createAssignment, resumeAssignment, startRun } from './run-actions';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

// The planning run actions against the demo project (seed 004's rules decide; each refusal is a
// sentence), and the agent API's planning endpoints at the HTTP level.

let handle: DatabaseHandle;
let org: string;
let manager: OrganisationCaller;
let builderToken: string;
let otherToken: string;
let reviewer: Headers;

const demo = (name: string) => stableUuid('planning', name);
const project = demo('motus-0.2');
const sql = <T = Record<string, unknown>>(text: string) => query<T>(handle.db, text);
const as = <T>(work: (tx: Database) => Promise<T>) => withOrganisation(org, work);

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  await createMember(handle.db, 'rita@example.com', [[org, 'reviewer']]);
  reviewer = await signIn('rita@example.com');
  manager = {
    kind: 'member',
    userId: ownerId,
    name: 'Owner',
    email: 'owner@example.com',
    sessionId: 's',
    organisationId: org,
    role: 'manager',
    organisations: [],
  } as MemberCaller;
  builderToken = (await insertBuilderToken(handle.db, org, 'ui-builder', ownerId)).token;
  const orgB = await createOrganisation(handle.db, 'beta');
  await createBuilder(handle.db, orgB, 'beta-builder');
  const bobId = await createMember(handle.db, 'bob@example.com', [[orgB, 'owner']]);
  otherToken = (await insertBuilderToken(handle.db, orgB, 'beta-builder', bobId)).token;
}, 240_000);

afterAll(() => closeAttachedDatabase(handle));

const start = (input: { scope: 'card' | 'workflow'; cardId?: string; workflowId?: string }) =>
  as((tx) => startRun(tx, { caller: manager, input: { projectId: project, ...input } }));

describe('starting a run', () => {
  it('is refused for a card that is not finalized, naming it', async () => {
    await expect(start({ scope: 'card', cardId: demo('card:expiry') })).rejects.toThrow(/^Finalize “.+” before starting a build\.$/);
  });

  it('is refused for a finalized card without an approved planned file', async () => {
    await sql(`UPDATE card_planned_file SET status = 'proposed' WHERE card_id = '${demo('card:blocked-queue')}'`);
    await expect(start({ scope: 'card', cardId: demo('card:blocked-queue') })).rejects.toThrow(/^Approve a planned file of “.+” before starting a build\.$/);
  });

  it('is refused for a workflow with cards not finalized, naming each', async () => {
    await expect(start({ scope: 'workflow', workflowId: demo('workflow:lease-store') })).rejects.toThrow(
      'Finalize “Expired leases free the resource”, “Every release writes an audit row” before starting a build.',
    );
  });

  it('starts a running run with an assignment per card, and refuses a second while it runs', async () => {
    const run = await start({ scope: 'card', cardId: demo('card:write-leases') });
    const [row] = await sql<{ status: string; required: string }>(
      `SELECT status, system_policy_snapshot->>'required_checks' AS required FROM orchestration_run WHERE id = '${run.id}'`,
    );
    expect(row).toEqual({ status: 'running', required: '["lint", "unit"]' });
    const assignments = await sql<{ feature_branch: string; allowed_paths: string[] }>(
      `SELECT feature_branch, allowed_paths FROM card_assignment WHERE run_id = '${run.id}'`,
    );
    expect(assignments).toHaveLength(1);
    expect(assignments[0]!.allowed_paths).toEqual(['src/motus/leases/write.py']);
    await expect(start({ scope: 'card', cardId: demo('card:heartbeat') })).rejects.toThrow(/^Another build of this project is running/);
    await as((tx) => cancelRun(tx, { caller: manager, input: { runId: run.id } }));
    const again = await start({ scope: 'card', cardId: demo('card:write-leases') });
    await as((tx) => cancelRun(tx, { caller: manager, input: { runId: again.id } }));
  });
});

describe('assignments', () => {
  let runId: string;
  beforeAll(async () => {
    runId = (await start({ scope: 'card', cardId: demo('card:write-leases') })).id;
  });
  afterAll(async () => {
    await as((tx) => cancelRun(tx, { caller: manager, input: { runId } }));
  });
  const assign = (featureBranch: string, allowedPaths: string[]) =>
    as((tx) =>
      createAssignment(tx, {
        caller: manager,
        input: { runId, cardId: demo('card:write-leases'), agentRole: 'reviewer', agentProfile: 'api-builder', featureBranch, allowedPaths },
      }),
    );

  it('refuses the default branch as the feature branch', async () => {
    await expect(assign('main', ['src/motus/leases'])).rejects.toThrow('The feature branch must differ from the project’s default branch (main).');
  });

  it('refuses an allowed path the policy forbids', async () => {
    await expect(assign('feat/write', ['secrets/keys'])).rejects.toThrow('The allowed paths include secrets/, which the project’s policy forbids.');
  });

  it('assigns a card of the run to a builder on a feature branch', async () => {
    const { id } = await assign('feat/write-review', ['src/motus/leases']);
    const [row] = await sql<{ agent_profile: string }>(`SELECT agent_profile FROM card_assignment WHERE id = '${id}'`);
    expect(row!.agent_profile).toBe('api-builder');
  });
});

describe('agent reports and approval', () => {
  let runId: string;
  let assignmentId: string;
  beforeAll(async () => {
    runId = (await start({ scope: 'card', cardId: demo('card:write-leases') })).id;
    [{ id: assignmentId }] = (await sql<{ id: string }>(`SELECT id FROM card_assignment WHERE run_id = '${runId}'`)) as [{ id: string }];
  });

  it('blocks the run with a blocked execution, and a manager resumes it', async () => {
    const blocked = await as((tx) =>
      reportExecution(tx, { caller: manager, input: reportExecutionInput.parse({ assignmentId, status: 'blocked', error: 'Which TTL?' }) }),
    );
    expect(blocked.runStatus).toBe('blocked');
    await as((tx) => resumeAssignment(tx, { caller: manager, input: { assignmentId } }));
    const [row] = await sql<{ a: string; r: string }>(
      `SELECT a.status AS a, r.status AS r FROM card_assignment a JOIN orchestration_run r ON r.id = a.run_id WHERE a.id = '${assignmentId}'`,
    );
    expect(row).toEqual({ a: 'queued', r: 'running' });
    await expect(as((tx) => resumeAssignment(tx, { caller: manager, input: { assignmentId } }))).rejects.toThrow(/Only a blocked assignment/);
  });

  it('refuses approval until every required check passed', async () => {
    await as((tx) => reportCheck(tx, { caller: manager, input: reportCheckInput.parse({ runId, checkType: 'lint', status: 'passed' }) }));
    const early = await as((tx) =>
      reportPullRequest(tx, { caller: manager, input: reportPullRequestInput.parse({ runId, title: 'Write leases', description: '', status: 'not_created' }) }),
    );
    expect(early.approval).toBeNull();
    expect(early.approvalRefused).toBe('Approval needs every required check to pass: unit has not run yet.');
    await as((tx) => reportCheck(tx, { caller: manager, input: reportCheckInput.parse({ runId, checkType: 'unit', status: 'failed' }) }));
    await expect(as((tx) => requestApproval(tx, { caller: manager, input: { runId, approvalType: 'create_pr' } }))).rejects.toThrow(
      'Approval needs every required check to pass: unit failed.',
    );
    await as((tx) => reportCheck(tx, { caller: manager, input: reportCheckInput.parse({ runId, checkType: 'unit', status: 'skipped' }) }));
    await expect(as((tx) => requestApproval(tx, { caller: manager, input: { runId, approvalType: 'create_pr' } }))).rejects.toThrow(/unit was skipped/);
  });

  it('asks for approval once the checks passed; a reviewer approves once', async () => {
    await as((tx) => reportCheck(tx, { caller: manager, input: reportCheckInput.parse({ runId, checkType: 'unit', status: 'passed' }) }));
    const pr = await as((tx) =>
      reportPullRequest(tx, { caller: manager, input: reportPullRequestInput.parse({ runId, title: 'Write leases', description: '', status: 'not_created' }) }),
    );
    expect(pr.approval).toMatchObject({ status: 'pending' });
    const approve = () =>
      as((tx) => resolveApproval(tx, { caller: manager, input: resolveApprovalInput.parse({ approvalId: pr.approval!.id, decision: 'approved' }) }));
    await expect(approve()).resolves.toMatchObject({ status: 'approved' });
    await expect(approve()).rejects.toThrow('This request was already approved; a decision cannot change.');
  });

  it('refuses approval when a later result of a required check failed', async () => {
    await as((tx) => reportCheck(tx, { caller: manager, input: reportCheckInput.parse({ runId, checkType: 'lint', status: 'failed' }) }));
    await expect(as((tx) => requestApproval(tx, { caller: manager, input: { runId, approvalType: 'merge_pr' } }))).rejects.toThrow(/lint failed/);
  });

  it('completes the run with its last assignment', async () => {
    const done = await as((tx) => reportExecution(tx, { caller: manager, input: reportExecutionInput.parse({ assignmentId, status: 'completed' }) }));
    expect(done.runStatus).toBe('completed');
  });
});

describe('the policy', () => {
  it('needs at least one required check, and saves the lists', async () => {
    const save = (requiredChecks: ('lint' | 'unit' | 'integration')[]) =>
      as((tx) => savePolicy(tx, { caller: manager, input: { projectId: project, requiredChecks, protectedPaths: [], forbiddenPaths: ['.env', 'secrets/'] } }));
    await expect(save([])).rejects.toThrow(/at least one required check/);
    await expect(save(['lint', 'unit', 'integration'])).resolves.toMatchObject({ requiredChecks: ['lint', 'unit', 'integration'] });
    const run = await start({ scope: 'workflow', workflowId: demo('workflow:lease-store') }).catch((e: Error) => e);
    // The workflow has unfinalized cards: the integration check no longer refuses, the build gate does.
    expect(run).toBeInstanceOf(Error);
    expect((run as Error).message).toMatch(/^Finalize /);
    await save(['lint', 'unit']);
  });
});

describe('the agent API planning endpoints', () => {
  let runId: string;
  let assignmentId: string;
  beforeAll(async () => {
    runId = (await start({ scope: 'card', cardId: demo('card:write-leases') })).id;
    [{ id: assignmentId }] = (await sql<{ id: string }>(`SELECT id FROM card_assignment WHERE run_id = '${runId}'`)) as [{ id: string }];
  });
  afterAll(async () => {
    await as((tx) => cancelRun(tx, { caller: manager, input: { runId } }));
  });

  it('lists the open assignment to a builder, and the builder takes it with its first report', async () => {
    const listed = await callApi<{ data: { id: string; requiredChecks: string[] }[] }>('GET', '/api/v1/planning/assignments', { auth: builderToken });
    expect(listed.status).toBe(200);
    expect(listed.body.data.find((a) => a.id === assignmentId)).toMatchObject({ requiredChecks: ['lint', 'unit'] });
    const started = await callApi('POST', `/api/v1/planning/assignments/${assignmentId}/executions`, { auth: builderToken, body: { status: 'running' } });
    expect(started.status).toBe(201);
    const [row] = await sql<{ agent_profile: string; status: string }>(`SELECT agent_profile, status FROM card_assignment WHERE id = '${assignmentId}'`);
    expect(row).toEqual({ agent_profile: 'ui-builder', status: 'running' });
  });

  it('records a commit once, however often it is reported', async () => {
    const body = { sha: 'ABCDEF1234567', message: 'leases: write rules' };
    const first = await callApi<{ data: { recorded: boolean } }>('POST', `/api/v1/planning/assignments/${assignmentId}/commits`, { auth: builderToken, body });
    const again = await callApi<{ data: { recorded: boolean } }>('POST', `/api/v1/planning/assignments/${assignmentId}/commits`, { auth: builderToken, body });
    expect([first.body.data.recorded, again.body.data.recorded]).toEqual([true, false]);
    expect(await sql(`SELECT 1 FROM agent_commit WHERE assignment_id = '${assignmentId}'`)).toHaveLength(1);
  });

  it('replays a check report sent again with the same Idempotency-Key', async () => {
    const send = () =>
      callApi('POST', `/api/v1/planning/runs/${runId}/checks`, {
        auth: builderToken,
        body: { checkType: 'lint', status: 'passed', output: 'ruff: 0' },
        headers: { 'idempotency-key': 'check-lint-1' },
      });
    const first = await send();
    const retry = await send();
    expect(first.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await sql(`SELECT 1 FROM run_check WHERE run_id = '${runId}'`)).toHaveLength(1);
  });

  it('answers bad input with 400 naming the field', async () => {
    const bad = await callApi('POST', `/api/v1/planning/runs/${runId}/checks`, { auth: builderToken, body: { checkType: 'vibes', status: 'passed' } });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toBe('application/problem+json');
    expect(JSON.stringify(bad.body)).toContain('checkType');
    const sha = await callApi('POST', `/api/v1/planning/assignments/${assignmentId}/commits`, { auth: builderToken, body: { sha: 'not a sha', message: 'x' } });
    expect(sha.status).toBe(400);
    const id = await callApi('POST', '/api/v1/planning/runs/not-a-uuid/checks', { auth: builderToken, body: { checkType: 'lint', status: 'passed' } });
    expect(id.status).toBe(400);
  });

  it('refuses a caller without the permission (a reviewer) and a builder of another organisation', async () => {
    const forbidden = await callApi('POST', `/api/v1/planning/runs/${runId}/checks`, { auth: reviewer, body: { checkType: 'unit', status: 'passed' } });
    expect(forbidden.status).toBe(403);
    const foreign = await callApi('POST', `/api/v1/planning/runs/${runId}/checks`, { auth: otherToken, body: { checkType: 'unit', status: 'passed' } });
    expect(foreign.status).toBe(404);
    const anonymous = await callApi('POST', `/api/v1/planning/runs/${runId}/checks`, { body: { checkType: 'unit', status: 'passed' } });
    expect(anonymous.status).toBe(401);
    expect(await sql(`SELECT 1 FROM run_check WHERE run_id = '${runId}' AND check_type = 'unit'`)).toHaveLength(0);
  });

  it('reports the pull-request candidate and asks for approval once the checks passed', async () => {
    await callApi('POST', `/api/v1/planning/runs/${runId}/checks`, { auth: builderToken, body: { checkType: 'unit', status: 'passed' } });
    const pr = await callApi<{ data: { approval: { status: string } | null; headBranch: string } }>('POST', `/api/v1/planning/runs/${runId}/pull-request`, {
      auth: builderToken,
      body: { title: 'Write leases', description: 'Builds the card', status: 'open', prUrl: 'https://github.com/motus-os/motus/pull/300' },
    });
    expect(pr.status).toBe(200);
    expect(pr.body.data.approval).toMatchObject({ status: 'pending' });
    expect(pr.body.data.headBranch).toMatch(/^feat\/run-/);
    const backwards = await callApi('POST', `/api/v1/planning/runs/${runId}/pull-request`, {
      auth: builderToken,
      body: { title: 'Write leases', status: 'not_created' },
    });
    expect(backwards.status).toBe(409);
    expect(backwards.body.detail).toBe('The pull request cannot move from open to not created.');
  });
});
