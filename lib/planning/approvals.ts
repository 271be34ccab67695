import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { approvalRequests } from '../db/schema';
import { approvalTypes } from '../db/schema/planning-values';
import { ActionError } from '../procedure/result';
import { planningRefusal } from './refusals';
import { guarded, logEvent, runOf } from './run-actions';

/*
 * Approval requests of a run's pull request: asked for (by an agent's report, or here), then
 * approved or rejected once by a reviewer. The database (approval_request_rules) refuses a request
 * or an approval while a required check of the run's policy snapshot has not passed.
 */

const uuid = (what: string) => z.uuid({ message: `Choose a ${what}` });

export const requestApprovalInput = z.object({
  runId: uuid('run'),
  approvalType: z.enum(approvalTypes, { message: 'Choose create_pr or merge_pr' }).default('create_pr'),
});

/**
 * Inserts a pending approval request of the run's pull request and logs it in the run's events;
 * answers its id. The database refuses it while a required check has not passed.
 */
export async function insertApprovalRequest(
  tx: Database,
  caller: OrganisationCaller,
  run: { id: string; projectId: string },
  approvalType: (typeof approvalTypes)[number],
): Promise<string> {
  const id = crypto.randomUUID();
  const actor = actorOf(caller);
  await tx.insert(approvalRequests).values({ organisationId: caller.organisationId, id, runId: run.id, approvalType, requestedBy: actor });
  await logEvent(tx, {
    organisationId: caller.organisationId,
    projectId: run.projectId,
    runId: run.id,
    eventType: 'approval_requested',
    actor,
    payload: { approval_id: id, approval_type: approvalType },
  });
  return id;
}

/** Asks for approval of the run's pull request; the database refuses while a required check has not passed. */
export async function requestApproval(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof requestApprovalInput> }) {
  const run = await runOf(tx, input.runId);
  return guarded(
    tx,
    async (sp) => {
      const id = await insertApprovalRequest(sp, caller, run, input.approvalType);
      return { id, runId: run.id, approvalType: input.approvalType, status: 'pending' as const };
    },
    async (error) => planningRefusal(error),
  );
}

export const resolveApprovalInput = z.object({
  approvalId: uuid('approval request'),
  decision: z.enum(['approved', 'rejected'], { message: 'Approve or reject' }),
  notes: z
    .string()
    .trim()
    .max(2000, { message: 'Use at most 2,000 characters' })
    .regex(/^[^\u0000]*$/)
    .optional()
    .transform((v) => v || undefined),
});

/** A reviewer approves or rejects a pending request; approving needs every required check passed. */
export async function resolveApproval(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof resolveApprovalInput> }) {
  const [request] = await tx
    .select()
    .from(approvalRequests)
    .where(and(eq(approvalRequests.id, input.approvalId), isNull(approvalRequests.deletedAt)));
  if (!request) throw new ActionError('not_found', 'There is no such approval request in this organisation.');
  const run = await runOf(tx, request.runId);
  const actor = actorOf(caller);
  return guarded(
    tx,
    async (sp) => {
      await sp
        .update(approvalRequests)
        .set({ status: input.decision, resolvedBy: actor, resolvedAt: new Date(), notes: input.notes ?? request.notes })
        .where(eq(approvalRequests.id, request.id));
      await logEvent(sp, {
        organisationId: caller.organisationId,
        projectId: run.projectId,
        runId: run.id,
        eventType: 'approval_resolved',
        actor,
        payload: { approval_id: request.id, approval_type: request.approvalType, status: input.decision },
      });
      return { id: request.id, status: input.decision };
    },
    async (error) => planningRefusal(error),
  );
}
