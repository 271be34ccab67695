import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, text } from 'drizzle-orm/pg-core';

import { createdAt, tenantForeignKey, tenantPrimaryKey, tenantTable, tenantTextTable, timestamps, timestamptz } from './columns';
import { attempts } from './kernel';

/**
 * Seed 003's leases on resources (migration 019): read, write and exclusive. A lease is active
 * while released_at is NULL and expires_at is in the future; the conflict rules are triggers
 * (kernel_rules), since "active" depends on the clock and no index predicate can say so.
 */
export const leases = tenantTextTable(
  'leases',
  {
    /** 'file', 'capability', 'work_item', … */
    resourceType: text().notNull(),
    resourceId: text().notNull(),
    mode: text().notNull(),
    workerId: text().notNull(),
    attemptId: text(),
    acquiredAt: timestamptz().notNull().defaultNow(),
    ttlSeconds: integer().notNull(),
    expiresAt: timestamptz().notNull(),
    lastHeartbeat: timestamptz(),
    releasedAt: timestamptz(),
  },
  (t) => [
    tenantPrimaryKey('leases_pkey', t.id),
    tenantForeignKey('leases_attempt_fk', [t.attemptId], [attempts.id]),
    check('leases_mode_check', sql`${t.mode} IN ('read', 'write', 'exclusive')`),
    check('leases_ttl_seconds_check', sql`${t.ttlSeconds} > 0`),
    check('leases_expires_after_acquired', sql`${t.expiresAt} > ${t.acquiredAt}`),
    index('leases_resource_idx').on(t.organisationId, t.resourceType, t.resourceId),
    index('leases_worker_idx').on(t.organisationId, t.workerId),
    // Seed idx_leases_active without its `expires_at > now()` (never valid in an index
    // predicate): unreleased leases of a resource, their expiry in the key for the triggers.
    index('leases_active_idx')
      .on(t.organisationId, t.resourceType, t.resourceId, t.expiresAt)
      .where(sql`released_at IS NULL`),
    index('leases_attempt_idx')
      .on(t.organisationId, t.attemptId)
      .where(sql`attempt_id IS NOT NULL`),
  ],
);

/**
 * LeaseStore's leases (the Coordination API). work_id and attempt_id are not foreign keys:
 * the API accepts ad hoc work ids ("ADHOC-…") that are no roadmap item.
 */
export const coordinationLeases = tenantTable(
  'coordination_leases',
  {
    leaseId: text().notNull(),
    ownerAgentId: text().notNull(),
    mode: text().notNull(),
    /** [{type, path}, …] */
    resources: jsonb().$type<{ type: string; path: string }[]>().notNull(),
    issuedAt: timestamptz().notNull(),
    expiresAt: timestamptz().notNull(),
    heartbeatDeadline: timestamptz().notNull(),
    snapshotId: text().notNull(),
    policyVersion: text().notNull(),
    lensDigest: text().notNull(),
    workId: text(),
    attemptId: text(),
    status: text().notNull().default('active'),
    outcome: text(),
    ...timestamps(),
  },
  (t) => [
    tenantPrimaryKey('coordination_leases_pkey', t.leaseId),
    check('coordination_leases_mode_check', sql`${t.mode} IN ('read', 'write')`),
    check('coordination_leases_status_check', sql`${t.status} IN ('active', 'released', 'expired', 'aborted')`),
    check('coordination_leases_outcome_check', sql`${t.outcome} IN ('success', 'failure', 'partial', 'aborted')`),
    check('coordination_leases_resources_is_array', sql`jsonb_typeof(${t.resources}) = 'array'`),
    index('coordination_leases_status_idx').on(t.organisationId, t.status, t.expiresAt),
    index('coordination_leases_owner_idx').on(t.organisationId, t.ownerAgentId),
    index('coordination_leases_expires_idx').on(t.organisationId, t.expiresAt),
  ],
);

/** LeaseStore's event log: what happened to a coordination lease. */
export const events = tenantTable(
  'events',
  {
    eventId: text().notNull(),
    leaseId: text().notNull(),
    eventType: text().notNull(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('events_pkey', t.eventId),
    tenantForeignKey('events_lease_fk', [t.leaseId], [coordinationLeases.leaseId]),
    index('events_lease_time_idx').on(t.organisationId, t.leaseId, t.createdAt),
  ],
);

export type Lease = typeof leases.$inferSelect;
export type CoordinationLease = typeof coordinationLeases.$inferSelect;
export type LeaseEvent = typeof events.$inferSelect;
