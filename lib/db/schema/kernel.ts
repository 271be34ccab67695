import { sql } from 'drizzle-orm';
import { bigint, check, type ExtraConfigColumn, index, jsonb, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';

import { createdAt, tenantForeignKey, tenantPrimaryKey, tenantTable, tenantTextTable, timestamptz } from './columns';
import { builders } from './foreman';
import { roadmapItems } from './roadmap';

/**
 * Seed 003's coordination kernel: work (roadmap items) is claimed by attempts, which are
 * frozen against a compiled contract and prove their result with typed, hashed evidence.
 * Every rule (no double claim, completion needs evidence, …) is a trigger in migration
 * kernel_rules. Blockers and decisions are in kernel-blockers.ts, leases in kernel-leases.ts.
 */

/** A compiled contract, frozen at claim time; immutable (kernel_rules). */
export const compiledContracts = tenantTable(
  'compiled_contracts',
  {
    contractHash: text().notNull(),
    compiledJson: jsonb().notNull(),
    sourceRefsJson: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [tenantPrimaryKey('compiled_contracts_pkey', t.contractHash)],
);

/** One worker's try at one roadmap item. At most one open attempt (ended_at NULL) per item. */
export const attempts = tenantTextTable(
  'attempts',
  {
    workId: text().notNull(),
    workerId: text().notNull(),
    workerType: text().notNull(),
    contractHash: text(),
    contextHash: text(),
    strategyId: text(),
    role: text(),
    /** The attempt this one takes over from; it must be of the same work and ended. */
    handoffFromAttemptId: text(),
    handoffReason: text(),
    startedAt: timestamptz().notNull().defaultNow(),
    endedAt: timestamptz(),
    outcome: text(),
    notes: text(),
  },
  (t) => [
    tenantPrimaryKey('attempts_pkey', t.id),
    // Lets evidence, decisions, blockers and handoffs name an attempt *of their work*; it is
    // also the index of an item's attempts (seed idx_attempts_work).
    unique('attempts_work_attempt_key').on(t.organisationId, t.workId, t.id),
    tenantForeignKey('attempts_work_fk', [t.workId], [roadmapItems.id]),
    tenantForeignKey('attempts_contract_fk', [t.contractHash], [compiledContracts.contractHash]),
    tenantForeignKey('attempts_handoff_from_fk', [t.workId, t.handoffFromAttemptId], [t.workId, t.id]),
    check('attempts_worker_type_check', sql`${t.workerType} IN ('agent', 'human', 'system')`),
    // 'timed_out' (Gantry's): the lease of the claim lapsed without heartbeats (expire_work_leases).
    check('attempts_outcome_check', sql`${t.outcome} IN ('completed', 'blocked', 'failed', 'handed_off', 'timed_out')`),
    check('attempts_ended_after_started', sql`${t.endedAt} >= ${t.startedAt}`),
    // Seed idx_attempts_active, made unique: the no-double-claim rule holds even when two
    // sessions insert at once (the trigger gives the seed's message; this is the backstop).
    uniqueIndex('attempts_open_work_key')
      .on(t.organisationId, t.workId)
      .where(sql`ended_at IS NULL`),
    index('attempts_worker_idx').on(t.organisationId, t.workerId),
    index('attempts_contract_idx')
      .on(t.organisationId, t.contractHash)
      .where(sql`contract_hash IS NOT NULL`),
  ],
);

/** The kinds of evidence seed 003 knows, for the kernel's evidence and its legacy log alike. */
export function evidenceTypeCheck(name: string, column: ExtraConfigColumn) {
  return check(
    name,
    sql`${column} IN ('test_result', 'build_artifact', 'diff', 'log', 'attestation', 'screenshot', 'reference', 'document', 'policy_bundle', 'other')`,
  );
}

/** Legacy fields of evidence (seed 003 keeps them for compatibility), free text as in the original. */
export const legacyEvidenceColumns = () => ({ artifacts: text(), testResults: text(), diffSummary: text(), logExcerpt: text() });

/** Typed, hashed artifacts that prove work (kernel evidence; Foreman's log is evidence_trail). */
export const evidence = tenantTextTable(
  'evidence',
  {
    workId: text().notNull(),
    attemptId: text(),
    leaseId: text(),
    evidenceType: text().notNull(),
    uri: text().notNull(),
    sha256: text().notNull(),
    title: text(),
    description: text(),
    sizeBytes: bigint({ mode: 'number' }),
    ...legacyEvidenceColumns(),
    createdBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('evidence_pkey', t.id),
    tenantForeignKey('evidence_work_fk', [t.workId], [roadmapItems.id]),
    tenantForeignKey('evidence_attempt_fk', [t.workId, t.attemptId], [attempts.workId, attempts.id]),
    evidenceTypeCheck('evidence_evidence_type_check', t.evidenceType),
    check('evidence_sha256_check', sql`${t.sha256} ~ '^[0-9a-fA-F]{64}$'`),
    check('evidence_size_bytes_check', sql`${t.sizeBytes} >= 0`),
    // An item's evidence in time order; the blocker-resolution check reads "after created_at".
    index('evidence_work_time_idx').on(t.organisationId, t.workId, t.createdAt),
    index('evidence_attempt_idx')
      .on(t.organisationId, t.attemptId)
      .where(sql`attempt_id IS NOT NULL`),
    index('evidence_type_idx').on(t.organisationId, t.evidenceType),
    index('evidence_sha256_idx').on(t.organisationId, t.sha256),
  ],
);

/** Capabilities a roadmap item needs (normalised from the contract). */
export const workRequiredCapabilities = tenantTable(
  'work_required_capabilities',
  {
    workId: text().notNull(),
    capabilityId: text().notNull(),
    requiredAt: timestamptz().notNull().defaultNow(),
    requiredBy: text(),
  },
  (t) => [
    tenantPrimaryKey('work_required_capabilities_pkey', t.workId, t.capabilityId),
    tenantForeignKey('work_required_capabilities_work_fk', [t.workId], [roadmapItems.id]),
    index('work_required_capabilities_capability_idx').on(t.organisationId, t.capabilityId),
  ],
);

/**
 * What a builder can do ('python', 'sqlite', …), matched against work_required_capabilities:
 * the agent API's ready queue offers a builder only the work whose every required capability it
 * has. Gantry's addition (seed 003 names required capabilities, never the builders' own).
 */
export const builderCapabilities = tenantTable(
  'builder_capabilities',
  {
    builderId: text().notNull(),
    capabilityId: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('builder_capabilities_pkey', t.builderId, t.capabilityId),
    tenantForeignKey('builder_capabilities_builder_fk', [t.builderId], [builders.builderId]),
    check('builder_capabilities_capability_format', sql`${t.capabilityId} ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$'`),
  ],
);

/**
 * The plan's event log (PPP): events from users, services and agents, applied once per
 * idempotency key. item_id and external_id are not foreign keys: an event may name an item
 * before it exists, or one known only to the outside system.
 */
export const planEvents = tenantTable(
  'plan_events',
  {
    eventId: text().notNull(),
    idempotencyKey: text().notNull(),
    ts: timestamptz().notNull(),
    actor: text().notNull(),
    actorType: text().notNull(),
    source: text().notNull(),
    eventType: text().notNull(),
    itemId: text(),
    externalId: text(),
    payload: jsonb().notNull(),
    expectedVersion: text(),
    conflictPolicy: text(),
    receivedAt: timestamptz().notNull().defaultNow(),
    processedAt: timestamptz(),
    processResult: text(),
  },
  (t) => [
    tenantPrimaryKey('plan_events_pkey', t.eventId),
    unique('plan_events_idempotency_key_key').on(t.organisationId, t.idempotencyKey),
    check('plan_events_actor_type_check', sql`${t.actorType} IN ('user', 'service', 'agent', 'system')`),
    check('plan_events_process_result_check', sql`${t.processResult} IN ('applied', 'rejected', 'conflict')`),
    index('plan_events_item_idx')
      .on(t.organisationId, t.itemId)
      .where(sql`item_id IS NOT NULL`),
    index('plan_events_ts_idx').on(t.organisationId, t.ts),
    index('plan_events_source_idx').on(t.organisationId, t.source),
  ],
);

export type CompiledContract = typeof compiledContracts.$inferSelect;
export type Attempt = typeof attempts.$inferSelect;
export type Evidence = typeof evidence.$inferSelect;
export type WorkRequiredCapability = typeof workRequiredCapabilities.$inferSelect;
export type PlanEvent = typeof planEvents.$inferSelect;
export type BuilderCapability = typeof builderCapabilities.$inferSelect;
