import { bigint, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';

import { auditColumns, createdAt, tenantIdentityTable, timestamptz } from './columns';
import { organisations } from './organisations';

/**
 * Instance-wide settings (seed 003, system tables): one installation's id, name and protocol
 * version. Not tenant-owned; the migration `roadmap_rules` seeds its rows. Audit triggers copy
 * `instance_id` into every audit_log row.
 */
export const instanceConfig = pgTable('instance_config', {
  key: text().primaryKey(),
  value: text().notNull(),
  // Audit columns that seed 003's helper adds to every AUDIT_TABLES member.
  ...auditColumns(),
});

/**
 * The immutable audit trail (seed 003): triggers refuse UPDATE and DELETE. organisation_id is
 * set for tenant events (every roadmap trigger sets it) and NULL for instance-wide ones.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organisationId: uuid().references(() => organisations.id, { onDelete: 'restrict' }),
    timestamp: timestamptz().notNull().defaultNow(),
    eventType: text().notNull(),
    actor: text().notNull(),
    resourceType: text(),
    resourceId: text(),
    action: text().notNull(),
    oldValue: jsonb(),
    newValue: jsonb(),
    context: jsonb(),
    instanceId: text().notNull(),
    protocolVersion: integer().notNull().default(1),
  },
  (t) => [
    index('audit_log_timestamp_idx').on(t.timestamp),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
    index('audit_log_actor_idx').on(t.actor),
    index('audit_log_organisation_time_id_idx').on(t.organisationId, t.timestamp.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The audit page filtered by who, or by one item: the same order within that actor's or item's rows.
    index('audit_log_organisation_actor_time_idx').on(t.organisationId, t.actor, t.timestamp.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('audit_log_organisation_resource_time_idx').on(t.organisationId, t.resourceId, t.timestamp.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/**
 * Immutable change history (seed 000): one JSON snapshot per captured change of a CR, product,
 * feature, bug or roadmap item, numbered per entity. Written by the *_version_capture triggers.
 */
export const entityVersions = tenantIdentityTable(
  'entity_versions',
  {
    entityType: text().notNull(),
    entityId: text().notNull(),
    version: integer().notNull(),
    data: jsonb().notNull(),
    changedBy: text().notNull(),
    changeReason: text(),
    createdAt: createdAt(),
  },
  (t) => [unique('entity_versions_entity_version_key').on(t.organisationId, t.entityType, t.entityId, t.version)],
);

export type InstanceConfigEntry = typeof instanceConfig.$inferSelect;
export type AuditLogEntry = typeof auditLog.$inferSelect;
export type EntityVersion = typeof entityVersions.$inferSelect;
