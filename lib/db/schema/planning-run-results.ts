import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, index, jsonb, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { createdAt, isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantUuidTable, timestamptz } from './columns';
import { projects } from './planning';
import { orchestrationRuns } from './planning-runs';
import { approvalStatuses, approvalTypes, pullRequestStatuses, runCheckStatuses, runCheckTypes, sqlList } from './planning-values';

/*
 * What a run produced and who let it through: checks, the pull-request candidate, approvals,
 * and the project's event log.
 */

function runFk(table: string, t: { runId: AnyPgColumn }) {
  return tenantForeignKey(`${table}_run_fk`, [t.runId], [orchestrationRuns.id]);
}

/** A quality gate's result. Append-only: a re-run is a new row; the latest row per type counts. */
export const runChecks = tenantUuidTable(
  'run_check',
  {
    runId: uuid().notNull(),
    checkType: text().notNull(),
    status: text().notNull(),
    output: text(),
    executedAt: timestamptz(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('run_check_pkey', t.id),
    runFk('run_check', t),
    index('run_check_run_type_idx').on(t.organisationId, t.runId, t.checkType, t.createdAt.desc()),
    check('run_check_check_type_check', sql`${t.checkType} IN (${sqlList(runCheckTypes)})`),
    check('run_check_status_check', sql`${t.status} IN (${sqlList(runCheckStatuses)})`),
  ],
);

export const pullRequestCandidates = tenantUuidTable(
  'pull_request_candidate',
  {
    runId: uuid().notNull(),
    baseBranch: text().notNull(),
    headBranch: text().notNull(),
    title: text().notNull(),
    description: text().notNull(),
    status: text().notNull().default('not_created'),
    prUrl: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('pull_request_candidate_pkey', t.id),
    runFk('pull_request_candidate', t),
    // At most one (live) candidate per run.
    uniqueIndex('pull_request_candidate_run_live_key').on(t.organisationId, t.runId).where(isLive),
    index('pull_request_candidate_run_idx').on(t.organisationId, t.runId),
    check('pull_request_candidate_status_check', sql`${t.status} IN (${sqlList(pullRequestStatuses)})`),
    check('pull_request_candidate_pr_url_check', sql`${t.status} NOT IN ('draft_open', 'open', 'merged') OR ${t.prUrl} IS NOT NULL`),
    check('pull_request_candidate_branches_check', sql`${t.headBranch} <> ${t.baseBranch}`),
  ],
);

/** Approval to create or merge a run's PR. Trigger approval_request_rules holds the gates. */
export const approvalRequests = tenantUuidTable(
  'approval_request',
  {
    runId: uuid().notNull(),
    approvalType: text().notNull(),
    status: text().notNull().default('pending'),
    requestedBy: text().notNull(),
    requestedAt: timestamptz().notNull().defaultNow(),
    resolvedBy: text(),
    resolvedAt: timestamptz(),
    notes: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('approval_request_pkey', t.id),
    runFk('approval_request', t),
    index('approval_request_run_idx').on(t.organisationId, t.runId),
    // Gantry addition: one open or granted request per run and type; a rejected one may be asked again.
    uniqueIndex('approval_request_run_type_open_key')
      .on(t.organisationId, t.runId, t.approvalType)
      .where(sql`status IN ('pending', 'approved') AND deleted_at IS NULL`),
    check('approval_request_approval_type_check', sql`${t.approvalType} IN (${sqlList(approvalTypes)})`),
    check('approval_request_status_check', sql`${t.status} IN (${sqlList(approvalStatuses)})`),
    check(
      'approval_request_resolution_check',
      sql`(${t.status} = 'pending' AND ${t.resolvedBy} IS NULL AND ${t.resolvedAt} IS NULL) OR (${t.status} <> 'pending' AND ${t.resolvedBy} IS NOT NULL AND ${t.resolvedAt} IS NOT NULL)`,
    ),
  ],
);

/** The project's audit of runs and actions. Append-only (event_log_no_update/_no_delete). */
export const eventLog = tenantUuidTable(
  'event_log',
  {
    projectId: uuid().notNull(),
    runId: uuid(),
    eventType: text().notNull(),
    actor: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('event_log_pkey', t.id),
    tenantForeignKey('event_log_project_fk', [t.projectId], [projects.id]),
    // The run must be one of the same project's runs.
    tenantForeignKey('event_log_run_fk', [t.projectId, t.runId], [orchestrationRuns.projectId, orchestrationRuns.id]),
    index('event_log_project_run_created_idx').on(t.organisationId, t.projectId, t.runId, t.createdAt.desc()),
  ],
);

export type RunCheck = typeof runChecks.$inferSelect;
export type PullRequestCandidate = typeof pullRequestCandidates.$inferSelect;
export type ApprovalRequest = typeof approvalRequests.$inferSelect;
export type EventLogEntry = typeof eventLog.$inferSelect;
