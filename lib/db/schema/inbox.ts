import { sql } from 'drizzle-orm';
import { check, index, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

import { users } from './auth';
import { createdAt, deletedAt, tenantPrimaryKey, tenantTable, timestamptz } from './columns';

/** What a person may watch: the tables whose changes the feed announces under these names (docs/inbox.md). */
export const WATCHABLE_TABLES = ['programs', 'products', 'features', 'bugs', 'releases', 'change_requests', 'roadmap_items'] as const;

/**
 * A person's "needs you" inbox, read marks (migration inbox, docs/inbox.md): one row per person and
 * entry key they marked read. An entry's key changes when what it says changes (a new verdict, a
 * newer change to a watched item), so it comes back unread.
 */
export const inboxReads = tenantTable(
  'inbox_reads',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    entryKey: text().notNull(),
    readAt: timestamptz().notNull().defaultNow(),
    /** Who marked it (current_actor(): the person, or their personal token acting as them). */
    actor: text()
      .notNull()
      .default(sql`current_actor()`),
  },
  (t) => [
    primaryKey({ name: 'inbox_reads_pkey', columns: [t.organisationId, t.userId, t.entryKey] }),
    check('inbox_reads_entry_key_check', sql`length(${t.entryKey}) BETWEEN 1 AND 300`),
  ],
);

/** Items a person watches: changes to them reach the person's inbox. Soft-deleted on unwatch. */
export const watches = tenantTable(
  'watches',
  {
    id: uuid().notNull().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    /** The watched row's table, as the change feed names it ('roadmap_items', 'releases', …). */
    entityType: text().notNull(),
    entityId: text().notNull(),
    createdAt: createdAt(),
    actor: text()
      .notNull()
      .default(sql`current_actor()`),
    deletedAt: deletedAt(),
    deletedBy: text(),
  },
  (t) => [
    tenantPrimaryKey('watches_pkey', t.id),
    uniqueIndex('watches_person_entity_live_key')
      .on(t.organisationId, t.userId, t.entityType, t.entityId)
      .where(sql`deleted_at IS NULL`),
    index('watches_entity_live_idx')
      .on(t.organisationId, t.entityType, t.entityId)
      .where(sql`deleted_at IS NULL`),
    check('watches_entity_type_check', sql`${t.entityType} IN (${sql.raw(WATCHABLE_TABLES.map((n) => `'${n}'`).join(', '))})`),
    check('watches_deleted_check', sql`(${t.deletedAt} IS NULL) = (${t.deletedBy} IS NULL)`),
  ],
);

export type InboxRead = typeof inboxReads.$inferSelect;
export type Watch = typeof watches.$inferSelect;
