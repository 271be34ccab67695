import { sql } from 'drizzle-orm';
import { check, index, jsonb, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { createdAt, isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantUuidTable, timestamptz } from './columns';
import { cards, projects, workflows } from './planning';
import { agentRoles, jsonbList, runCheckTypes, runScopes, runStatuses, runTriggerTypes, sqlList } from './planning-values';

type JsonObject = Record<string, unknown>;

/** A project's build policy: one live profile per project. */
export const systemPolicyProfiles = tenantUuidTable(
  'system_policy_profile',
  {
    projectId: uuid().notNull(),
    // run_check types every run of the project must pass before approval.
    requiredChecks: jsonb().$type<string[]>().notNull().default([]),
    protectedPaths: jsonb().$type<string[]>(),
    forbiddenPaths: jsonb().$type<string[]>(),
    dependencyPolicy: jsonb().$type<JsonObject>().notNull().default({}),
    securityPolicy: jsonb().$type<JsonObject>().notNull().default({}),
    architecturePolicy: jsonb().$type<JsonObject>().notNull().default({}),
    approvalPolicy: jsonb().$type<JsonObject>().notNull().default({}),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('system_policy_profile_pkey', t.id),
    unique('system_policy_profile_project_id_key').on(t.organisationId, t.projectId, t.id),
    uniqueIndex('system_policy_profile_project_live_key').on(t.organisationId, t.projectId).where(isLive),
    tenantForeignKey('system_policy_profile_project_fk', [t.projectId], [projects.id]),
    check(
      'system_policy_profile_required_checks_check',
      sql`jsonb_typeof(${t.requiredChecks}) = 'array' AND ${t.requiredChecks} <@ ${jsonbList(runCheckTypes)}`,
    ),
    check(
      'system_policy_profile_paths_check',
      sql`coalesce(jsonb_typeof(${t.protectedPaths}), 'array') = 'array' AND coalesce(jsonb_typeof(${t.forbiddenPaths}), 'array') = 'array'`,
    ),
    check(
      'system_policy_profile_policies_check',
      sql`jsonb_typeof(${t.dependencyPolicy}) = 'object' AND jsonb_typeof(${t.securityPolicy}) = 'object' AND jsonb_typeof(${t.architecturePolicy}) = 'object' AND jsonb_typeof(${t.approvalPolicy}) = 'object'`,
    ),
  ],
);

/**
 * A build run. Triggers: orchestration_run_build_gate (one running build per project, a
 * repository, finalized cards with approved planned files), orchestration_run_policy (the run
 * input against the project's policy), orchestration_run_immutable (scope and snapshots),
 * orchestration_run_status (ended runs stay ended).
 */
export const orchestrationRuns = tenantUuidTable(
  'orchestration_run',
  {
    projectId: uuid().notNull(),
    scope: text().notNull(),
    workflowId: uuid(),
    cardId: uuid(),
    triggerType: text().notNull(),
    status: text().notNull().default('queued'),
    initiatedBy: text().notNull(),
    repoUrl: text().notNull(),
    baseBranch: text().notNull(),
    systemPolicyProfileId: uuid().notNull(),
    systemPolicySnapshot: jsonb().$type<JsonObject>().notNull(),
    runInputSnapshot: jsonb().$type<JsonObject>().notNull(),
    worktreeRoot: text(),
    startedAt: timestamptz(),
    endedAt: timestamptz(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('orchestration_run_pkey', t.id),
    unique('orchestration_run_project_id_key').on(t.organisationId, t.projectId, t.id),
    tenantForeignKey('orchestration_run_project_fk', [t.projectId], [projects.id]),
    tenantForeignKey('orchestration_run_workflow_fk', [t.projectId, t.workflowId], [workflows.projectId, workflows.id]),
    tenantForeignKey('orchestration_run_card_fk', [t.projectId, t.cardId], [cards.projectId, cards.id]),
    tenantForeignKey('orchestration_run_policy_fk', [t.projectId, t.systemPolicyProfileId], [systemPolicyProfiles.projectId, systemPolicyProfiles.id]),
    index('orchestration_run_project_scope_status_idx').on(t.organisationId, t.projectId, t.scope, t.status, t.createdAt.desc()).where(isLive),
    index('orchestration_run_workflow_idx')
      .on(t.organisationId, t.workflowId, t.status, t.createdAt.desc())
      .where(sql`workflow_id IS NOT NULL`),
    index('orchestration_run_card_idx')
      .on(t.organisationId, t.cardId, t.status, t.createdAt.desc())
      .where(sql`card_id IS NOT NULL`),
    index('orchestration_run_policy_idx').on(t.organisationId, t.systemPolicyProfileId),
    // The single-build lock: at most one running run per project, even under a race.
    uniqueIndex('orchestration_run_one_running_key')
      .on(t.organisationId, t.projectId)
      .where(sql`status = 'running' AND deleted_at IS NULL`),
    check('orchestration_run_scope_check', sql`${t.scope} IN (${sqlList(runScopes)})`),
    check('orchestration_run_trigger_type_check', sql`${t.triggerType} IN (${sqlList(runTriggerTypes)})`),
    check('orchestration_run_status_check', sql`${t.status} IN (${sqlList(runStatuses)})`),
    check('orchestration_run_workflow_scope_check', sql`${t.scope} <> 'workflow' OR (${t.workflowId} IS NOT NULL AND ${t.cardId} IS NULL)`),
    check('orchestration_run_card_scope_check', sql`${t.scope} <> 'card' OR ${t.cardId} IS NOT NULL`),
    check('orchestration_run_snapshots_check', sql`jsonb_typeof(${t.systemPolicySnapshot}) = 'object' AND jsonb_typeof(${t.runInputSnapshot}) = 'object'`),
    check('orchestration_run_times_check', sql`${t.endedAt} >= ${t.startedAt}`),
  ],
);

export const cardAssignments = tenantUuidTable(
  'card_assignment',
  {
    runId: uuid().notNull(),
    cardId: uuid().notNull(),
    agentRole: text().notNull(),
    agentProfile: text().notNull(),
    featureBranch: text().notNull(),
    worktreePath: text(),
    allowedPaths: jsonb().$type<string[]>().notNull(),
    forbiddenPaths: jsonb().$type<string[]>(),
    assignmentInputSnapshot: jsonb().$type<JsonObject>().notNull(),
    status: text().notNull().default('queued'),
    sessionId: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('card_assignment_pkey', t.id),
    tenantForeignKey('card_assignment_run_fk', [t.runId], [orchestrationRuns.id]),
    tenantForeignKey('card_assignment_card_fk', [t.cardId], [cards.id]),
    uniqueIndex('card_assignment_run_card_profile_live_key').on(t.organisationId, t.runId, t.cardId, t.agentProfile).where(isLive),
    index('card_assignment_run_status_idx').on(t.organisationId, t.runId, t.status),
    index('card_assignment_card_idx').on(t.organisationId, t.cardId),
    check('card_assignment_agent_role_check', sql`${t.agentRole} IN (${sqlList(agentRoles)})`),
    check('card_assignment_status_check', sql`${t.status} IN (${sqlList(runStatuses)})`),
    check('card_assignment_allowed_paths_check', sql`jsonb_typeof(${t.allowedPaths}) = 'array' AND ${t.allowedPaths} <> '[]'::jsonb`),
    check('card_assignment_forbidden_paths_check', sql`coalesce(jsonb_typeof(${t.forbiddenPaths}), 'array') = 'array'`),
  ],
);

export const agentExecutions = tenantUuidTable(
  'agent_execution',
  {
    assignmentId: uuid().notNull(),
    status: text().notNull(),
    startedAt: timestamptz(),
    endedAt: timestamptz(),
    summary: text(),
    error: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('agent_execution_pkey', t.id),
    tenantForeignKey('agent_execution_assignment_fk', [t.assignmentId], [cardAssignments.id]),
    index('agent_execution_assignment_idx').on(t.organisationId, t.assignmentId),
    check('agent_execution_status_check', sql`${t.status} IN (${sqlList(runStatuses)})`),
    check('agent_execution_times_check', sql`${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** Commits an agent made for an assignment. Append-only (agent_commit_no_update/_no_delete). */
export const agentCommits = tenantUuidTable(
  'agent_commit',
  {
    assignmentId: uuid().notNull(),
    sha: text().notNull(),
    branch: text().notNull(),
    message: text().notNull(),
    committedAt: timestamptz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('agent_commit_pkey', t.id),
    tenantForeignKey('agent_commit_assignment_fk', [t.assignmentId], [cardAssignments.id]),
    // Gantry addition: a commit is recorded once per assignment (webhook retries add nothing).
    unique('agent_commit_assignment_sha_key').on(t.organisationId, t.assignmentId, t.sha),
  ],
);

export type SystemPolicyProfile = typeof systemPolicyProfiles.$inferSelect;
export type OrchestrationRun = typeof orchestrationRuns.$inferSelect;
export type CardAssignment = typeof cardAssignments.$inferSelect;
export type AgentExecution = typeof agentExecutions.$inferSelect;
export type AgentCommit = typeof agentCommits.$inferSelect;
