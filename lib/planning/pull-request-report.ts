import 'server-only';

import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { approvalRequests, cardAssignments, pullRequestCandidates } from '../db/schema';
import { pullRequestStatuses } from '../db/schema/planning-values';
import { ActionError } from '../procedure/result';
import { guarded, optional, reportableRun, reportText } from './agent-reports';
import { insertApprovalRequest } from './approvals';
import { logEvent } from './run-actions';

/* The pull-request candidate of a run, as a builder agent reports it (agent-reports.ts has the rest). */

export const reportPullRequestInput = z.object({
  runId: z.uuid({ message: 'Name the run' }),
  title: reportText(300).min(1, { message: 'Give the pull request a title' }),
  description: reportText(20_000).default(''),
  headBranch: optional(200),
  status: z.enum(pullRequestStatuses, { message: `Choose one of ${pullRequestStatuses.join(', ')}` }).default('not_created'),
  prUrl: z
    .string()
    .trim()
    .max(2000)
    .pipe(z.url({ protocol: /^https?$/, message: 'Give an http:// or https:// address' }))
    .optional(),
});

/**
 * The run's pull-request candidate, written or moved on. Once the run's required checks have all
 * passed, reporting it also asks for approval to create the pull request (unless one is pending
 * or granted); before that the answer says why not.
 */
export async function reportPullRequest(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof reportPullRequestInput> }) {
  const run = await reportableRun(tx, caller, input.runId);
  const actor = actorOf(caller);
  const [assignment] = await tx
    .select({ branch: cardAssignments.featureBranch })
    .from(cardAssignments)
    .where(and(eq(cardAssignments.runId, run.id), isNull(cardAssignments.deletedAt)))
    .orderBy(cardAssignments.createdAt)
    .limit(1);
  const headBranch = input.headBranch ?? assignment?.branch;
  if (!headBranch)
    throw new ActionError('invalid_input', 'Name the head branch: the run has no assignment to take it from.', { headBranch: 'Name the branch' });
  const candidate = await guarded(tx, async (sp) => {
    const [existing] = await sp
      .select()
      .from(pullRequestCandidates)
      .where(and(eq(pullRequestCandidates.runId, run.id), isNull(pullRequestCandidates.deletedAt)));
    const values = { title: input.title, description: input.description, headBranch, status: input.status, prUrl: input.prUrl ?? existing?.prUrl ?? null };
    const [row] = existing
      ? await sp.update(pullRequestCandidates).set(values).where(eq(pullRequestCandidates.id, existing.id)).returning()
      : await sp
          .insert(pullRequestCandidates)
          .values({ organisationId: caller.organisationId, runId: run.id, baseBranch: run.baseBranch, ...values })
          .returning();
    await logEvent(sp, {
      organisationId: caller.organisationId,
      projectId: run.projectId,
      runId: run.id,
      eventType: 'pr_candidate_reported',
      actor,
      payload: { candidate_id: row!.id, status: row!.status, title: row!.title },
    });
    return row!;
  });

  let approval: { id: string; status: string } | null = null;
  let approvalRefused: string | null = null;
  const [open] = await tx
    .select({ id: approvalRequests.id, status: approvalRequests.status })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.runId, run.id), eq(approvalRequests.approvalType, 'create_pr'), inArray(approvalRequests.status, ['pending', 'approved'])))
    .orderBy(desc(approvalRequests.requestedAt))
    .limit(1);
  if (open) approval = open;
  else if (candidate.status !== 'closed') {
    try {
      approval = await guarded(tx, async (sp) => ({ id: await insertApprovalRequest(sp, caller, run, 'create_pr'), status: 'pending' }));
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      approvalRefused = error.message;
    }
  }
  return {
    id: candidate.id,
    runId: run.id,
    status: candidate.status,
    headBranch: candidate.headBranch,
    baseBranch: candidate.baseBranch,
    prUrl: candidate.prUrl,
    approval,
    approvalRefused,
  };
}
