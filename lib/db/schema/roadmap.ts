import { sql } from 'drizzle-orm';
import { bigint, check, date, doublePrecision, index, integer, text, unique, uniqueIndex } from 'drizzle-orm/pg-core';

import { changeRequests } from './change-requests';
import {
  createdAt,
  isLive,
  softDeleteTimestamps,
  tenantForeignKey,
  tenantIdentityTable,
  tenantPrimaryKey,
  tenantTable,
  tenantTextTable,
  timestamps,
  timestamptz,
} from './columns';
import { features, products, programs } from './portfolio';
import { boardRank, workItemColumns } from './work-items';
import { searchIndex } from './search';

/**
 * Phase-based planning items. Seed 000 and seed 003 both define roadmap_items; this one table
 * holds the union of their columns. `rank` orders items within a phase without renumbering
 * (insert between two ranks at their mean). program_id / product_id say whose board shows it.
 */
export const roadmapItems = tenantTextTable(
  'roadmap_items',
  {
    phaseKey: text().notNull(),
    title: text().notNull(),
    description: text(),
    statusKey: text().notNull().default('pending'),
    owner: text(),
    scope: text().notNull().default('user'),
    programId: text(),
    productId: text(),
    featureId: text(),
    crId: text(),
    targetDate: date({ mode: 'string' }),
    completedAt: timestamptz(),
    sortOrder: integer().notNull().default(0),
    rank: doublePrecision(),
    itemType: text().notNull().default('work'),
    externalId: text(),
    externalUrl: text(),
    rawStatus: text(),
    rawType: text(),
    createdBy: text(),
    ...softDeleteTimestamps(),
    /** Order within a status column of the board (`rank` orders a phase lane of the roadmap). */
    boardRank: boardRank(),
    ...workItemColumns(),
  },
  (t) => [
    tenantPrimaryKey('roadmap_items_pkey', t.id),
    searchIndex('roadmap_items'),
    tenantForeignKey('roadmap_items_program_fk', [t.programId], [programs.id]),
    tenantForeignKey('roadmap_items_product_fk', [t.productId], [products.id]),
    tenantForeignKey('roadmap_items_feature_fk', [t.featureId], [features.id]),
    tenantForeignKey('roadmap_items_cr_fk', [t.crId], [changeRequests.id]),
    check('roadmap_items_item_type_check', sql`${t.itemType} IN ('work', 'gate', 'holding', 'integration')`),
    // Lanes of a board, v_next_rank, v_roadmap_with_deps; with the status, v_roadmap_progress
    // counts from the index alone.
    index('roadmap_items_phase_rank_live_idx').on(t.organisationId, t.phaseKey, t.rank, t.statusKey).where(isLive),
    index('roadmap_items_program_phase_rank_live_idx').on(t.organisationId, t.programId, t.phaseKey, t.rank).where(isLive),
    // The ready queue (status pending, ordered by phase and rank) and progress counts by phase.
    index('roadmap_items_status_phase_rank_live_idx').on(t.organisationId, t.statusKey, t.phaseKey, t.rank).where(isLive),
    // Active items of a phase: the phase limit's count and the blocked queue's candidates.
    index('roadmap_items_active_phase_idx')
      .on(t.organisationId, t.phaseKey)
      .where(sql`deleted_at IS NULL AND status_key NOT IN ('completed', 'deferred')`),
    index('roadmap_items_product_live_idx').on(t.organisationId, t.productId).where(isLive),
    index('roadmap_items_feature_live_idx').on(t.organisationId, t.featureId).where(isLive),
    index('roadmap_items_cr_live_idx').on(t.organisationId, t.crId).where(isLive),
    // A program's or a product's board column in board order.
    index('roadmap_items_program_board_live_idx').on(t.organisationId, t.programId, t.statusKey, t.boardRank).where(isLive),
    index('roadmap_items_product_board_live_idx').on(t.organisationId, t.productId, t.statusKey, t.boardRank).where(isLive),
    // A move's neighbours: one status column of the organisation in board order.
    uniqueIndex('roadmap_items_status_board_rank_live_idx').on(t.organisationId, t.statusKey, t.boardRank).where(isLive),
    index('roadmap_items_updated_idx').on(t.organisationId, t.updatedAt),
  ],
);

/**
 * Gantry's generalisation of seed 003's fixed "50 active items per phase": an organisation may
 * set its own limit per phase; without a row the limit is 50.
 */
export const roadmapPhaseLimits = tenantTable(
  'roadmap_phase_limits',
  {
    phaseKey: text().notNull(),
    maxActiveItems: integer().notNull(),
    ...timestamps(),
  },
  (t) => [tenantPrimaryKey('roadmap_phase_limits_pkey', t.phaseKey), check('roadmap_phase_limits_max_active_items_check', sql`${t.maxActiveItems} >= 1`)],
);

/** Directed dependencies between roadmap items (seed 003); the graph is kept acyclic by trigger. */
export const roadmapDependencies = tenantTable(
  'roadmap_dependencies',
  {
    itemId: text().notNull(),
    dependsOnId: text().notNull(),
    dependencyType: text().notNull().default('blocks'),
    createdAt: createdAt(),
    createdBy: text(),
    notes: text(),
  },
  (t) => [
    tenantPrimaryKey('roadmap_dependencies_pkey', t.itemId, t.dependsOnId),
    tenantForeignKey('roadmap_dependencies_item_fk', [t.itemId], [roadmapItems.id]),
    tenantForeignKey('roadmap_dependencies_depends_on_fk', [t.dependsOnId], [roadmapItems.id]),
    check('roadmap_dependencies_dependency_type_check', sql`${t.dependencyType} IN ('blocks', 'soft', 'related')`),
    check('roadmap_dependencies_no_self_reference', sql`${t.itemId} <> ${t.dependsOnId}`),
    // Reverse edges: what an item unblocks, and the foreign key's check on delete.
    index('roadmap_dependencies_depends_on_idx').on(t.organisationId, t.dependsOnId),
  ],
);

/** Agents assigned to roadmap items (seed 003). */
export const roadmapAssignments = tenantIdentityTable(
  'roadmap_assignments',
  {
    itemId: text().notNull(),
    agentId: text().notNull(),
    role: text().notNull().default('implementer'),
    assignedAt: timestamptz().notNull().defaultNow(),
    assignedBy: text(),
    startedAt: timestamptz(),
    completedAt: timestamptz(),
    status: text().notNull().default('assigned'),
    notes: text(),
  },
  (t) => [
    unique('roadmap_assignments_organisation_id_key').on(t.organisationId, t.id),
    unique('roadmap_assignments_item_agent_role_key').on(t.organisationId, t.itemId, t.agentId, t.role),
    tenantForeignKey('roadmap_assignments_item_fk', [t.itemId], [roadmapItems.id]),
    check('roadmap_assignments_role_check', sql`${t.role} IN ('implementer', 'reviewer', 'owner', 'observer')`),
    check('roadmap_assignments_status_check', sql`${t.status} IN ('assigned', 'active', 'completed', 'dropped')`),
    index('roadmap_assignments_agent_idx').on(t.organisationId, t.agentId, t.status),
  ],
);

/**
 * Prerequisites an assignment surfaced that nobody was working on (seed 003), written by the
 * roadmap_assignment_cascade trigger: one row per prerequisite, at its shortest depth.
 */
export const assignmentPrerequisites = tenantIdentityTable(
  'assignment_prerequisites',
  {
    sourceAssignmentId: bigint({ mode: 'number' }).notNull(),
    prerequisiteItemId: text().notNull(),
    depth: integer().notNull(),
    surfacedAt: timestamptz().notNull().defaultNow(),
    resolvedAt: timestamptz(),
  },
  (t) => [
    unique('assignment_prerequisites_source_prerequisite_key').on(t.organisationId, t.sourceAssignmentId, t.prerequisiteItemId),
    tenantForeignKey('assignment_prerequisites_source_assignment_fk', [t.sourceAssignmentId], [roadmapAssignments.id]),
    tenantForeignKey('assignment_prerequisites_prerequisite_item_fk', [t.prerequisiteItemId], [roadmapItems.id]),
    check('assignment_prerequisites_depth_check', sql`${t.depth} >= 1`),
    index('assignment_prerequisites_unresolved_idx')
      .on(t.organisationId, t.prerequisiteItemId)
      .where(sql`resolved_at IS NULL`),
  ],
);

export type RoadmapItem = typeof roadmapItems.$inferSelect;
export type RoadmapPhaseLimit = typeof roadmapPhaseLimits.$inferSelect;
export type RoadmapDependency = typeof roadmapDependencies.$inferSelect;
export type RoadmapAssignment = typeof roadmapAssignments.$inferSelect;
export type AssignmentPrerequisite = typeof assignmentPrerequisites.$inferSelect;
