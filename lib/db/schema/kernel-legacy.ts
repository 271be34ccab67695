import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';

import { createdAt, tenantForeignKey, tenantPrimaryKey, tenantTextIdColumns, timestamptz } from './columns';
import { roadmapItems } from './roadmap';

/**
 * Seed 003's legacy kernel logs, kept for CLI compatibility: append-only copies of decisions,
 * evidence and outcomes. attempt_id and lease_id are plain text, as in the original: legacy
 * rows may name attempts and leases that the kernel tables never held.
 */

export const kernelDecisions = pgTable(
  'kernel_decisions',
  {
    ...tenantTextIdColumns(),
    workId: text(),
    attemptId: text(),
    leaseId: text(),
    decisionType: text().notNull(),
    decisionSummary: text().notNull(),
    rationale: text(),
    alternativesConsidered: text(),
    constraints: text(),
    outcome: text().notNull().default('recorded'),
    conditions: text(),
    supersedesDecisionId: text(),
    relatedDecisionId: text(),
    decidedBy: text().notNull(),
    decidedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    tenantPrimaryKey('kernel_decisions_pkey', t.id),
    tenantForeignKey('kernel_decisions_work_fk', [t.workId], [roadmapItems.id]),
    tenantForeignKey('kernel_decisions_supersedes_fk', [t.supersedesDecisionId], [t.id]),
    tenantForeignKey('kernel_decisions_related_fk', [t.relatedDecisionId], [t.id]),
    check(
      'kernel_decisions_decision_type_check',
      sql`${t.decisionType} IN ('approval', 'waiver', 'review_passed', 'review_rejected', 'plan_committed', 'completion_accepted', 'escalation', 'revocation', 'draft_emitted', 'draft_approved', 'draft_rejected')`,
    ),
    index('kernel_decisions_work_idx')
      .on(t.organisationId, t.workId)
      .where(sql`work_id IS NOT NULL`),
    index('kernel_decisions_lease_idx')
      .on(t.organisationId, t.leaseId)
      .where(sql`lease_id IS NOT NULL`),
    index('kernel_decisions_type_idx').on(t.organisationId, t.decisionType),
    index('kernel_decisions_supersedes_idx')
      .on(t.organisationId, t.supersedesDecisionId)
      .where(sql`supersedes_decision_id IS NOT NULL`),
  ],
);

export const kernelEvidence = pgTable(
  'kernel_evidence',
  {
    ...tenantTextIdColumns(),
    workId: text(),
    attemptId: text(),
    leaseId: text(),
    evidenceType: text().notNull(),
    uri: text(),
    sha256: text(),
    title: text(),
    description: text(),
    artifacts: text(),
    testResults: text(),
    diffSummary: text(),
    logExcerpt: text(),
    createdBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('kernel_evidence_pkey', t.id),
    tenantForeignKey('kernel_evidence_work_fk', [t.workId], [roadmapItems.id]),
    check(
      'kernel_evidence_evidence_type_check',
      sql`${t.evidenceType} IN ('test_result', 'build_artifact', 'diff', 'log', 'attestation', 'screenshot', 'reference', 'document', 'policy_bundle', 'other')`,
    ),
    index('kernel_evidence_work_idx')
      .on(t.organisationId, t.workId)
      .where(sql`work_id IS NOT NULL`),
    index('kernel_evidence_lease_idx')
      .on(t.organisationId, t.leaseId)
      .where(sql`lease_id IS NOT NULL`),
    index('kernel_evidence_type_idx').on(t.organisationId, t.evidenceType),
    index('kernel_evidence_sha256_idx')
      .on(t.organisationId, t.sha256)
      .where(sql`sha256 IS NOT NULL`),
  ],
);

export const kernelOutcomes = pgTable(
  'kernel_outcomes',
  {
    ...tenantTextIdColumns(),
    workId: text(),
    attemptId: text(),
    leaseId: text(),
    outcomeType: text().notNull(),
    path: text(),
    description: text(),
    metadata: text(),
    createdBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('kernel_outcomes_pkey', t.id),
    tenantForeignKey('kernel_outcomes_work_fk', [t.workId], [roadmapItems.id]),
    index('kernel_outcomes_work_idx')
      .on(t.organisationId, t.workId)
      .where(sql`work_id IS NOT NULL`),
    index('kernel_outcomes_lease_idx')
      .on(t.organisationId, t.leaseId)
      .where(sql`lease_id IS NOT NULL`),
    index('kernel_outcomes_type_idx').on(t.organisationId, t.outcomeType),
  ],
);

export type KernelDecision = typeof kernelDecisions.$inferSelect;
export type KernelEvidence = typeof kernelEvidence.$inferSelect;
export type KernelOutcome = typeof kernelOutcomes.$inferSelect;
