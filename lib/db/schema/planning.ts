import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, jsonb, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { createdAt, isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantTable, tenantUuidTable, timestamptz } from './columns';
import { workItemColumns } from './work-items';
import { activityColors, contextArtifactTypes, planningActionTypes, runStatuses, sqlList } from './planning-values';
import { products } from './portfolio';
import { searchIndex } from './search';

/**
 * Seed 004 (Dossier, the planning and orchestration app): a project's story map. Table and
 * column names are the seed's (singular tables). Ids are uuids, unique within an organisation.
 * Workflows, activities and cards carry their project_id, and every foreign key below them
 * includes it, so the database refuses a card under another project's activity, or a run, a
 * link or an event that mixes two projects.
 */
export const projects = tenantUuidTable(
  'project',
  {
    name: text().notNull(),
    description: text(),
    repoUrl: text(),
    defaultBranch: text().notNull().default('main'),
    // Optimistic concurrency counter of the action pipeline (expected_sequence).
    actionSequence: integer().notNull().default(0),
    customerPersonas: text(),
    techStack: text(),
    deployment: text(),
    designInspiration: text(),
    // Gantry addition: the portfolio product this plan builds, if any.
    productId: text(),
    finalizedAt: timestamptz(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('project_pkey', t.id),
    uniqueIndex('project_name_live_key').on(t.organisationId, t.name).where(isLive),
    tenantForeignKey('project_product_fk', [t.productId], [products.id]),
    index('project_product_live_idx')
      .on(t.organisationId, t.productId)
      .where(sql`deleted_at IS NULL AND product_id IS NOT NULL`),
    index('project_updated_at_live_idx').on(t.organisationId, t.updatedAt.desc().nullsFirst()).where(isLive),
    check('project_action_sequence_check', sql`${t.actionSequence} >= 0`),
  ],
);

export const workflows = tenantUuidTable(
  'workflow',
  {
    projectId: uuid().notNull(),
    title: text().notNull(),
    description: text(),
    buildState: text(),
    position: integer().notNull(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('workflow_pkey', t.id),
    unique('workflow_project_id_key').on(t.organisationId, t.projectId, t.id),
    tenantForeignKey('workflow_project_fk', [t.projectId], [projects.id]),
    index('workflow_project_live_idx').on(t.organisationId, t.projectId, t.position).where(isLive),
    check('workflow_build_state_check', sql`${t.buildState} IN (${sqlList(runStatuses)})`),
    check('workflow_position_check', sql`${t.position} >= 0`),
  ],
);

export const workflowActivities = tenantUuidTable(
  'workflow_activity',
  {
    // Gantry addition: the workflow's project, so that cards can name theirs consistently.
    projectId: uuid().notNull(),
    workflowId: uuid().notNull(),
    title: text().notNull(),
    color: text(),
    position: integer().notNull(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('workflow_activity_pkey', t.id),
    unique('workflow_activity_project_id_key').on(t.organisationId, t.projectId, t.id),
    tenantForeignKey('workflow_activity_workflow_fk', [t.projectId, t.workflowId], [workflows.projectId, workflows.id]),
    index('workflow_activity_position_live_idx').on(t.organisationId, t.workflowId, t.position).where(isLive),
    check('workflow_activity_color_check', sql`${t.color} IN (${sqlList(activityColors)})`),
    check('workflow_activity_position_check', sql`${t.position} >= 0`),
  ],
);

export const cards = tenantUuidTable(
  'card',
  {
    // Gantry addition: the card's project (the board groups cards by project and status).
    projectId: uuid().notNull(),
    workflowActivityId: uuid().notNull(),
    title: text().notNull(),
    description: text(),
    // A terminology key of domain card_status (trigger card_terminology_keys).
    status: text().notNull().default('todo'),
    priority: integer().notNull().default(0),
    // Order within the activity (the story map).
    position: integer().notNull().default(0),
    // Gantry addition: fractional order within the board column (project, status).
    rank: doublePrecision().notNull(),
    quickAnswer: text(),
    buildState: text(),
    lastBuiltAt: timestamptz(),
    lastBuildRef: text(),
    lastBuildError: text(),
    finalizedAt: timestamptz(),
    ...softDeleteTimestamps(),
    ...workItemColumns(),
  },
  (t) => [
    tenantPrimaryKey('card_pkey', t.id),
    searchIndex('card'),
    unique('card_project_id_key').on(t.organisationId, t.projectId, t.id),
    tenantForeignKey('card_workflow_activity_fk', [t.projectId, t.workflowActivityId], [workflowActivities.projectId, workflowActivities.id]),
    index('card_activity_live_idx').on(t.organisationId, t.workflowActivityId, t.position).where(isLive),
    index('card_board_live_idx').on(t.organisationId, t.projectId, t.status, t.rank).where(isLive),
    uniqueIndex('card_status_rank_live_idx').on(t.organisationId, t.status, t.rank).where(isLive),
    index('card_updated_idx').on(t.organisationId, t.updatedAt),
    check('card_build_state_check', sql`${t.buildState} IN (${sqlList(runStatuses)})`),
    check('card_priority_check', sql`${t.priority} >= 0`),
    check('card_position_check', sql`${t.position} >= 0`),
    // NaN and ±Infinity would break fractional ordering.
    check('card_rank_check', sql`${t.rank} > '-Infinity'::float8 AND ${t.rank} < 'Infinity'::float8`),
  ],
);

/** The action log of the planning pipeline. Append-only (planning_action_no_update/_no_delete). */
export const planningActions = tenantUuidTable(
  'planning_action',
  {
    projectId: uuid().notNull(),
    actionType: text().notNull(),
    targetRef: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    validationStatus: text().notNull(),
    rejectionReason: text(),
    appliedAt: timestamptz(),
    idempotencyKey: text(),
    // Gantry addition: the action's place in its request (0, 1, …), so that one idempotency
    // key can cover a batch of several actions (the original's unique index refused the second).
    batchPosition: integer().notNull().default(0),
    // Gantry addition: who asked for it ('user:<id>' or 'agent:<id>'), stamped from the transaction's actor.
    actor: text(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('planning_action_pkey', t.id),
    tenantForeignKey('planning_action_project_fk', [t.projectId], [projects.id]),
    uniqueIndex('planning_action_idempotency_key')
      .on(t.organisationId, t.projectId, t.idempotencyKey, t.batchPosition)
      .where(sql`idempotency_key IS NOT NULL`),
    index('planning_action_project_created_idx').on(t.organisationId, t.projectId, t.createdAt.desc()),
    check('planning_action_validation_status_check', sql`${t.validationStatus} IN ('accepted', 'rejected')`),
    check('planning_action_action_type_check', sql`${t.actionType} IN (${sqlList(planningActionTypes)}) OR ${t.validationStatus} = 'rejected'`),
    check(
      'planning_action_rejection_check',
      sql`(${t.validationStatus} <> 'accepted' OR ${t.rejectionReason} IS NULL) AND (${t.validationStatus} <> 'rejected' OR ${t.appliedAt} IS NULL)`,
    ),
    check('planning_action_target_ref_check', sql`jsonb_typeof(${t.targetRef}) = 'object'`),
    check('planning_action_payload_check', sql`jsonb_typeof(${t.payload}) = 'object'`),
    check('planning_action_batch_position_check', sql`${t.batchPosition} >= 0`),
  ],
);

export const contextArtifacts = tenantUuidTable(
  'context_artifact',
  {
    projectId: uuid().notNull(),
    name: text().notNull(),
    type: text().notNull(),
    title: text(),
    content: text(),
    uri: text(),
    locator: text(),
    mimeType: text(),
    integrationRef: jsonb().$type<Record<string, unknown>>(),
    checksum: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('context_artifact_pkey', t.id),
    unique('context_artifact_project_id_key').on(t.organisationId, t.projectId, t.id),
    tenantForeignKey('context_artifact_project_fk', [t.projectId], [projects.id]),
    index('context_artifact_project_live_idx').on(t.organisationId, t.projectId).where(isLive),
    check('context_artifact_type_check', sql`${t.type} IN (${sqlList(contextArtifactTypes)})`),
    // The seed's rule, with the application's truthiness: an empty string is no content.
    check(
      'context_artifact_source_check',
      sql`coalesce(${t.content}, '') <> '' OR coalesce(${t.uri}, '') <> '' OR coalesce(${t.integrationRef}, 'null'::jsonb) <> 'null'::jsonb`,
    ),
  ],
);

export const cardContextArtifacts = tenantTable(
  'card_context_artifact',
  {
    // Gantry addition: card and artifact must belong to this one project.
    projectId: uuid().notNull(),
    cardId: uuid().notNull(),
    contextArtifactId: uuid().notNull(),
    linkedBy: text(),
    usageHint: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('card_context_artifact_pkey', t.cardId, t.contextArtifactId),
    tenantForeignKey('card_context_artifact_card_fk', [t.projectId, t.cardId], [cards.projectId, cards.id]),
    tenantForeignKey('card_context_artifact_artifact_fk', [t.projectId, t.contextArtifactId], [contextArtifacts.projectId, contextArtifacts.id]),
    index('card_context_artifact_artifact_idx').on(t.organisationId, t.contextArtifactId),
  ],
);

export type Project = typeof projects.$inferSelect;
export type Workflow = typeof workflows.$inferSelect;
export type WorkflowActivity = typeof workflowActivities.$inferSelect;
export type Card = typeof cards.$inferSelect;
export type PlanningAction = typeof planningActions.$inferSelect;
export type ContextArtifact = typeof contextArtifacts.$inferSelect;
export type CardContextArtifact = typeof cardContextArtifacts.$inferSelect;
