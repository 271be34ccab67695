import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';

import type { Database } from '../connection';
import {
  cardAssumptions,
  cardContextArtifacts,
  cardKnownFacts,
  cardPlannedFiles,
  cardQuestions,
  cardRequirements,
  cards,
  contextArtifacts,
  memoryRetrievalLog,
  memoryUnitRelations,
  memoryUnits,
  planningActions,
  projects,
  systemPolicyProfiles,
  workflowActivities,
  workflows,
} from '../schema';
import { demoActivities, demoArtifacts, demoCards, demoPolicy, demoProject, demoWorkflows } from './demo-planning-data';
import { demoId, seedDemoBlockedRun, seedDemoRun } from './demo-planning-runs';
import { MINUTE_MS } from './helpers';

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
