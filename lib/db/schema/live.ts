import { bigint, check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';

import { organisationId, timestamptz } from './columns';

/**
 * The change feed's durable half (migration change_feed, docs/live.md): one row per committed
 * change of a row a page shows, numbered by `seq`, written with its NOTIFY by the trigger
 * announce_change. Append-only; rows older than the retention are pruned.
 */
export const changeLog = pgTable(
  'change_log',
  {
    seq: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    organisationId: organisationId(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    op: text().notNull(),
    changedAt: timestamptz().notNull().defaultNow(),
    /** Who made the change (current_actor() of the writing transaction; migration inbox). */
    actor: text()
      .notNull()
      .default(sql`current_actor()`),
  },
  (t) => [
    index('change_log_organisation_seq_idx').on(t.organisationId, t.seq),
    index('change_log_changed_at_idx').on(t.changedAt),
    // A watched item's newest change (the inbox).
    index('change_log_entity_seq_idx').on(t.organisationId, t.entityType, t.entityId, t.seq),
    check('change_log_op_check', sql`${t.op} IN ('insert', 'update', 'delete')`),
  ],
);
