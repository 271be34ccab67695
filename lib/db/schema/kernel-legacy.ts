import { sql } from 'drizzle-orm';
import { check, type ExtraConfigColumn, index, text } from 'drizzle-orm/pg-core';

import { createdAt, tenantForeignKey, tenantPrimaryKey, tenantTextTable, timestamptz } from './columns';
import { evidenceTypeCheck, legacyEvidenceColumns } from './kernel';
import { roadmapItems } from './roadmap';

/**
 * Seed 003's legacy kernel logs, kept for CLI compatibility: append-only copies of decisions,
 * evidence and outcomes. attempt_id and lease_id are plain text, as in the original: legacy
 * rows may name attempts and leases that the kernel tables never held.
 */

/** What a legacy log row names: the roadmap item, the attempt and the lease, each optional. */
const legacyLogColumns = () => ({ workId: text(), attemptId: text(), leaseId: text() });

/** A legacy log's key, the foreign key of its item, and its indexes by item and by lease (of the rows that name one). */
function legacyLogRules(table: string, t: Record<'id' | 'organisationId' | 'workId' | 'leaseId', ExtraConfigColumn>) {
  return [
    tenantPrimaryKey(`${table}_pkey`, t.id),
    tenantForeignKey(`${table}_work_fk`, [t.workId], [roadmapItems.id]),
    index(`${table}_work_idx`)
      .on(t.organisationId, t.workId)
      .where(sql`work_id IS NOT NULL`),
    index(`${table}_lease_idx`)
      .on(t.organisationId, t.leaseId)
      .where(sql`lease_id IS NOT NULL`),
  ];
}

export const kernelDecisions = tenantTextTable(
  'kernel_decisions',
  {
    ...legacyLogColumns(),
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
    ...legacyLogRules('kernel_decisions', t),
    tenantForeignKey('kernel_decisions_supersedes_fk', [t.supersedesDecisionId], [t.id]),
    tenantForeignKey('kernel_decisions_related_fk', [t.relatedDecisionId], [t.id]),
    check(
      'kernel_decisions_decision_type_check',
      sql`${t.decisionType} IN ('approval', 'waiver', 'review_passed', 'review_rejected', 'plan_committed', 'completion_accepted', 'escalation', 'revocation', 'draft_emitted', 'draft_approved', 'draft_rejected')`,
    ),
    index('kernel_decisions_type_idx').on(t.organisationId, t.decisionType),
    index('kernel_decisions_supersedes_idx')
      .on(t.organisationId, t.supersedesDecisionId)
      .where(sql`supersedes_decision_id IS NOT NULL`),
  ],
);

export const kernelEvidence = tenantTextTable(
  'kernel_evidence',
  {
    ...legacyLogColumns(),
    evidenceType: text().notNull(),
    uri: text(),
    sha256: text(),
    title: text(),
    description: text(),
    ...legacyEvidenceColumns(),
    createdBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    ...legacyLogRules('kernel_evidence', t),
    evidenceTypeCheck('kernel_evidence_evidence_type_check', t.evidenceType),
    index('kernel_evidence_type_idx').on(t.organisationId, t.evidenceType),
    index('kernel_evidence_sha256_idx')
      .on(t.organisationId, t.sha256)
      .where(sql`sha256 IS NOT NULL`),
  ],
);

export const kernelOutcomes = tenantTextTable(
  'kernel_outcomes',
  {
    ...legacyLogColumns(),
    outcomeType: text().notNull(),
    path: text(),
    description: text(),
    metadata: text(),
    createdBy: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [...legacyLogRules('kernel_outcomes', t), index('kernel_outcomes_type_idx').on(t.organisationId, t.outcomeType)],
);

export type KernelDecision = typeof kernelDecisions.$inferSelect;
export type KernelEvidence = typeof kernelEvidence.$inferSelect;
export type KernelOutcome = typeof kernelOutcomes.$inferSelect;
