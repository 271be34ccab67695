import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';

import type { Database } from '../connection';
import {
  agentCommits,
  agentExecutions,
  approvalRequests,
  cardAssignments,
  cardAssumptions,
  cardContextArtifacts,
  cardKnownFacts,
  cardPlannedFiles,
  cardQuestions,
  cardRequirements,
  cards,
  contextArtifacts,
  eventLog,
  memoryRetrievalLog,
  memoryUnitRelations,
  memoryUnits,
  orchestrationRuns,
  planningActions,
  projects,
  pullRequestCandidates,
  runChecks,
  systemPolicyProfiles,
  workflowActivities,
  workflows,
} from '../schema';
import { demoActivities, demoArtifacts, demoCards, demoPolicy, demoProject, demoWorkflows } from './demo-planning-data';
import { MINUTE_MS, stableUuid } from './helpers';

/** A stable uuid per demo name, so that a second run finds the rows of the first. */
const demoId = (name: string) => stableUuid('planning', name);

/**
 * The demo organisation's planning project (seed 004): story map, knowledge, context, a policy,
 * one finished build run of the production card with its receipts, memory. Idempotent: rows that
 * exist are left alone, and the run with everything under it is written only once.
 */
export async function seedDemoPlanning(tx: Database, organisationId: string, today: Date) {
  const at = (minutesAgo: number) => new Date(today.getTime() - minutesAgo * MINUTE_MS);
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  const inserted: Record<string, number> = {};
  const projectId = demoId(demoProject.key);

  // A live project of that name that the demo did not write belongs to someone: leave it be.
  const [sameName] = await tx
    .select({ id: projects.id })
    .from(projects)
    .where(and(eq(projects.organisationId, organisationId), eq(projects.name, demoProject.name), isNull(projects.deletedAt)));
  if (sameName && sameName.id !== projectId) return { projectId: sameName.id, inserted };

  const { key: _key, ...project } = demoProject;
  inserted.project = await count(
    tx
      .insert(projects)
      .values({ ...project, organisationId, id: projectId, actionSequence: 1 })
      .onConflictDoNothing()
      .returning({ id: projects.id }),
  );
  const workflowRows = demoWorkflows.map(({ key, ...w }) => ({ ...w, organisationId, projectId, id: demoId(`workflow:${key}`) }));
  inserted.workflows = await count(tx.insert(workflows).values(workflowRows).onConflictDoNothing().returning({ id: workflows.id }));
  const activityRows = demoActivities.map(({ key, workflow, ...a }) => ({
    ...a,
    organisationId,
    projectId,
    id: demoId(`activity:${key}`),
    workflowId: demoId(`workflow:${workflow}`),
  }));
  inserted.activities = await count(tx.insert(workflowActivities).values(activityRows).onConflictDoNothing().returning({ id: workflowActivities.id }));

  const cardId = (key: string) => demoId(`card:${key}`);
  inserted.cards = await count(
    tx
      .insert(cards)
      .values(
        demoCards.map((c, i) => ({
          organisationId,
          projectId,
          id: cardId(c.key),
          workflowActivityId: demoId(`activity:${c.activity}`),
          title: c.title,
          description: c.description,
          status: c.status,
          rank: c.rank,
          position: c.position,
          priority: c.priority,
          quickAnswer: c.quickAnswer ?? null,
          finalizedAt: c.finalized ? at(7 * 24 * 60 - i * 60) : null,
          buildState: c.status === 'production' ? ('completed' as const) : null,
          lastBuiltAt: c.status === 'production' ? at(3 * 24 * 60 - 40) : null,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: cards.id }),
  );

  const items = (kind: string, pick: (c: (typeof demoCards)[number]) => readonly string[]) =>
    demoCards.flatMap((c) =>
      pick(c).map((text, position) => ({
        organisationId,
        id: demoId(`${kind}:${c.key}:${position}`),
        cardId: cardId(c.key),
        text,
        position,
        source: kind === 'question' ? ('agent' as const) : ('user' as const),
        status: c.finalized ? ('approved' as const) : ('draft' as const),
        confidence: kind === 'assumption' ? 0.7 : null,
      })),
    );
  const requirements = items('requirement', (c) => c.requirements);
  const assumptions = items('assumption', (c) => c.assumptions);
  const questions = items('question', (c) => c.questions);
  inserted.requirements = await count(tx.insert(cardRequirements).values(requirements).onConflictDoNothing().returning());
  inserted.assumptions = await count(tx.insert(cardAssumptions).values(assumptions).onConflictDoNothing().returning());
  inserted.questions = await count(tx.insert(cardQuestions).values(questions).onConflictDoNothing().returning());
  const facts = demoCards.flatMap((c) =>
    c.facts.map((f, position) => ({
      organisationId,
      id: demoId(`fact:${c.key}:${position}`),
      cardId: cardId(c.key),
      text: f.text,
      evidenceSource: f.evidence,
      position,
      source: 'agent' as const,
      status: 'approved' as const,
      confidence: 0.9,
    })),
  );
  inserted.facts = await count(tx.insert(cardKnownFacts).values(facts).onConflictDoNothing().returning());
  const files = demoCards.flatMap((c) =>
    c.files.map((f, position) => ({
      organisationId,
      id: demoId(`file:${c.key}:${position}`),
      cardId: cardId(c.key),
      logicalFileName: f.name,
      artifactKind: f.kind,
      action: f.action,
      intentSummary: f.intent,
      status: f.status,
      position,
    })),
  );
  inserted.plannedFiles = await count(tx.insert(cardPlannedFiles).values(files).onConflictDoNothing().returning());

  inserted.contextArtifacts = await count(
    tx
      .insert(contextArtifacts)
      .values(demoArtifacts.map(({ key, cards: _cards, ...a }) => ({ ...a, organisationId, projectId, id: demoId(`artifact:${key}`) })))
      .onConflictDoNothing()
      .returning(),
  );
  inserted.cardContextArtifacts = await count(
    tx
      .insert(cardContextArtifacts)
      .values(
        demoArtifacts.flatMap((a) =>
          a.cards.map((c) => ({
            organisationId,
            projectId,
            cardId: cardId(c),
            contextArtifactId: demoId(`artifact:${a.key}`),
            linkedBy: 'planner',
          })),
        ),
      )
      .onConflictDoNothing()
      .returning(),
  );

  const policyId = demoId('policy');
  inserted.policies = await count(
    tx
      .insert(systemPolicyProfiles)
      .values({ organisationId, projectId, id: policyId, ...demoPolicy, approvalPolicy: { merge_pr: 'maintainer' } })
      .onConflictDoNothing()
      .returning(),
  );

  // The planner's first request: one batch of three actions under one idempotency key.
  const actionRows = [
    { type: 'createWorkflow', target: { workflow_id: demoId('workflow:lease-store') } },
    { type: 'createActivity', target: { activity_id: demoId('activity:acquire') } },
    { type: 'createCard', target: { card_id: cardId('exclusive-lease') } },
  ] as const;
  inserted.planningActions = await count(
    tx
      .insert(planningActions)
      .values(
        actionRows.map((a, batchPosition) => ({
          organisationId,
          projectId,
          id: demoId(`action:${batchPosition}`),
          actionType: a.type,
          targetRef: a.target,
          validationStatus: 'accepted',
          appliedAt: at(10 * 24 * 60),
          idempotencyKey: 'planner-import-1',
          batchPosition,
        })),
      )
      .onConflictDoNothing()
      .returning(),
  );

  inserted.run = await seedDemoRun(tx, { organisationId, projectId, policyId, cardId: cardId('exclusive-lease'), at });
  inserted.blockedRun = await seedDemoBlockedRun(tx, { organisationId, projectId, policyId, cardId: cardId('heartbeat'), at });
  inserted.memory = await seedDemoMemory(tx, { organisationId, projectId, cardId: cardId('exclusive-lease') });
  return { projectId, inserted };
}

/** One finished build of the production card, with its receipts. Written once, as a whole. */
async function seedDemoRun(
  tx: Database,
  { organisationId, projectId, policyId, cardId, at }: { organisationId: string; projectId: string; policyId: string; cardId: string; at: (m: number) => Date },
): Promise<number> {
  const runId = demoId('run:exclusive-lease');
  const [existing] = await tx
    .select({ id: orchestrationRuns.id })
    .from(orchestrationRuns)
    .where(and(eq(orchestrationRuns.organisationId, organisationId), eq(orchestrationRuns.id, runId)));
  if (existing) return 0;

  const started = 3 * 24 * 60; // three days ago, in minutes
  const branch = `feat/run-${runId.slice(0, 8)}-${cardId.slice(0, 8)}`;
  await tx.insert(orchestrationRuns).values({
    organisationId,
    id: runId,
    projectId,
    scope: 'card',
    cardId,
    triggerType: 'card',
    status: 'running',
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
    worktreeRoot: '/var/gantry/worktrees/motus',
    startedAt: at(started),
  });
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
  await tx.insert(agentExecutions).values([
    {
      organisationId,
      assignmentId: coder,
      status: 'completed',
      startedAt: at(started - 1),
      endedAt: at(started - 31),
      summary: 'Added the exclusive lease check and its tests; store routes exclusive requests to it.',
    },
    {
      organisationId,
      assignmentId: reviewer,
      status: 'completed',
      startedAt: at(started - 32),
      endedAt: at(started - 38),
      summary: 'Reviewed: refusal names the blocking lease; tests cover expired leases.',
    },
  ]);
  await tx.insert(agentCommits).values([
    {
      organisationId,
      assignmentId: coder,
      sha: '3f2a9c1d8e',
      branch,
      message: 'leases: refuse exclusive lease beside any active lease',
      committedAt: at(started - 20),
    },
    {
      organisationId,
      assignmentId: coder,
      sha: 'b71e0047aa',
      branch,
      message: 'tests: exclusive lease with expired and released leases',
      committedAt: at(started - 29),
    },
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
  await tx
    .insert(eventLog)
    .values(
      events.map(([eventType, actor, payload, minutesAgo]) => ({ organisationId, projectId, runId, eventType, actor, payload, createdAt: at(minutesAgo) })),
    );
  return 1;
}

/**
 * A build of the heartbeat card that its builder blocked on a question: a manager resumes it on
 * the run page (then the demo builders take it up through the agent API) or cancels it. Blocked,
 * not running, so that the project is free to start another build.
 */
async function seedDemoBlockedRun(
  tx: Database,
  { organisationId, projectId, policyId, cardId, at }: { organisationId: string; projectId: string; policyId: string; cardId: string; at: (m: number) => Date },
): Promise<number> {
  const runId = demoId('run:heartbeat');
  const [existing] = await tx
    .select({ id: orchestrationRuns.id })
    .from(orchestrationRuns)
    .where(and(eq(orchestrationRuns.organisationId, organisationId), eq(orchestrationRuns.id, runId)));
  if (existing) return 0;
  const started = 90;
  await tx.insert(orchestrationRuns).values({
    organisationId,
    id: runId,
    projectId,
    scope: 'card',
    cardId,
    triggerType: 'card',
    status: 'blocked',
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
    startedAt: at(started),
  });
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
  await tx
    .insert(eventLog)
    .values(
      events.map(([eventType, actor, payload, minutesAgo]) => ({ organisationId, projectId, runId, eventType, actor, payload, createdAt: at(minutesAgo) })),
    );
  return 1;
}

async function seedDemoMemory(tx: Database, { organisationId, projectId, cardId }: { organisationId: string; projectId: string; cardId: string }) {
  const inline = demoId('memory:exclusive-rule');
  const link = demoId('memory:kernel-doc');
  const units = await tx
    .insert(memoryUnits)
    .values([
      {
        organisationId,
        id: inline,
        contentType: 'inline',
        title: 'Exclusive means alone',
        contentText: 'An exclusive lease is refused while any active lease exists on the resource.',
        status: 'approved',
        embeddingRef: 'ruvector:motus-0.2:1',
        mimeType: 'text/plain',
      },
      {
        organisationId,
        id: link,
        contentType: 'link',
        title: 'Kernel schema',
        linkUrl: 'https://github.com/motus-os/motus/blob/main/docs/schema/kernel.md',
        status: 'approved',
        embeddingRef: 'ruvector:motus-0.2:2',
      },
    ])
    .onConflictDoNothing()
    .returning();
  const relations = await tx
    .insert(memoryUnitRelations)
    .values([
      { organisationId, memoryUnitId: inline, entityType: 'card', entityId: cardId, relationRole: 'constrains' },
      { organisationId, memoryUnitId: link, entityType: 'project', entityId: projectId, relationRole: 'source' },
    ])
    .onConflictDoNothing()
    .returning();
  const retrievals = await tx
    .insert(memoryRetrievalLog)
    .values({
      organisationId,
      id: demoId('retrieval:exclusive-rule'),
      queryText: 'exclusive lease rules',
      scopeEntityType: 'card',
      scopeEntityId: cardId,
      resultMemoryIds: [inline, link],
    })
    .onConflictDoNothing()
    .returning();
  return units.length + relations.length + retrievals.length;
}
