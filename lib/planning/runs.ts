import 'server-only';

import { and, asc, desc, eq, inArray, isNull, isNotNull } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { resolveActors } from '../organisations/actors';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import {
  agentCommits,
  agentExecutions,
  approvalRequests,
  cardAssignments,
  cards,
  eventLog,
  orchestrationRuns,
  projects,
  pullRequestCandidates,
  runChecks,
  workflowActivities,
  workflows,
} from '../db/schema';
import { assignmentCardJoin, assignmentLineColumns } from './assignment-lines';

/* The runs pages' reads: a project's runs, what a run may be started for, and one run's timeline. */

export interface ProjectHeader {
  id: string;
  name: string;
  repoUrl: string | null;
  defaultBranch: string;
}

export async function findProject(tx: Database, projectId: string): Promise<ProjectHeader | null> {
  if (!/^[0-9a-f-]{36}$/i.test(projectId)) return null;
  const [project] = await tx
    .select({ id: projects.id, name: projects.name, repoUrl: projects.repoUrl, defaultBranch: projects.defaultBranch })
    .from(projects)
    .where(and(eq(projects.id, projectId), isNull(projects.deletedAt)));
  return project ?? null;
}

/** The workflows and the finalized cards of a project, for the start-a-run form. */
async function listRunTargets(tx: Database, projectId: string) {
  const flows = await tx
    .select({ id: workflows.id, title: workflows.title })
    .from(workflows)
    .where(and(eq(workflows.projectId, projectId), isNull(workflows.deletedAt)))
    .orderBy(asc(workflows.position));
  const cardRows = await tx
    .select({ id: cards.id, title: cards.title, workflowId: workflowActivities.workflowId, finalized: isNotNull(cards.finalizedAt) })
    .from(cards)
    .innerJoin(workflowActivities, and(eq(workflowActivities.organisationId, cards.organisationId), eq(workflowActivities.id, cards.workflowActivityId)))
    .where(and(eq(cards.projectId, projectId), isNull(cards.deletedAt), isNull(workflowActivities.deletedAt)))
    .orderBy(asc(workflowActivities.position), asc(cards.position));
  return { workflows: flows, cards: cardRows.map((c) => ({ ...c, finalized: Boolean(c.finalized) })) };
}

export type RunTargets = Awaited<ReturnType<typeof listRunTargets>>;

export async function getProjectRuns(member: OrganisationCaller, { projectId }: { projectId: string }) {
  return withOrganisation(member.organisationId, async (tx) => {
    const project = await findProject(tx, projectId);
    if (!project) return null;
    const runs = await tx
      .select({
        id: orchestrationRuns.id,
        scope: orchestrationRuns.scope,
        status: orchestrationRuns.status,
        initiatedBy: orchestrationRuns.initiatedBy,
        createdAt: orchestrationRuns.createdAt,
        startedAt: orchestrationRuns.startedAt,
        endedAt: orchestrationRuns.endedAt,
        cardTitle: cards.title,
        workflowTitle: workflows.title,
      })
      .from(orchestrationRuns)
      .leftJoin(cards, and(eq(cards.organisationId, orchestrationRuns.organisationId), eq(cards.id, orchestrationRuns.cardId)))
      .leftJoin(workflows, and(eq(workflows.organisationId, orchestrationRuns.organisationId), eq(workflows.id, orchestrationRuns.workflowId)))
      .where(and(eq(orchestrationRuns.projectId, projectId), isNull(orchestrationRuns.deletedAt)))
      .orderBy(desc(orchestrationRuns.createdAt))
      .limit(200);
    const who = await resolveActors(
      tx,
      runs.map((r) => r.initiatedBy),
    );
    return { project, runs: runs.map((r) => ({ ...r, initiatedBy: who(r.initiatedBy) })), targets: await listRunTargets(tx, projectId) };
  });
}

export type ProjectRuns = NonNullable<Awaited<ReturnType<typeof getProjectRuns>>>;

/** One run with everything under it, for its page. */
export async function getRunPage(member: OrganisationCaller, { projectId, runId }: { projectId: string; runId: string }) {
  return withOrganisation(member.organisationId, async (tx) => {
    const project = await findProject(tx, projectId);
    if (!project || !/^[0-9a-f-]{36}$/i.test(runId)) return null;
    const [run] = await tx
      .select()
      .from(orchestrationRuns)
      .where(and(eq(orchestrationRuns.id, runId), eq(orchestrationRuns.projectId, projectId), isNull(orchestrationRuns.deletedAt)));
    if (!run) return null;
    const assignments = await tx
      .select({ ...assignmentLineColumns, createdAt: cardAssignments.createdAt })
      .from(cardAssignments)
      .innerJoin(cards, assignmentCardJoin)
      .where(and(eq(cardAssignments.runId, runId), isNull(cardAssignments.deletedAt)))
      .orderBy(asc(cardAssignments.createdAt));
    const assignmentIds = assignments.map((a) => a.id);
    const executions = assignmentIds.length
      ? await tx
          .select()
          .from(agentExecutions)
          .where(and(inArray(agentExecutions.assignmentId, assignmentIds), isNull(agentExecutions.deletedAt)))
          .orderBy(asc(agentExecutions.createdAt))
      : [];
    const commits = assignmentIds.length
      ? await tx.select().from(agentCommits).where(inArray(agentCommits.assignmentId, assignmentIds)).orderBy(asc(agentCommits.committedAt))
      : [];
    const checks = await tx.select().from(runChecks).where(eq(runChecks.runId, runId)).orderBy(asc(runChecks.createdAt));
    const [pullRequest] = await tx
      .select()
      .from(pullRequestCandidates)
      .where(and(eq(pullRequestCandidates.runId, runId), isNull(pullRequestCandidates.deletedAt)));
    const approvals = await tx
      .select()
      .from(approvalRequests)
      .where(and(eq(approvalRequests.runId, runId), isNull(approvalRequests.deletedAt)))
      .orderBy(asc(approvalRequests.requestedAt));
    const events = await tx.select().from(eventLog).where(eq(eventLog.runId, runId)).orderBy(asc(eventLog.createdAt), asc(eventLog.id));
    const requiredChecks = (run.systemPolicySnapshot.required_checks as string[] | undefined) ?? [];
    const latest = new Map<string, string>();
    for (const c of checks) latest.set(c.checkType, c.status);
    const gate = requiredChecks.map((type) => ({ type, status: latest.get(type) ?? 'not run' }));
    const who = await resolveActors(tx, [run.initiatedBy, ...approvals.flatMap((a) => [a.requestedBy, a.resolvedBy]), ...events.map((e) => e.actor)]);
    return {
      project,
      run: { ...run, initiatedBy: who(run.initiatedBy) },
      requiredChecks,
      gate,
      assignments,
      executions,
      commits,
      checks,
      pullRequest: pullRequest ?? null,
      approvals: approvals.map((a) => ({ ...a, requestedBy: who(a.requestedBy), resolvedBy: a.resolvedBy ? who(a.resolvedBy) : null })),
      events: events.map((e) => ({ ...e, actor: who(e.actor) })),
    };
  });
}

export type RunPage = NonNullable<Awaited<ReturnType<typeof getRunPage>>>;
