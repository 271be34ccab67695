import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';

import { isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantUuidIdColumns, tenantUuidTable } from './columns';
import { cards } from './planning';
import { knowledgeItemSources, knowledgeItemStatuses, plannedFileActions, plannedFileKinds, plannedFileStatuses, sqlList } from './planning-values';

/**
 * Seed 004's four knowledge-item tables share their columns and rules; card_known_fact adds
 * evidence_source. Status is kept for compatibility; it gates nothing.
 */
function knowledgeItemColumns() {
  return {
    ...tenantUuidIdColumns(),
    cardId: uuid().notNull(),
    text: text().notNull(),
    status: text().notNull().default('draft'),
    source: text().notNull(),
    confidence: doublePrecision(),
    position: integer().notNull().default(0),
    ...softDeleteTimestamps(),
  };
}

interface KnowledgeItemTable {
  organisationId: AnyPgColumn;
  id: AnyPgColumn;
  cardId: AnyPgColumn;
  status: AnyPgColumn;
  source: AnyPgColumn;
  confidence: AnyPgColumn;
  position: AnyPgColumn;
}

function knowledgeItemRules(table: string, t: KnowledgeItemTable) {
  return [
    tenantPrimaryKey(`${table}_pkey`, t.id),
    tenantForeignKey(`${table}_card_fk`, [t.cardId], [cards.id]),
    index(`${table}_card_live_idx`).on(t.organisationId, t.cardId, t.position).where(isLive),
    check(`${table}_status_check`, sql`${t.status} IN (${sqlList(knowledgeItemStatuses)})`),
    check(`${table}_source_check`, sql`${t.source} IN (${sqlList(knowledgeItemSources)})`),
    check(`${table}_confidence_check`, sql`${t.confidence} BETWEEN 0 AND 1`),
    check(`${table}_position_check`, sql`${t.position} >= 0`),
  ];
}

export const cardRequirements = pgTable('card_requirement', knowledgeItemColumns(), (t) => knowledgeItemRules('card_requirement', t));

export const cardKnownFacts = pgTable('card_known_fact', { ...knowledgeItemColumns(), evidenceSource: text() }, (t) =>
  knowledgeItemRules('card_known_fact', t),
);

export const cardAssumptions = pgTable('card_assumption', knowledgeItemColumns(), (t) => knowledgeItemRules('card_assumption', t));

export const cardQuestions = pgTable('card_question', knowledgeItemColumns(), (t) => knowledgeItemRules('card_question', t));

/** Files a card plans to create or edit. `test` is not a kind: tests are context artifacts. */
export const cardPlannedFiles = tenantUuidTable(
  'card_planned_file',
  {
    cardId: uuid().notNull(),
    logicalFileName: text().notNull(),
    moduleHint: text(),
    artifactKind: text().notNull(),
    action: text().notNull(),
    intentSummary: text().notNull(),
    contractNotes: text(),
    status: text().notNull().default('proposed'),
    position: integer().notNull().default(0),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('card_planned_file_pkey', t.id),
    tenantForeignKey('card_planned_file_card_fk', [t.cardId], [cards.id]),
    index('card_planned_file_card_status_live_idx').on(t.organisationId, t.cardId, t.status).where(isLive),
    check('card_planned_file_artifact_kind_check', sql`${t.artifactKind} IN (${sqlList(plannedFileKinds)})`),
    check('card_planned_file_action_check', sql`${t.action} IN (${sqlList(plannedFileActions)})`),
    check('card_planned_file_status_check', sql`${t.status} IN (${sqlList(plannedFileStatuses)})`),
    check('card_planned_file_position_check', sql`${t.position} >= 0`),
  ],
);

export type CardRequirement = typeof cardRequirements.$inferSelect;
export type CardKnownFact = typeof cardKnownFacts.$inferSelect;
export type CardAssumption = typeof cardAssumptions.$inferSelect;
export type CardQuestion = typeof cardQuestions.$inferSelect;
export type CardPlannedFile = typeof cardPlannedFiles.$inferSelect;
