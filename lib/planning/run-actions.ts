import 'server-only';

import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { cardAssignments, cardPlannedFiles, cards, eventLog, orchestrationRuns, projects, systemPolicyProfiles } from '../db/schema';
import { agentRoles } from '../db/schema/planning-values';
import { rowsOf } from '../db/sql';
import { ActionError } from '../procedure/result';
import { pathList } from './paths';
import { planningRefusal } from './refusals';

/*
 * What a manager or reviewer does to a build run: start it (for a card or a workflow), assign its
 * cards to builders, resume a blocked assignment, cancel it, ask for and decide approvals. The
 * database decides (build gate, run policy, assignment rules, approval gates); each refusal
 * comes back as a sentence (refusals.ts). Every change is also a row of the project's event log.
 */

const uuid = (what: string) => z.uuid({ message: `Choose a ${what}` });

export const startRunInput = z
  .object({
    projectId: uuid('project'),
    scope: z.enum(['card', 'workflow'], { message: 'Choose a card or a workflow' }),
    cardId: uuid('card')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    workflowId: uuid('workflow')
      .optional()
      .or(z.literal('').transform(() => undefined)),
  })
  .superRefine((v, ctx) => {
    if (v.scope === 'card' && !v.cardId) ctx.addIssue({ code: 'custom', path: ['cardId'], message: 'Choose the card to build' });
    if (v.scope === 'workflow' && !v.workflowId) ctx.addIssue({ code: 'custom', path: ['workflowId'], message: 'Choose the workflow to build' });
  });

export async function logEvent(
  tx: Database,
  e: { organisationId: string; projectId: string; runId: string | null; eventType: string; actor: string; payload?: Record<string, unknown> },
) {
  // clock_timestamp, not now(): the steps of one transaction (a PR candidate, then its approval request) keep their order.
  await tx.insert(eventLog).values({ ...e, payload: e.payload ?? {}, createdAt: sql`clock_timestamp()` });
}

/** Runs `work` in a savepoint, so that after a refusal the transaction can still read (titles for the sentence). */
export async function guarded<T>(tx: Database, work: (tx: Database) => Promise<T>, onRefusal: (error: unknown) => Promise<never>): Promise<T> {
  try {
    return await tx.transaction((sp) => work(sp as unknown as Database));
  } catch (error) {
    return onRefusal(error);
  }
}

async function cardTitles(tx: Database, projectId: string): Promise<Map<string, string>> {
  const rows = await tx.select({ id: cards.id, title: cards.title }).from(cards).where(eq(cards.projectId, projectId));
  return new Map(rows.map((r) => [r.id, r.title]));
}

export function featureBranchOf(runId: string, cardId: string): string {
  return `feat/run-${runId.slice(0, 8)}-${cardId.slice(0, 8)}`;
}

/**
 * Starts a build: a running run with the policy and input snapshots, and one coder assignment per
 * card it builds (its feature branch, the card's approved planned files as allowed paths).
 */
export async function startRun(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof startRunInput> }) {
  const { organisationId } = caller;
  const actor = actorOf(caller);
  const [project] = await tx
    .select({ id: projects.id, repoUrl: projects.repoUrl, defaultBranch: projects.defaultBranch })
    .from(projects)
    .where(and(eq(projects.id, input.projectId), isNull(projects.deletedAt)));
  if (!project) throw new ActionError('not_found', 'There is no such project in this organisation.');
  const [policy] = await tx
    .select()
    .from(systemPolicyProfiles)
    .where(and(eq(systemPolicyProfiles.projectId, project.id), isNull(systemPolicyProfiles.deletedAt)));
  if (!policy) throw new ActionError('conflict', 'Set the project’s policy (its required checks) before starting a build.');

  const scoped = await tx.execute(
    sql`SELECT card_id FROM planning_cards_in_run_scope(${organisationId}::uuid, ${input.scope}, ${input.workflowId ?? null}::uuid, ${input.cardId ?? null}::uuid)`,
  );
  const cardIds = rowsOf<{ card_id: string }>(scoped).map((r) => r.card_id);
  const runId = crypto.randomUUID();
  const titles = await cardTitles(tx, project.id);

  return guarded(
    tx,
    async (sp) => {
      await sp.insert(orchestrationRuns).values({
        organisationId,
        id: runId,
        projectId: project.id,
        scope: input.scope,
        cardId: input.scope === 'card' ? input.cardId : null,
        workflowId: input.scope === 'workflow' ? input.workflowId : null,
        triggerType: 'manual',
        status: 'running',
        initiatedBy: actor,
        repoUrl: project.repoUrl ?? '',
        baseBranch: project.defaultBranch,
        systemPolicyProfileId: policy.id,
        systemPolicySnapshot: {
          required_checks: policy.requiredChecks,
          protected_paths: policy.protectedPaths ?? [],
          forbidden_paths: policy.forbiddenPaths ?? [],
        },
        runInputSnapshot: {
          card_id: input.scope === 'card' ? input.cardId : null,
          workflow_id: input.scope === 'workflow' ? input.workflowId : null,
          card_ids: cardIds,
          triggered_at: new Date().toISOString(),
        },
      });
      const files = cardIds.length
        ? await sp
            .select({ cardId: cardPlannedFiles.cardId, name: cardPlannedFiles.logicalFileName })
            .from(cardPlannedFiles)
            .where(and(inArray(cardPlannedFiles.cardId, cardIds), eq(cardPlannedFiles.status, 'approved'), isNull(cardPlannedFiles.deletedAt)))
        : [];
      for (const cardId of cardIds) {
        const allowedPaths = files.filter((f) => f.cardId === cardId).map((f) => f.name);
        await sp.insert(cardAssignments).values({
          organisationId,
          runId,
          cardId,
          agentRole: 'coder',
          agentProfile: 'any-builder',
          featureBranch: featureBranchOf(runId, cardId),
          allowedPaths,
          forbiddenPaths: policy.forbiddenPaths ?? [],
          assignmentInputSnapshot: { card_id: cardId, allowed_paths: allowedPaths },
        });
      }
      await logEvent(sp, {
        organisationId,
        projectId: project.id,
        runId,
        eventType: 'run_initialized',
        actor,
        payload: { scope: input.scope, card_ids: cardIds, required_checks: policy.requiredChecks },
      });
      return { id: runId, projectId: project.id, cards: cardIds.length };
    },
    async (error) => planningRefusal(error, titles),
  );
}

export async function runOf(tx: Database, runId: string) {
  const [run] = await tx
    .select()
    .from(orchestrationRuns)
    .where(and(eq(orchestrationRuns.id, runId), isNull(orchestrationRuns.deletedAt)));
  if (!run) throw new ActionError('not_found', 'There is no such run in this organisation.');
  return run;
}

export const createAssignmentInput = z.object({
  runId: uuid('run'),
  cardId: uuid('card'),
  agentRole: z.enum(agentRoles, { message: 'Choose a role' }),
  agentProfile: z
    .string({ error: 'Name the builder' })
    .trim()
    .min(1, { message: 'Name the builder' })
    .max(120, { message: 'Use at most 120 characters' })
    .regex(/^[^\u0000-\u001f]+$/, { message: 'Use no control characters' }),
  featureBranch: z
    .string({ error: 'Name the feature branch' })
    .trim()
    .min(1, { message: 'Name the feature branch' })
    .max(200, { message: 'Use at most 200 characters' })
    .regex(/^[^\s\u0000-\u001f~^:?*[\\]+$/, { message: 'Use a valid branch name (no spaces or ~^:?*[\\)' }),
  allowedPaths: pathList.refine((v) => v.length > 0, { message: 'Give at least one allowed path' }),
});

/** Assigns a card of the run to a builder (agent profile) on a feature branch. */
export async function createAssignment(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof createAssignmentInput> }) {
  const run = await runOf(tx, input.runId);
  const id = crypto.randomUUID();
  return guarded(
    tx,
    async (sp) => {
      await sp.insert(cardAssignments).values({
        organisationId: caller.organisationId,
        id,
        runId: run.id,
        cardId: input.cardId,
        agentRole: input.agentRole,
        agentProfile: input.agentProfile,
        featureBranch: input.featureBranch,
        allowedPaths: input.allowedPaths,
        forbiddenPaths: (run.systemPolicySnapshot.forbidden_paths as string[] | undefined) ?? [],
        assignmentInputSnapshot: { card_id: input.cardId, allowed_paths: input.allowedPaths },
      });
      await logEvent(sp, {
        organisationId: caller.organisationId,
        projectId: run.projectId,
        runId: run.id,
        eventType: 'assignment_created',
        actor: actorOf(caller),
        payload: { assignment_id: id, card_id: input.cardId, agent_role: input.agentRole, agent_profile: input.agentProfile },
      });
      return { id };
    },
    async (error) => planningRefusal(error),
  );
}

export const assignmentActionInput = z.object({ assignmentId: uuid('assignment') });

/** A blocked assignment goes back to the queue, and its blocked run runs again (if no other build runs). */
export async function resumeAssignment(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof assignmentActionInput> }) {
  const [assignment] = await tx
    .select()
    .from(cardAssignments)
    .where(and(eq(cardAssignments.id, input.assignmentId), isNull(cardAssignments.deletedAt)));
  if (!assignment) throw new ActionError('not_found', 'There is no such assignment in this organisation.');
  if (assignment.status !== 'blocked') throw new ActionError('conflict', `Only a blocked assignment can be resumed; this one is ${assignment.status}.`);
  const run = await runOf(tx, assignment.runId);
  return guarded(
    tx,
    async (sp) => {
      await sp.update(cardAssignments).set({ status: 'queued' }).where(eq(cardAssignments.id, assignment.id));
      if (run.status === 'blocked') await sp.update(orchestrationRuns).set({ status: 'running' }).where(eq(orchestrationRuns.id, run.id));
      await logEvent(sp, {
        organisationId: caller.organisationId,
        projectId: run.projectId,
        runId: run.id,
        eventType: 'assignment_resumed',
        actor: actorOf(caller),
        payload: { assignment_id: assignment.id },
      });
      return { id: assignment.id, status: 'queued' as const };
    },
    async (error) => planningRefusal(error),
  );
}

export const runActionInput = z.object({ runId: uuid('run') });

/** Cancels a run that has not ended, and its open assignments: the project may build again. */
export async function cancelRun(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof runActionInput> }) {
  const run = await runOf(tx, input.runId);
  return guarded(
    tx,
    async (sp) => {
      await sp
        .update(cardAssignments)
        .set({ status: 'cancelled' })
        .where(and(eq(cardAssignments.runId, run.id), inArray(cardAssignments.status, ['queued', 'running', 'blocked'])));
      await sp.update(orchestrationRuns).set({ status: 'cancelled' }).where(eq(orchestrationRuns.id, run.id));
      await logEvent(sp, {
        organisationId: caller.organisationId,
        projectId: run.projectId,
        runId: run.id,
        eventType: 'run_cancelled',
        actor: actorOf(caller),
      });
      return { id: run.id, status: 'cancelled' as const };
    },
    async (error) => planningRefusal(error),
  );
}
