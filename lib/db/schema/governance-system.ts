import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

import { auditColumns, timestamptz } from './columns';

// Instance-wide machinery (no organisation_id): one Gantry instance has one set of quotas,
// breakers, handlers, health checks and timing metrics, whatever organisations it serves.

export const resourceQuotas = pgTable(
  'resource_quotas',
  {
    resourceType: text().primaryKey(),
    softLimit: integer().notNull(),
    hardLimit: integer().notNull(),
    currentUsage: integer().notNull().default(0),
    lastWarningAt: timestamptz(),
    lastResetAt: timestamptz(),
    /** NULL: never reset. */
    resetIntervalHours: integer(),
    ...auditColumns(),
  },
  (t) => [
    check('resource_quotas_soft_limit_check', sql`${t.softLimit} >= 0`),
    check('resource_quotas_hard_limit_check', sql`${t.hardLimit} >= ${t.softLimit}`),
    check('resource_quotas_current_usage_check', sql`${t.currentUsage} >= 0`),
    check('resource_quotas_reset_interval_check', sql`${t.resetIntervalHours} IS NULL OR ${t.resetIntervalHours} > 0`),
  ],
);

/** A rolling seven-day window: health_check_cleanup deletes older rows after every insert. */
export const healthCheckResults = pgTable(
  'health_check_results',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    checkName: text().notNull(),
    status: text().notNull(),
    message: text(),
    details: jsonb(),
    durationMs: doublePrecision(),
    checkedAt: timestamptz().notNull().defaultNow(),
    ...auditColumns(),
  },
  (t) => [
    check('health_check_results_status_check', sql`${t.status} IN ('pass', 'warn', 'fail')`),
    check('health_check_results_duration_check', sql`${t.durationMs} IS NULL OR ${t.durationMs} >= 0`),
    index('health_check_results_name_checked_idx').on(t.checkName, t.checkedAt.desc()),
    index('health_check_results_checked_idx').on(t.checkedAt),
  ],
);

export const circuitBreakers = pgTable(
  'circuit_breakers',
  {
    name: text().primaryKey(),
    state: text().notNull().default('closed'),
    failureCount: integer().notNull().default(0),
    successCount: integer().notNull().default(0),
    lastFailureAt: timestamptz(),
    lastSuccessAt: timestamptz(),
    openedAt: timestamptz(),
    failureThreshold: integer().notNull().default(5),
    recoveryTimeoutSeconds: integer().notNull().default(30),
    ...auditColumns(),
  },
  (t) => [
    check('circuit_breakers_state_check', sql`${t.state} IN ('closed', 'open', 'half_open')`),
    check('circuit_breakers_counts_check', sql`${t.failureCount} >= 0 AND ${t.successCount} >= 0`),
    check('circuit_breakers_failure_threshold_check', sql`${t.failureThreshold} > 0`),
    check('circuit_breakers_recovery_timeout_check', sql`${t.recoveryTimeoutSeconds} > 0`),
  ],
);

export const extensionPoints = pgTable(
  'extension_points',
  {
    pointName: text().notNull(),
    handlerId: text().notNull(),
    handlerType: text().notNull(),
    handlerPath: text(),
    priority: integer().notNull().default(50),
    isEnabled: boolean().notNull().default(true),
    ...auditColumns(),
  },
  (t) => [
    primaryKey({ name: 'extension_points_pkey', columns: [t.pointName, t.handlerId] }),
    check('extension_points_handler_type_check', sql`${t.handlerType} IN ('builtin', 'plugin', 'hook')`),
  ],
);

export const metrics = pgTable(
  'metrics',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    timestamp: timestamptz().notNull(),
    operation: text().notNull(),
    elapsedMs: doublePrecision().notNull(),
    isSuccess: boolean().notNull().default(true),
    metadata: jsonb(),
    ...auditColumns(),
  },
  (t) => [
    check('metrics_elapsed_ms_check', sql`${t.elapsedMs} >= 0`),
    index('metrics_operation_timestamp_idx').on(t.operation, t.timestamp.desc()),
    index('metrics_created_at_idx').on(t.createdAt),
    index('metrics_updated_at_idx').on(t.updatedAt),
    index('metrics_deleted_at_idx').on(t.deletedAt),
  ],
);

export type ResourceQuota = typeof resourceQuotas.$inferSelect;
export type HealthCheckResult = typeof healthCheckResults.$inferSelect;
export type CircuitBreaker = typeof circuitBreakers.$inferSelect;
export type ExtensionPoint = typeof extensionPoints.$inferSelect;
export type Metric = typeof metrics.$inferSelect;
