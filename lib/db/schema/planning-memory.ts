import { sql } from 'drizzle-orm';
import { check, index, jsonb, text, uuid } from 'drizzle-orm/pg-core';

import { createdAt, isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantTable, tenantUuidTable } from './columns';
import { knowledgeItemStatuses, memoryContentTypes, memoryEntityTypes, memoryRelationRoles, sqlList } from './planning-values';

/**
 * Seed 004's memory plane: units of content with a reference to their embedding, the planning
 * entities they relate to, and a log of retrievals. entity_id names an entity of entity_type
 * (polymorphic, so not a foreign key); `step` stays a valid type for older data.
 */
export const memoryUnits = tenantUuidTable(
  'memory_unit',
  {
    contentType: text().notNull(),
    mimeType: text(),
    title: text(),
    contentText: text(),
    linkUrl: text(),
    status: text().notNull(),
    embeddingRef: text().notNull(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('memory_unit_pkey', t.id),
    index('memory_unit_status_updated_live_idx').on(t.organisationId, t.status, t.updatedAt.desc()).where(isLive),
    check('memory_unit_content_type_check', sql`${t.contentType} IN (${sqlList(memoryContentTypes)})`),
    check('memory_unit_status_check', sql`${t.status} IN (${sqlList(knowledgeItemStatuses)})`),
    check('memory_unit_inline_check', sql`${t.contentType} <> 'inline' OR ${t.contentText} IS NOT NULL`),
    check('memory_unit_link_check', sql`${t.contentType} <> 'link' OR ${t.linkUrl} IS NOT NULL`),
  ],
);

export const memoryUnitRelations = tenantTable(
  'memory_unit_relation',
  {
    memoryUnitId: uuid().notNull(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    relationRole: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('memory_unit_relation_pkey', t.memoryUnitId, t.entityType, t.entityId),
    tenantForeignKey('memory_unit_relation_memory_unit_fk', [t.memoryUnitId], [memoryUnits.id]),
    index('memory_unit_relation_entity_live_idx').on(t.organisationId, t.entityType, t.entityId, t.memoryUnitId).where(isLive),
    check('memory_unit_relation_entity_type_check', sql`${t.entityType} IN (${sqlList(memoryEntityTypes)})`),
    check('memory_unit_relation_relation_role_check', sql`${t.relationRole} IN (${sqlList(memoryRelationRoles)})`),
  ],
);

/** Retrieval observability. Append-only (memory_retrieval_log_no_update/_no_delete). */
export const memoryRetrievalLog = tenantUuidTable(
  'memory_retrieval_log',
  {
    queryText: text().notNull(),
    scopeEntityType: text().notNull(),
    scopeEntityId: text().notNull(),
    resultMemoryIds: jsonb().$type<string[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [
    tenantPrimaryKey('memory_retrieval_log_pkey', t.id),
    index('memory_retrieval_log_scope_idx').on(t.organisationId, t.scopeEntityType, t.scopeEntityId, t.createdAt.desc()),
    check('memory_retrieval_log_scope_entity_type_check', sql`${t.scopeEntityType} IN (${sqlList(memoryEntityTypes)})`),
    check('memory_retrieval_log_result_memory_ids_check', sql`jsonb_typeof(${t.resultMemoryIds}) = 'array'`),
  ],
);

export type MemoryUnit = typeof memoryUnits.$inferSelect;
export type MemoryUnitRelation = typeof memoryUnitRelations.$inferSelect;
export type MemoryRetrievalLogEntry = typeof memoryRetrievalLog.$inferSelect;
