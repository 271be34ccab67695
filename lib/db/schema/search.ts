import { sql } from 'drizzle-orm';
import { index } from 'drizzle-orm/pg-core';

import { isLive } from './columns';

/**
 * What the command palette searches in each table (migration 0039): the row's id and its title
 * as one text. Each table has a trigram GIN index on exactly this expression over its live rows,
 * and lib/search/search.ts matches `<document> ILIKE '%word%'` with the same text, so that the
 * planner finds the index (an expression index is used only when the query repeats it).
 */
export const SEARCH_DOCUMENTS = {
  programs: `id || ' ' || name`,
  products: `id || ' ' || name`,
  features: `id || ' ' || name`,
  releases: `id || ' ' || name`,
  change_requests: `id || ' ' || title`,
  bugs: `id || ' ' || title`,
  roadmap_items: `id || ' ' || title`,
  tasks: `task_id::text || ' ' || name`,
  card: `id::text || ' ' || title`,
  builders: `builder_id || ' ' || builder_type_key`,
  blockers: `id || ' ' || coalesce(title, '')`,
  standards: `id || ' ' || name`,
} as const;

export type SearchTable = keyof typeof SEARCH_DOCUMENTS;

/** The table's palette index: pg_trgm's GIN operator class on its search document, live rows only. */
export function searchIndex(table: SearchTable) {
  return index(`${table}_search_idx`)
    .using('gin', sql.raw(`(${SEARCH_DOCUMENTS[table]}) gin_trgm_ops`))
    .where(isLive);
}
