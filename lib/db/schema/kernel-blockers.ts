import { sql } from 'drizzle-orm';
import { check, index, text, uuid } from 'drizzle-orm/pg-core';

import { createdAt, deletedAt, tenantForeignKey, tenantPrimaryKey, tenantTable, tenantTextTable, timestamptz, updatedAt } from './columns';
import { tasks, waves } from './foreman';
import { standards } from './governance';
import { attempts } from './kernel';
import { programs, releases } from './portfolio';
import { roadmapItems } from './roadmap';
import { searchIndex } from './search';

/** Live, unresolved blockers: the ones that stop work and fill the blocker desk. */
const isOpen = sql`resolved_at IS NULL AND deleted_at IS NULL`;

/**
 * One blockers table for seed 003's kernel blockers (on a roadmap item, maybe an attempt) and
 * seed 001's Foreman blockers (on a program, wave or task). A blocker names at least one
 * target; a task fills in its wave and a wave its program, and an attempt its work item, so
 * each page finds its blockers with one index. Kernel blockers (work_id set) carry a
 * reason_code and a title; Foreman blockers (program, wave or task set) a classification and
 * a description. Resolving needs a justification (trigger blockers_resolution_requires_justification).
 */
export const blockers = tenantTable(
  'blockers',
  {
    /** Seed 003's text id; seed 001's blocker_id uuid is this column (a uuid in text form by default). */
    id: text()
      .notNull()
      .default(sql`gen_random_uuid()::text`),
    workId: text(),
    attemptId: text(),
    programId: text(),
    waveId: uuid(),
    taskId: uuid(),
    /** Seed 001's entity_type / entity_id: the most specific Foreman target, derived. */
    entityType: text().generatedAlwaysAs(
      sql`CASE WHEN task_id IS NOT NULL THEN 'task' WHEN wave_id IS NOT NULL THEN 'wave' WHEN program_id IS NOT NULL THEN 'program' END`,
    ),
    entityId: text().generatedAlwaysAs(sql`coalesce(task_id::text, wave_id::text, program_id)`),
    reasonCode: text(),
    classification: text(),
    title: text(),
    description: text(),
    needs: text(),
    severity: text().default('blocking'),
    relatedPlanningItemId: text(),
    createdBy: text().notNull(),
    createdAt: createdAt(),
    detectedAt: timestamptz().notNull().defaultNow(),
    escalatedAt: timestamptz(),
    escalatedTo: text(),
    resolvedAt: timestamptz(),
    resolvedBy: text(),
    resolution: text(),
    resolutionAction: text(),
    updatedAt: updatedAt(),
    deletedAt: deletedAt(),
  },
  (t) => [
    tenantPrimaryKey('blockers_pkey', t.id),
    searchIndex('blockers'),
    tenantForeignKey('blockers_work_fk', [t.workId], [roadmapItems.id]),
    tenantForeignKey('blockers_attempt_fk', [t.workId, t.attemptId], [attempts.workId, attempts.id]),
    tenantForeignKey('blockers_program_fk', [t.programId], [programs.id]),
    tenantForeignKey('blockers_wave_fk', [t.waveId], [waves.waveId]),
    tenantForeignKey('blockers_task_fk', [t.taskId], [tasks.taskId]),
    tenantForeignKey('blockers_related_planning_item_fk', [t.relatedPlanningItemId], [roadmapItems.id]),
    check('blockers_target_check', sql`num_nonnulls(work_id, attempt_id, program_id, wave_id, task_id) >= 1`),
    // The attempt foreign key includes work_id; blockers_scope fills it from the attempt.
    check('blockers_attempt_has_work', sql`attempt_id IS NULL OR work_id IS NOT NULL`),
    check('blockers_kernel_fields', sql`work_id IS NULL OR (reason_code IS NOT NULL AND title IS NOT NULL)`),
    check('blockers_foreman_fields', sql`num_nonnulls(program_id, wave_id, task_id) = 0 OR (classification IS NOT NULL AND description IS NOT NULL)`),
    check(
      'blockers_reason_code_check',
      sql`${t.reasonCode} IN ('missing_approval', 'missing_info', 'missing_dependency', 'missing_resource', 'missing_credential', 'technical_failure', 'external_wait', 'other')`,
    ),
    check(
      'blockers_classification_check',
      sql`${t.classification} IN ('architecture_qa_mismatch', 'impossible_requirements', 'protected_path', 'repeated_failures', 'constitutional_violation', 'builder_stall')`,
    ),
    check('blockers_severity_check', sql`${t.severity} IN ('blocking', 'warning')`),
    check('blockers_escalation_check', sql`(escalated_at IS NULL) = (escalated_to IS NULL)`),
    // An open blocker is resolved (with its justification), never just deleted.
    check('blockers_deleted_when_resolved', sql`deleted_at IS NULL OR resolved_at IS NOT NULL`),
    // Seed 003 idx_blockers_open: the claim check (attempts_no_claim_blocked) reads it.
    index('blockers_open_work_idx')
      .on(t.organisationId, t.workId)
      .where(sql`resolved_at IS NULL`),
    // Seed 003 idx_blockers_work: an item's blockers, open and resolved.
    index('blockers_work_time_idx')
      .on(t.organisationId, t.workId, t.createdAt)
      .where(sql`work_id IS NOT NULL`),
    index('blockers_attempt_idx')
      .on(t.organisationId, t.attemptId)
      .where(sql`attempt_id IS NOT NULL`),
    // Seed 001 idx_blockers_entity: a task's (or wave's, program's own) blockers.
    index('blockers_entity_idx')
      .on(t.organisationId, t.entityType, t.entityId)
      .where(sql`entity_type IS NOT NULL`),
    // Every open blocker of a program or wave, its tasks' included.
    index('blockers_open_program_idx').on(t.organisationId, t.programId, t.detectedAt).where(isOpen),
    index('blockers_open_wave_idx').on(t.organisationId, t.waveId, t.detectedAt).where(isOpen),
    // Seed 001 idx_blockers_unresolved and seed 003 idx_blockers_reason: every open blocker of
    // an organisation, oldest first, overall or by classification or reason code.
    index('blockers_open_age_idx').on(t.organisationId, t.detectedAt).where(isOpen),
    index('blockers_open_classification_idx').on(t.organisationId, t.classification, t.detectedAt).where(isOpen),
    index('blockers_open_reason_code_idx').on(t.organisationId, t.reasonCode, t.detectedAt).where(isOpen),
  ],
);

/**
 * Append-only governance decisions (seed 003): approvals, waivers, escalations, …. A decision
 * concerns a roadmap item, an attempt of it, and/or one blocker (Gantry's blocker_id: a waiver
 * of that blocker, or its escalation). Gantry's release_id + standard_id: a waiver of one
 * standard for one release (release_verdict counts it as met). Corrections are new decisions
 * that supersede old ones.
 */
export const decisions = tenantTextTable(
  'decisions',
  {
    workId: text(),
    attemptId: text(),
    leaseId: text(),
    blockerId: text(),
    releaseId: text(),
    standardId: text(),
    decisionType: text().notNull(),
    // Legacy fields (compatibility), free text as in the original.
    decisionSummary: text(),
    rationale: text(),
    alternativesConsidered: text(),
    constraints: text(),
    subjectHash: text(),
    /** Who holds the decision; for an escalation, whom it was escalated to. */
    authority: text().notNull().default('system'),
    outcome: text().notNull().default('recorded'),
    reason: text(),
    conditions: text(),
    supersedesDecisionId: text(),
    relatedDecisionId: text(),
    decidedBy: text().notNull().default('system'),
    decidedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    tenantPrimaryKey('decisions_pkey', t.id),
    tenantForeignKey('decisions_work_fk', [t.workId], [roadmapItems.id]),
    tenantForeignKey('decisions_attempt_fk', [t.workId, t.attemptId], [attempts.workId, attempts.id]),
    tenantForeignKey('decisions_blocker_fk', [t.blockerId], [blockers.id]),
    tenantForeignKey('decisions_release_fk', [t.releaseId], [releases.id]),
    tenantForeignKey('decisions_standard_fk', [t.standardId], [standards.id]),
    tenantForeignKey('decisions_supersedes_fk', [t.supersedesDecisionId], [t.id]),
    tenantForeignKey('decisions_related_fk', [t.relatedDecisionId], [t.id]),
    check('decisions_attempt_has_work', sql`attempt_id IS NULL OR work_id IS NOT NULL`),
    // A decision about a release's standard names both, is a waiver, and says why.
    check(
      'decisions_release_waiver_check',
      sql`(release_id IS NULL AND standard_id IS NULL) OR (release_id IS NOT NULL AND standard_id IS NOT NULL AND decision_type = 'waiver' AND btrim(coalesce(reason, '')) <> '')`,
    ),
    check(
      'decisions_decision_type_check',
      sql`${t.decisionType} IN ('approval', 'waiver', 'review_passed', 'review_rejected', 'plan_committed', 'completion_accepted', 'escalation', 'revocation', 'draft_emitted', 'draft_approved', 'draft_rejected')`,
    ),
    // An item's decisions by type and time (seed idx_decisions_work); the waiver check reads it.
    index('decisions_work_type_time_idx').on(t.organisationId, t.workId, t.decisionType, t.decidedAt),
    index('decisions_type_idx').on(t.organisationId, t.decisionType, t.decidedAt),
    index('decisions_attempt_idx')
      .on(t.organisationId, t.attemptId)
      .where(sql`attempt_id IS NOT NULL`),
    index('decisions_blocker_idx')
      .on(t.organisationId, t.blockerId, t.decisionType, t.decidedAt)
      .where(sql`blocker_id IS NOT NULL`),
    // A release's waivers of each standard, newest first (release_verdict reads it).
    index('decisions_release_standard_idx')
      .on(t.organisationId, t.releaseId, t.standardId, t.decidedAt.desc())
      .where(sql`release_id IS NOT NULL`),
    index('decisions_supersedes_idx')
      .on(t.organisationId, t.supersedesDecisionId)
      .where(sql`supersedes_decision_id IS NOT NULL`),
  ],
);

export type Blocker = typeof blockers.$inferSelect;
export type Decision = typeof decisions.$inferSelect;
