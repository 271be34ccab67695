import 'server-only';

import { and, eq } from 'drizzle-orm';

import type { Database } from '../connection';
import { agentCommits, agentExecutions, approvalRequests, cardAssignments, eventLog, orchestrationRuns, pullRequestCandidates, runChecks } from '../schema';
import { demoPolicy, demoProject } from './demo-planning-data';
import { stableUuid } from './helpers';

/** A stable uuid per demo name, so that a second run finds the rows of the first. */
export const demoId = (name: string) => stableUuid('planning', name);

/** Where a demo run is: its organisation, project, policy and card, and the instant `m` minutes ago. */
export interface DemoRunSeed {
  organisationId: string;
  projectId: string;
  policyId: string;
  cardId: string;
  at: (m: number) => Date;
}

/**
 * Starts a demo run of the card under the demo policy, `started` minutes ago; false, writing
 * nothing, when a second seed finds the run there already.
 */
async function startDemoRun(
  tx: Database,
  { organisationId, projectId, policyId, cardId, at }: DemoRunSeed,
  { runId, status, started, worktreeRoot }: { runId: string; status: 'running' | 'blocked'; started: number; worktreeRoot?: string },
): Promise<boolean> {
  const [existing] = await tx
    .select({ id: orchestrationRuns.id })
    .from(orchestrationRuns)
    .where(and(eq(orchestrationRuns.organisationId, organisationId), eq(orchestrationRuns.id, runId)));
  if (existing) return false;
  await tx.insert(orchestrationRuns).values({
    organisationId,
    id: runId,
    projectId,
    scope: 'card',
    cardId,
    triggerType: 'card',
    status,
    initiatedBy: 'ben',
    repoUrl: demoProject.repoUrl,
    baseBranch: 'main',
    systemPolicyProfileId: policyId,
    systemPolicySnapshot: {
      required_checks: demoPolicy.requiredChecks,
      protected_paths: demoPolicy.protectedPaths,
      forbidden_paths: demoPolicy.forbiddenPaths,
    },
    runInputSnapshot: { card_id: cardId, workflow_id: null, card_ids: [cardId], triggered_at: at(started).toISOString() },
    worktreeRoot,
    startedAt: at(started),
  });
  return true;
}

/** A run's events: type, actor, payload and minutes ago each. */
async function logDemoRunEvents(
  tx: Database,
  { organisationId, projectId, at }: DemoRunSeed,
  runId: string,
  events: readonly (readonly [eventType: string, actor: string, payload: Record<string, unknown>, minutesAgo: number])[],
): Promise<void> {
  await tx
    .insert(eventLog)
    .values(
      events.map(([eventType, actor, payload, minutesAgo]) => ({ organisationId, projectId, runId, eventType, actor, payload, createdAt: at(minutesAgo) })),
    );
}

/** One finished build of the production card, with its receipts. Written once, as a whole. */
export async function seedDemoRun(tx: Database, seed: DemoRunSeed): Promise<number> {
  const { organisationId, cardId, at } = seed;
  const runId = demoId('run:exclusive-lease');
  const started = 3 * 24 * 60; // three days ago, in minutes
  if (!(await startDemoRun(tx, seed, { runId, status: 'running', started, worktreeRoot: '/var/gantry/worktrees/motus' }))) return 0;
  const branch = `feat/run-${runId.slice(0, 8)}-${cardId.slice(0, 8)}`;
  const coder = demoId('assignment:coder');
  const reviewer = demoId('assignment:reviewer');
  const assignment = (id: string, agentRole: 'coder' | 'reviewer', agentProfile: string) => ({
    organisationId,
    id,
    runId,
    cardId,
    agentRole,
    agentProfile,
    featureBranch: branch,
    status: 'completed' as const,
    worktreePath: '/var/gantry/worktrees/motus',
    allowedPaths: ['src/motus/leases', 'tests/test_leases.py'],
    assignmentInputSnapshot: { card_id: cardId, planned_file_ids: [demoId('file:exclusive-lease:0'), demoId('file:exclusive-lease:1')] },
  });
  await tx.insert(cardAssignments).values([assignment(coder, 'coder', 'claude-coder'), assignment(reviewer, 'reviewer', 'reviewer-default')]);
  const execution = (assignmentId: string, startedAgo: number, endedAgo: number, summary: string) => ({
    organisationId,
    assignmentId,
    status: 'completed' as const,
    startedAt: at(startedAgo),
    endedAt: at(endedAgo),
    summary,
  });
  await tx
    .insert(agentExecutions)
    .values([
      execution(coder, started - 1, started - 31, 'Added the exclusive lease check and its tests; store routes exclusive requests to it.'),
      execution(reviewer, started - 32, started - 38, 'Reviewed: refusal names the blocking lease; tests cover expired leases.'),
    ]);
  const commit = (sha: string, message: string, minutesAgo: number) => ({
    organisationId,
    assignmentId: coder,
    sha,
    branch,
    message,
    committedAt: at(minutesAgo),
  });
  await tx
    .insert(agentCommits)
    .values([
      commit('3f2a9c1d8e', 'leases: refuse exclusive lease beside any active lease', started - 20),
      commit('b71e0047aa', 'tests: exclusive lease with expired and released leases', started - 29),
    ]);
  await tx.insert(runChecks).values([
    { organisationId, runId, checkType: 'lint', status: 'passed', output: 'ruff: 0 problems', executedAt: at(started - 34) },
    { organisationId, runId, checkType: 'unit', status: 'passed', output: 'pytest: 48 passed', executedAt: at(started - 35) },
    { organisationId, runId, checkType: 'e2e', status: 'skipped', output: 'No end-to-end suite for the kernel yet', executedAt: at(started - 35) },
  ]);
  await tx
    .update(orchestrationRuns)
    .set({ status: 'completed', endedAt: at(started - 40) })
    .where(and(eq(orchestrationRuns.organisationId, organisationId), eq(orchestrationRuns.id, runId)));
  await tx.insert(pullRequestCandidates).values({
    organisationId,
    runId,
    baseBranch: 'main',
    headBranch: branch,
    status: 'open',
    title: 'Exclusive lease refuses every other mode',
    description: 'Builds card "Exclusive lease refuses every other mode". Checks: lint, unit passed.',
    prUrl: 'https://github.com/motus-os/motus/pull/231',
  });
  await tx.insert(approvalRequests).values([
    {
      organisationId,
      runId,
      approvalType: 'create_pr',
      status: 'approved',
      requestedBy: 'agent:claude-coder',
      requestedAt: at(started - 41),
      resolvedBy: 'ben',
      resolvedAt: at(started - 60),
      notes: 'Open it as a normal PR.',
    },
    { organisationId, runId, approvalType: 'merge_pr', status: 'pending', requestedBy: 'agent:reviewer-default', requestedAt: at(started - 61) },
  ]);
  const events = [
    ['run_initialized', 'ben', { scope: 'card', card_ids: [cardId] }, started],
    ['assignment_dispatched', 'orchestrator', { assignment_id: coder, agent_profile: 'claude-coder' }, started - 1],
    ['checks_completed', 'orchestrator', { passed: ['lint', 'unit'], skipped: ['e2e'] }, started - 35],
    ['run_completed', 'orchestrator', { status: 'completed' }, started - 40],
    ['approval_resolved', 'ben', { approval_type: 'create_pr', status: 'approved' }, started - 60],
  ] as const;
  await logDemoRunEvents(tx, seed, runId, events);
  return 1;
}

/**
 * A build of the heartbeat card that its builder blocked on a question: a manager resumes it on
 * the run page (then the demo builders take it up through the agent API) or cancels it. Blocked,
 * not running, so that the project is free to start another build.
 */
export async function seedDemoBlockedRun(tx: Database, seed: DemoRunSeed): Promise<number> {
  const { organisationId, cardId, at } = seed;
  const runId = demoId('run:heartbeat');
  const started = 90;
  if (!(await startDemoRun(tx, seed, { runId, status: 'blocked', started }))) return 0;
  const assignmentId = demoId('assignment:heartbeat');
  const branch = `feat/run-${runId.slice(0, 8)}-${cardId.slice(0, 8)}`;
  const allowedPaths = ['src/motus/leases/heartbeat.py'];
  await tx.insert(cardAssignments).values({
    organisationId,
    id: assignmentId,
    runId,
    cardId,
    agentRole: 'coder',
    agentProfile: 'any-builder',
    featureBranch: branch,
    status: 'blocked',
    allowedPaths,
    forbiddenPaths: demoPolicy.forbiddenPaths,
    assignmentInputSnapshot: { card_id: cardId, allowed_paths: allowedPaths },
  });
  const question = 'Blocked: may a heartbeat revive a lease that expired a moment ago? The card leaves it open.';
  await tx.insert(agentExecutions).values({ organisationId, assignmentId, status: 'blocked', startedAt: at(started - 1), error: question });
  await tx.insert(runChecks).values({ organisationId, runId, checkType: 'lint', status: 'passed', output: 'ruff: 0 problems', executedAt: at(started - 20) });
  const events = [
    ['run_initialized', 'ben', { scope: 'card', card_ids: [cardId] }, started],
    ['check_reported', 'agent:api-builder', { check_type: 'lint', status: 'passed' }, started - 20],
    ['execution_reported', 'agent:api-builder', { assignment_id: assignmentId, status: 'blocked', summary: question }, started - 25],
  ] as const;
  await logDemoRunEvents(tx, seed, runId, events);
  return 1;
}
