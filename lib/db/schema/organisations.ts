import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().defaultRandom(),
    slug: text().notNull(),
    name: text().notNull(),
    /**
     * A builder silent for longer than this is stalled, and a builder_stall blocker is raised on
     * its task (Foreman settings: 60 to 600 s). Per organisation, edited on the builders page.
     */
    stallThresholdSeconds: integer().notNull().default(300),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('organisations_slug_live_key')
      .on(t.slug)
      .where(sql`deleted_at IS NULL`),
    check('organisations_slug_format', sql`${t.slug} ~ '^[a-z0-9][a-z0-9-]{1,62}$'`),
    check('organisations_name_not_blank', sql`btrim(${t.name}) <> ''`),
    check('organisations_stall_threshold_check', sql`${t.stallThresholdSeconds} BETWEEN 60 AND 600`),
  ],
);

export type Organisation = typeof organisations.$inferSelect;
