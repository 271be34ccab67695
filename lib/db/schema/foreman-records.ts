import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, numeric, text, uuid } from 'drizzle-orm/pg-core';

import { deletedAt, isLive, tenantForeignKey, tenantPrimaryKey, tenantTable, timestamptz } from './columns';
import { builders, tasks } from './foreman';

/**
 * Seed 001's records of what builders did: heartbeats, the evidence trail, governance
 * violations, architecture validations and QA executions. Heartbeats are telemetry (about a
 * million at scale) and may be pruned; the evidence trail is append-only.
 */

export const heartbeats = tenantTable(
  'heartbeats',
  {
    heartbeatId: uuid().notNull().defaultRandom(),
    builderId: text().notNull(),
    taskId: uuid(),
    timestamp: timestamptz().notNull().defaultNow(),
    status: text().notNull(),
    message: text(),
    progressPercentage: integer(),
  },
  (t) => [
    tenantPrimaryKey('heartbeats_pkey', t.heartbeatId),
    tenantForeignKey('heartbeats_builder_fk', [t.builderId], [builders.builderId]),
    tenantForeignKey('heartbeats_task_fk', [t.taskId], [tasks.taskId]),
    // "Last heartbeat of a builder" is one index probe: ORDER BY timestamp DESC LIMIT 1.
    // NULLS FIRST is what plain DESC means in PostgreSQL; drizzle's .desc() alone emits
    // NULLS LAST, an order that ORDER BY ... DESC cannot read from the index.
    index('heartbeats_builder_time_idx').on(t.organisationId, t.builderId, t.timestamp.desc().nullsFirst()),
    index('heartbeats_task_time_idx')
      .on(t.organisationId, t.taskId, t.timestamp.desc().nullsFirst())
      .where(sql`task_id IS NOT NULL`),
    check('heartbeats_status_check', sql`${t.status} IN ('active', 'idle', 'blocked')`),
    check('heartbeats_progress_percentage_check', sql`${t.progressPercentage} BETWEEN 0 AND 100`),
  ],
);

export const evidenceTrail = tenantTable(
  'evidence_trail',
  {
    evidenceId: uuid().notNull().defaultRandom(),
    entityType: text().notNull(),
    /** A wave or task uuid, or a program or builder id (text since those ids are text). */
    entityId: text().notNull(),
    action: text().notNull(),
    /** 'foreman', a builder_id, or a person. */
    actor: text().notNull(),
    backend: text(),
    model: text(),
    context: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    timestamp: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    tenantPrimaryKey('evidence_trail_pkey', t.evidenceId),
    index('evidence_trail_entity_time_idx').on(t.organisationId, t.entityType, t.entityId, t.timestamp.desc().nullsFirst()),
    index('evidence_trail_time_idx').on(t.organisationId, t.timestamp.desc().nullsFirst()),
    check('evidence_trail_entity_type_check', sql`${t.entityType} IN ('program', 'wave', 'task', 'builder')`),
    check('evidence_trail_backend_check', sql`${t.backend} IN ('local', 'hosted', 'burst')`),
    check('evidence_trail_context_is_object', sql`jsonb_typeof(${t.context}) = 'object'`),
  ],
);

export const governanceViolations = tenantTable(
  'governance_violations',
  {
    violationId: uuid().notNull().defaultRandom(),
    taskId: uuid(),
    builderId: text(),
    violationType: text().notNull(),
    description: text().notNull(),
    detectedAt: timestamptz().notNull().defaultNow(),
    resolution: text(),
    resolvedAt: timestamptz(),
    deletedAt: deletedAt(),
  },
  (t) => [
    tenantPrimaryKey('governance_violations_pkey', t.violationId),
    tenantForeignKey('governance_violations_task_fk', [t.taskId], [tasks.taskId]),
    tenantForeignKey('governance_violations_builder_fk', [t.builderId], [builders.builderId]),
    index('governance_violations_task_live_idx').on(t.organisationId, t.taskId).where(isLive),
    index('governance_violations_builder_live_idx').on(t.organisationId, t.builderId).where(isLive),
    index('governance_violations_unresolved_idx')
      .on(t.organisationId, t.detectedAt)
      .where(sql`resolved_at IS NULL AND deleted_at IS NULL`),
  ],
);

export const architectureValidations = tenantTable(
  'architecture_validations',
  {
    validationId: uuid().notNull().defaultRandom(),
    taskId: uuid().notNull(),
    architectureReference: text().notNull(),
    /** The checklist's results. */
    validationResults: jsonb().notNull(),
    passRate: numeric({ precision: 5, scale: 2, mode: 'number' }).notNull(),
    buildReadiness: text().notNull(),
    validatedAt: timestamptz().notNull().defaultNow(),
    validatedBy: text().notNull().default('foreman'),
    deletedAt: deletedAt(),
  },
  (t) => [
    tenantPrimaryKey('architecture_validations_pkey', t.validationId),
    tenantForeignKey('architecture_validations_task_fk', [t.taskId], [tasks.taskId]),
    index('architecture_validations_task_live_idx').on(t.organisationId, t.taskId, t.validatedAt.desc().nullsFirst()).where(isLive),
    check('architecture_validations_pass_rate_check', sql`${t.passRate} BETWEEN 0 AND 100`),
    check('architecture_validations_build_readiness_check', sql`${t.buildReadiness} IN ('READY', 'NOT_READY')`),
  ],
);

export const qaExecutions = tenantTable(
  'qa_executions',
  {
    executionId: uuid().notNull().defaultRandom(),
    taskId: uuid().notNull(),
    qaSuiteLocation: text().notNull(),
    totalTests: integer().notNull(),
    passingTests: integer().notNull(),
    failingTests: integer().notNull(),
    skippedTests: integer().notNull(),
    testDebtCount: integer().notNull().default(0),
    qaStatus: text().notNull(),
    executedAt: timestamptz().notNull().defaultNow(),
    executionTimeMs: integer(),
    deletedAt: deletedAt(),
  },
  (t) => [
    tenantPrimaryKey('qa_executions_pkey', t.executionId),
    tenantForeignKey('qa_executions_task_fk', [t.taskId], [tasks.taskId]),
    index('qa_executions_task_live_idx').on(t.organisationId, t.taskId, t.executedAt.desc().nullsFirst()).where(isLive),
    check('qa_executions_qa_status_check', sql`${t.qaStatus} IN ('RED', 'PARTIAL', 'GREEN')`),
    check(
      'qa_executions_counts_check',
      sql`${t.totalTests} >= 0 AND ${t.passingTests} >= 0 AND ${t.failingTests} >= 0 AND ${t.skippedTests} >= 0 AND ${t.testDebtCount} >= 0 AND (${t.executionTimeMs} IS NULL OR ${t.executionTimeMs} >= 0)`,
    ),
    check('qa_executions_counts_within_total', sql`${t.passingTests} + ${t.failingTests} + ${t.skippedTests} <= ${t.totalTests}`),
  ],
);

export type Heartbeat = typeof heartbeats.$inferSelect;
export type EvidenceTrailEntry = typeof evidenceTrail.$inferSelect;
export type GovernanceViolation = typeof governanceViolations.$inferSelect;
export type ArchitectureValidation = typeof architectureValidations.$inferSelect;
export type QaExecution = typeof qaExecutions.$inferSelect;
