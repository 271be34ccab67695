import 'server-only';

import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { agentCommits, agentExecutions, cardAssignments, cards, orchestrationRuns, runChecks } from '../db/schema';
import { runCheckStatuses, runCheckTypes } from '../db/schema/planning-values';
import { ActionError } from '../procedure/result';
import { assignmentCardJoin, assignmentLineColumns } from './assignment-lines';
import { logEvent } from './run-actions';
import { planningRefusal } from './refusals';

/*
 * What builder agents report on a build run through the agent API: executions of an assignment
 * (which move the assignment and the run), commits, check results and the pull-request
 * candidate. A builder token reports only on assignments given to it or to any builder (the
 * first report takes an open one); a member may report on any.
 */

/** The profile of an assignment any builder may take. */
export const ANY_BUILDER = 'any-builder';

export const reportText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `Use at most ${max.toLocaleString('en')} characters` })
    .regex(/^[^\u0000]*$/, { message: 'Use no NUL characters' });
export const optional = (max: number) =>
  reportText(max)
    .optional()
    .transform((v) => v || undefined);
const when = z.iso.datetime({ offset: true, message: 'Give an ISO 8601 time with its offset' }).optional();

function builderOf(caller: OrganisationCaller): string | null {
  return caller.kind === 'token' && caller.builderId !== null ? caller.builderId : null;
}

export async function guarded<T>(tx: Database, work: (tx: Database) => Promise<T>): Promise<T> {
  try {
    return await tx.transaction((sp) => work(sp as unknown as Database));
  } catch (error) {
    return planningRefusal(error);
  }
}

/** The assignment, checked to be the caller's to report on; an open one for any builder becomes the caller's. */
async function ownAssignment(tx: Database, caller: OrganisationCaller, assignmentId: string) {
  const [row] = await tx
    .select({ assignment: cardAssignments, projectId: orchestrationRuns.projectId, runStatus: orchestrationRuns.status })
    .from(cardAssignments)
    .innerJoin(orchestrationRuns, and(eq(orchestrationRuns.organisationId, cardAssignments.organisationId), eq(orchestrationRuns.id, cardAssignments.runId)))
    .where(and(eq(cardAssignments.id, assignmentId), isNull(cardAssignments.deletedAt)));
  if (!row) throw new ActionError('not_found', 'There is no such assignment in this organisation.');
  const builder = builderOf(caller);
  if (builder && row.assignment.agentProfile !== builder) {
    if (row.assignment.agentProfile !== ANY_BUILDER) throw new ActionError('forbidden', 'This assignment is given to another builder.');
    await tx.update(cardAssignments).set({ agentProfile: builder }).where(eq(cardAssignments.id, assignmentId));
  }
  return row;
}

/** The run, checked to be one the caller works on (a builder needs an assignment in it). */
export async function reportableRun(tx: Database, caller: OrganisationCaller, runId: string) {
  const [run] = await tx
    .select()
    .from(orchestrationRuns)
    .where(and(eq(orchestrationRuns.id, runId), isNull(orchestrationRuns.deletedAt)));
  if (!run) throw new ActionError('not_found', 'There is no such run in this organisation.');
  const builder = builderOf(caller);
  if (builder) {
    const [mine] = await tx
      .select({ id: cardAssignments.id })
      .from(cardAssignments)
      .where(and(eq(cardAssignments.runId, runId), inArray(cardAssignments.agentProfile, [builder, ANY_BUILDER]), isNull(cardAssignments.deletedAt)));
    if (!mine) throw new ActionError('forbidden', 'A builder reports only on runs it has an assignment in.');
  }
  return run;
}

export const listAssignmentsInput = z.object({ projectId: z.uuid({ message: 'Give a project id' }).optional() });

/** Open assignments of running runs that the caller may work on, oldest first. */
export async function listOpenAssignments(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof listAssignmentsInput> }) {
  const builder = builderOf(caller);
  const rows = await tx
    .select({
      ...assignmentLineColumns,
      runId: cardAssignments.runId,
      projectId: orchestrationRuns.projectId,
      requiredChecks: orchestrationRuns.systemPolicySnapshot,
    })
    .from(cardAssignments)
    .innerJoin(orchestrationRuns, and(eq(orchestrationRuns.organisationId, cardAssignments.organisationId), eq(orchestrationRuns.id, cardAssignments.runId)))
    .innerJoin(cards, assignmentCardJoin)
    .where(
      and(
        isNull(cardAssignments.deletedAt),
        inArray(cardAssignments.status, ['queued', 'running']),
        eq(orchestrationRuns.status, 'running'),
        input.projectId ? eq(orchestrationRuns.projectId, input.projectId) : undefined,
        builder ? or(eq(cardAssignments.agentProfile, builder), eq(cardAssignments.agentProfile, ANY_BUILDER)) : undefined,
      ),
    )
    .orderBy(cardAssignments.createdAt)
    .limit(50);
  return rows.map(({ requiredChecks, ...r }) => ({ ...r, requiredChecks: (requiredChecks.required_checks as string[] | undefined) ?? [] }));
}

export const reportExecutionInput = z.object({
  assignmentId: z.uuid({ message: 'Name the assignment' }),
  executionId: z.uuid({ message: 'Name an execution of this assignment' }).optional(),
  status: z.enum(['running', 'completed', 'failed', 'blocked'], { message: 'Choose running, completed, failed or blocked' }),
  summary: optional(4000),
  error: optional(4000),
});

/**
 * Records (or, with executionId, moves on) an agent's execution of an assignment. The assignment
 * takes the execution's status; a blocked or failed assignment blocks or fails its run, and the
 * run completes when its last open assignment does.
 */
export async function reportExecution(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof reportExecutionInput> }) {
  const { assignment, projectId } = await ownAssignment(tx, caller, input.assignmentId);
  return guarded(tx, async (sp) => {
    let id = input.executionId;
    const values = { status: input.status, summary: input.summary, error: input.error };
    if (id) {
      const moved = await sp
        .update(agentExecutions)
        .set(values)
        .where(and(eq(agentExecutions.id, id), eq(agentExecutions.assignmentId, assignment.id)))
        .returning({ id: agentExecutions.id });
      if (!moved.length) throw new ActionError('not_found', 'There is no such execution of this assignment.');
    } else {
      id = crypto.randomUUID();
      await sp.insert(agentExecutions).values({ organisationId: caller.organisationId, id, assignmentId: assignment.id, ...values });
    }
    if (assignment.status !== input.status) {
      await sp.update(cardAssignments).set({ status: input.status }).where(eq(cardAssignments.id, assignment.id));
    }
    const runStatus = await followAssignments(sp, assignment.runId, input.status);
    await logEvent(sp, {
      organisationId: caller.organisationId,
      projectId,
      runId: assignment.runId,
      eventType: 'execution_reported',
      actor: actorOf(caller),
      payload: { assignment_id: assignment.id, execution_id: id, status: input.status, ...(input.summary ? { summary: input.summary } : {}) },
    });
    return { id, assignmentId: assignment.id, status: input.status, runStatus };
  });
}

/** The run's status after one of its assignments moved. */
async function followAssignments(tx: Database, runId: string, status: 'running' | 'completed' | 'failed' | 'blocked'): Promise<string> {
  const [run] = await tx.select({ status: orchestrationRuns.status }).from(orchestrationRuns).where(eq(orchestrationRuns.id, runId));
  let next = run!.status;
  if (status === 'blocked' && next === 'running') next = 'blocked';
  if (status === 'failed' && (next === 'running' || next === 'blocked')) next = 'failed';
  if (status === 'completed' && next === 'running') {
    const open = await tx
      .select({ id: cardAssignments.id })
      .from(cardAssignments)
      .where(
        and(
          eq(cardAssignments.runId, runId),
          isNull(cardAssignments.deletedAt),
          ne(cardAssignments.status, 'completed'),
          ne(cardAssignments.status, 'cancelled'),
        ),
      );
    if (!open.length) next = 'completed';
  }
  if (next !== run!.status) await tx.update(orchestrationRuns).set({ status: next }).where(eq(orchestrationRuns.id, runId));
  return next;
}

export const reportCommitInput = z.object({
  assignmentId: z.uuid({ message: 'Name the assignment' }),
  sha: z
    .string({ error: 'Give the commit’s SHA' })
    .trim()
    .regex(/^[0-9a-f]{7,64}$/i, { message: 'Give the commit’s SHA (7 to 64 hexadecimal digits)' }),
  message: reportText(4000).min(1, { message: 'Give the commit message' }),
  committedAt: when,
});

/** A commit on the assignment's feature branch; reporting the same SHA again changes nothing. */
export async function reportCommit(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof reportCommitInput> }) {
  const { assignment, projectId } = await ownAssignment(tx, caller, input.assignmentId);
  return guarded(tx, async (sp) => {
    const sha = input.sha.toLowerCase();
    const [added] = await sp
      .insert(agentCommits)
      .values({
        organisationId: caller.organisationId,
        assignmentId: assignment.id,
        sha,
        branch: assignment.featureBranch,
        message: input.message,
        committedAt: input.committedAt ? new Date(input.committedAt) : new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: agentCommits.id });
    if (added) {
      await logEvent(sp, {
        organisationId: caller.organisationId,
        projectId,
        runId: assignment.runId,
        eventType: 'commit_reported',
        actor: actorOf(caller),
        payload: { assignment_id: assignment.id, sha, branch: assignment.featureBranch },
      });
    }
    const [row] = await sp
      .select({ id: agentCommits.id })
      .from(agentCommits)
      .where(and(eq(agentCommits.assignmentId, assignment.id), eq(agentCommits.sha, sha)));
    return { id: row!.id, sha, branch: assignment.featureBranch, recorded: Boolean(added) };
  });
}

export const reportCheckInput = z.object({
  runId: z.uuid({ message: 'Name the run' }),
  checkType: z.enum(runCheckTypes, { message: `Choose one of ${runCheckTypes.join(', ')}` }),
  status: z.enum(runCheckStatuses, { message: 'Choose passed, failed or skipped' }),
  output: optional(20_000),
  executedAt: when,
});

/** One check result of the run; a re-run is a new result, and the latest of each type counts. */
export async function reportCheck(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof reportCheckInput> }) {
  const run = await reportableRun(tx, caller, input.runId);
  return guarded(tx, async (sp) => {
    const [row] = await sp
      .insert(runChecks)
      .values({
        organisationId: caller.organisationId,
        runId: run.id,
        checkType: input.checkType,
        status: input.status,
        output: input.output,
        executedAt: input.executedAt ? new Date(input.executedAt) : new Date(),
      })
      .returning({ id: runChecks.id });
    await logEvent(sp, {
      organisationId: caller.organisationId,
      projectId: run.projectId,
      runId: run.id,
      eventType: 'check_reported',
      actor: actorOf(caller),
      payload: { check_type: input.checkType, status: input.status },
    });
    return { id: row!.id, runId: run.id, checkType: input.checkType, status: input.status };
  });
}
