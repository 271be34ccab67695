import { sql } from 'drizzle-orm';
import { check, index, text, uniqueIndex } from 'drizzle-orm/pg-core';

import { createdAt, isLive, tenantForeignKey, tenantPrimaryKey, tenantTable, tenantTextTable, timestamps, timestamptz } from './columns';
import { features, products } from './portfolio';
import { boardItemColumns } from './work-items';
import { searchIndex } from './search';

/** Work items of seed 000 (enhancements, bug fixes, specs, chores), linked to a product or feature. */
export const changeRequests = tenantTextTable(
  'change_requests',
  {
    title: text().notNull(),
    description: text(),
    statusKey: text().notNull().default('queue'),
    typeKey: text().notNull().default('enhancement'),
    size: text().notNull().default('M'),
    owner: text(),
    productId: text(),
    featureId: text(),
    targetVersion: text(),
    completedVersion: text(),
    ...timestamps(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    ...boardItemColumns(),
  },
  (t) => [
    tenantPrimaryKey('change_requests_pkey', t.id),
    searchIndex('change_requests'),
    tenantForeignKey('change_requests_product_fk', [t.productId], [products.id]),
    tenantForeignKey('change_requests_feature_fk', [t.featureId], [features.id]),
    check('change_requests_size_check', sql`${t.size} IN ('S', 'M', 'L', 'XL')`),
    index('change_requests_status_live_idx').on(t.organisationId, t.statusKey).where(isLive),
    index('change_requests_created_live_idx').on(t.organisationId, t.createdAt.desc().nullsFirst()).where(isLive),
    index('change_requests_product_live_idx').on(t.organisationId, t.productId).where(isLive),
    index('change_requests_feature_live_idx').on(t.organisationId, t.featureId).where(isLive),
    // A product's board column in board order.
    index('change_requests_board_live_idx').on(t.organisationId, t.productId, t.statusKey, t.boardRank).where(isLive),
    // A move's neighbours: one status column of the organisation in board order.
    uniqueIndex('change_requests_status_rank_live_idx').on(t.organisationId, t.statusKey, t.boardRank).where(isLive),
    // The board's "what changed since" poll.
    index('change_requests_updated_idx').on(t.organisationId, t.updatedAt),
  ],
);

/** The directed graph of CR relationships (seed 000). */
export const crDependencies = tenantTable(
  'cr_dependencies',
  {
    crId: text().notNull(),
    dependsOnId: text().notNull(),
    dependencyType: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('cr_dependencies_pkey', t.crId, t.dependsOnId),
    tenantForeignKey('cr_dependencies_cr_fk', [t.crId], [changeRequests.id]),
    tenantForeignKey('cr_dependencies_depends_on_fk', [t.dependsOnId], [changeRequests.id]),
    check('cr_dependencies_dependency_type_check', sql`${t.dependencyType} IN ('blocks', 'related', 'supersedes')`),
    check('cr_dependencies_no_self_reference', sql`${t.crId} <> ${t.dependsOnId}`),
    index('cr_dependencies_depends_on_idx').on(t.organisationId, t.dependsOnId),
  ],
);

/** Version-specific defects of a feature (seed 000), optionally fixed by a change request. */
export const bugs = tenantTextTable(
  'bugs',
  {
    title: text().notNull(),
    description: text(),
    featureId: text().notNull(),
    featureVersion: text().notNull(),
    severityKey: text().notNull().default('medium'),
    statusKey: text().notNull().default('open'),
    reportedBy: text(),
    assignedTo: text(),
    fixCrId: text(),
    fixedInVersion: text(),
    ...timestamps(),
    resolvedAt: timestamptz(),
    ...boardItemColumns(),
  },
  (t) => [
    tenantPrimaryKey('bugs_pkey', t.id),
    searchIndex('bugs'),
    tenantForeignKey('bugs_feature_fk', [t.featureId], [features.id]),
    tenantForeignKey('bugs_fix_cr_fk', [t.fixCrId], [changeRequests.id]),
    index('bugs_feature_live_idx').on(t.organisationId, t.featureId, t.featureVersion).where(isLive),
    index('bugs_fix_cr_live_idx').on(t.organisationId, t.fixCrId).where(isLive),
    index('bugs_status_live_idx').on(t.organisationId, t.statusKey).where(isLive),
    index('bugs_board_live_idx').on(t.organisationId, t.featureId, t.statusKey, t.boardRank).where(isLive),
    uniqueIndex('bugs_status_rank_live_idx').on(t.organisationId, t.statusKey, t.boardRank).where(isLive),
    index('bugs_updated_idx').on(t.organisationId, t.updatedAt),
  ],
);

export type ChangeRequest = typeof changeRequests.$inferSelect;
export type CrDependency = typeof crDependencies.$inferSelect;
export type Bug = typeof bugs.$inferSelect;
