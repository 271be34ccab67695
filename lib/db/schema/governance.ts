import { sql } from 'drizzle-orm';
import { bigint, boolean, check, doublePrecision, index, integer, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';

import {
  createdAt,
  isLive,
  softDeleteTimestamps,
  tenantForeignKey,
  tenantIdentityTable,
  tenantPrimaryKey,
  tenantTable,
  tenantTextTable,
  timestamptz,
} from './columns';
import { releases } from './portfolio';
import { searchIndex } from './search';

/**
 * Seed 000's quality gates. A standard applies at a level (standard_level terminology) and is
 * checked by a command, a pattern, a threshold or a person (check_type terminology).
 */
export const standards = tenantTextTable(
  'standards',
  {
    name: text().notNull(),
    description: text(),
    docPath: text(),
    levelKey: text().notNull(),
    checkTypeKey: text().notNull(),
    checkCommand: text(),
    checkPattern: text(),
    thresholdMin: doublePrecision(),
    thresholdMax: doublePrecision(),
    failureMessage: text().notNull(),
    isBlocking: boolean().notNull().default(true),
    sortOrder: integer().notNull().default(0),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('standards_pkey', t.id),
    searchIndex('standards'),
    index('standards_level_live_idx').on(t.organisationId, t.levelKey, t.sortOrder).where(isLive),
    check('standards_threshold_range_check', sql`${t.thresholdMin} IS NULL OR ${t.thresholdMax} IS NULL OR ${t.thresholdMin} <= ${t.thresholdMax}`),
  ],
);

/**
 * Which standards apply to which entity. entity_type/entity_id point at a program, product,
 * feature, release or change request (the standard_level keys); the trigger
 * standard_assignments_entity_check refuses an entity that does not exist in the organisation.
 */
export const standardAssignments = tenantIdentityTable(
  'standard_assignments',
  {
    standardId: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    isInherited: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [
    tenantForeignKey('standard_assignments_standard_fk', [t.standardId], [standards.id]),
    unique('standard_assignments_standard_entity_key').on(t.organisationId, t.standardId, t.entityType, t.entityId),
    index('standard_assignments_entity_idx').on(t.organisationId, t.entityType, t.entityId),
  ],
);

/**
 * The immutable trail of standard checks (triggers compliance_immutable / compliance_no_delete).
 * At scale it holds a million rows: "latest result per standard for a release" walks
 * compliance_results_release_standard_idx.
 */
export const complianceResults = tenantIdentityTable(
  'compliance_results',
  {
    standardId: text().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    releaseId: text(),
    result: text().notNull(),
    resultValue: text(),
    errorMessage: text(),
    // Gantry additions: what a reviewer wrote with a manual result, and where its evidence is.
    note: text(),
    evidenceUrl: text(),
    checkedBy: text().notNull(),
    checkedAt: timestamptz().notNull().defaultNow(),
  },
  (t) => [
    tenantForeignKey('compliance_results_standard_fk', [t.standardId], [standards.id]),
    tenantForeignKey('compliance_results_release_fk', [t.releaseId], [releases.id]),
    check('compliance_results_result_check', sql`${t.result} IN ('pass', 'fail', 'skip', 'error')`),
    index('compliance_results_release_standard_idx').on(t.organisationId, t.releaseId, t.standardId, t.checkedAt.desc()),
    index('compliance_results_standard_idx').on(t.organisationId, t.standardId, t.checkedAt.desc()),
    index('compliance_results_entity_idx').on(t.organisationId, t.entityType, t.entityId, t.checkedAt.desc()),
  ],
);

/**
 * The latest result of each standard checked for a release (Gantry addition, migration 0026):
 * derived from compliance_results, which only ever grows, by the statement trigger
 * compliance_latest_results_track, and written by nothing else (the application role may only
 * read it). "Latest" is the newest checked_at, then the highest id. v_release_verdict reads it,
 * so that the verdict of every release is one join rather than a probe per standard.
 */
export const complianceLatestResults = tenantTable(
  'compliance_latest_results',
  {
    releaseId: text().notNull(),
    standardId: text().notNull(),
    resultId: bigint({ mode: 'number' }).notNull(),
    result: text().notNull(),
    checkedAt: timestamptz().notNull(),
  },
  (t) => [tenantPrimaryKey('compliance_latest_results_pkey', t.releaseId, t.standardId)],
);

/**
 * Singleton documents: at most one active, live document per type in an organisation (unique
 * partial index; charter_singleton_enforce retires the current one when another becomes active).
 */
export const charterDocs = tenantTextTable(
  'charter_docs',
  {
    docTypeKey: text().notNull(),
    version: text().notNull(),
    title: text().notNull(),
    contentHash: text().notNull(),
    filePath: text(),
    isActive: boolean().notNull().default(true),
    approvedBy: text(),
    approvedAt: timestamptz(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('charter_docs_pkey', t.id),
    uniqueIndex('charter_docs_active_type_key')
      .on(t.organisationId, t.docTypeKey)
      .where(sql`is_active AND deleted_at IS NULL`),
    index('charter_docs_type_version_live_idx').on(t.organisationId, t.docTypeKey, t.version).where(isLive),
  ],
);

export type Standard = typeof standards.$inferSelect;
export type StandardAssignment = typeof standardAssignments.$inferSelect;
export type ComplianceResult = typeof complianceResults.$inferSelect;
export type CharterDoc = typeof charterDocs.$inferSelect;
