import { sql } from 'drizzle-orm';
import { check, index, text } from 'drizzle-orm/pg-core';

import { createdAt, deletedAt, tenantPrimaryKey, tenantUuidTable, timestamptz } from './columns';

/**
 * A board or list with its filters, saved under a name and shared in the organisation (migration
 * 0041, docs/import-export.md#saved-views): the page's path and its URL search parameters.
 * Renamed in place; deleted softly (deleted_at), so that Undo can bring it back.
 */
export const savedViews = tenantUuidTable(
  'saved_views',
  {
    name: text().notNull(),
    /** The page, e.g. '/board' or '/builders'. */
    path: text().notNull(),
    /** Its URL search parameters without the '?', e.g. 'kind=cr&scope=product:motus&owner=ana'. */
    query: text().notNull().default(''),
    /** Who saved it (current_actor(): 'user:<id>' or 'agent:<builderId>'). */
    createdBy: text()
      .notNull()
      .default(sql`current_actor()`),
    createdAt: createdAt(),
    updatedBy: text()
      .notNull()
      .default(sql`current_actor()`),
    updatedAt: timestamptz().notNull().defaultNow(),
    deletedAt: deletedAt(),
    deletedBy: text(),
  },
  (t) => [
    tenantPrimaryKey('saved_views_pkey', t.id),
    index('saved_views_live_idx')
      .on(t.organisationId, t.name)
      .where(sql`deleted_at IS NULL`),
    check('saved_views_name_check', sql`btrim(${t.name}) <> '' AND length(${t.name}) <= 100`),
    check('saved_views_path_check', sql`${t.path} ~ '^/[a-z0-9/_-]*$' AND length(${t.path}) <= 200`),
    check('saved_views_query_check', sql`length(${t.query}) <= 2000`),
    check('saved_views_deleted_check', sql`(${t.deletedAt} IS NULL) = (${t.deletedBy} IS NULL)`),
  ],
);

export type SavedView = typeof savedViews.$inferSelect;
