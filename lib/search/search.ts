import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { SEARCH_DOCUMENTS, type SearchTable } from '../db/schema/search';
import { rowsOf } from '../db/sql';
import { entityHref } from '../links/entity-href';
import { SEARCH_KINDS, type SearchHit, type SearchKind } from './kinds';
import { searchWords } from './words';

interface Source {
  kind: SearchKind;
  table: SearchTable;
  id: string;
  title: string;
  /** A second column a page link needs (a planning card's project). */
  scope?: string;
}

// Each source's id and title are the parts of its search document (lib/db/schema/search.ts).
const SOURCES: Source[] = [
  { kind: 'program', table: 'programs', id: 'id', title: 'name' },
  { kind: 'product', table: 'products', id: 'id', title: 'name' },
  { kind: 'feature', table: 'features', id: 'id', title: 'name' },
  { kind: 'release', table: 'releases', id: 'id', title: 'name' },
  { kind: 'roadmap', table: 'roadmap_items', id: 'id', title: 'title' },
  { kind: 'cr', table: 'change_requests', id: 'id', title: 'title' },
  { kind: 'bug', table: 'bugs', id: 'id', title: 'title' },
  { kind: 'task', table: 'tasks', id: 'task_id::text', title: 'name' },
  { kind: 'card', table: 'card', id: 'id::text', title: 'title', scope: 'project_id::text' },
  { kind: 'blocker', table: 'blockers', id: 'id', title: `coalesce(title, '')` },
  { kind: 'builder', table: 'builders', id: 'builder_id', title: 'builder_type_key' },
  { kind: 'standard', table: 'standards', id: 'id', title: 'name' },
];

const PER_KIND = 5;
export const MAX_RESULTS = 20;

export const searchInput = z
  .object({
    q: z.string().trim().max(200, 'A search is at most 200 characters.'),
    limit: z.coerce.number().int().min(1).max(MAX_RESULTS).optional(),
  })
  .strict();
export type SearchInput = z.infer<typeof searchInput>;

const likePattern = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function hrefOf(kind: SearchKind, id: string, title: string, scope: string | null): string {
  switch (kind) {
    case 'card':
      return `/board?kind=card&scope=${encodeURIComponent(`project:${scope ?? ''}`)}&q=${encodeURIComponent(title.slice(0, 200))}`;
    case 'standard':
      return '/settings/standards';
    default:
      return entityHref(kind, id);
  }
}

function sourceQuery(source: Source, words: string[], q: string): SQL {
  const document = sql.raw(`(${SEARCH_DOCUMENTS[source.table]})`);
  const id = sql.raw(source.id);
  const title = sql.raw(source.title);
  const patterns = sql`ARRAY[${sql.join(
    words.map((word) => sql`${`%${likePattern(word)}%`}`),
    sql`, `,
  )}]::text[]`;
  const prefix = `${likePattern(q)}%`;
  // search_candidates (migration 0039) probes the trigram index for this table's best ids; the
  // rows themselves are read here, as the member, under the table's policy.
  return sql`(SELECT ${source.kind}::text AS kind, ${id} AS id, ${title} AS title, ${sql.raw(source.scope ?? 'NULL::text')} AS scope,
      CASE WHEN lower(${id}) = ${q} THEN 0 WHEN lower(${title}) = ${q} THEN 1
           WHEN ${id} ILIKE ${prefix} OR ${title} ILIKE ${prefix} THEN 2 ELSE 3 END AS rank,
      ${document} AS document, ${SEARCH_KINDS.indexOf(source.kind)} AS kind_order
    FROM ${sql.raw(source.table)}
    WHERE deleted_at IS NULL AND ${id} IN (SELECT c.id FROM search_candidates(${source.table}, ${patterns}, ${q}, ${prefix}, ${PER_KIND}) AS c))`;
}

/**
 * Finds live programs, products, features, releases, roadmap items, change requests, bugs,
 * Foreman tasks, planning cards, blockers, builders and standards by id or by words of their
 * title: every word must appear (in any order, any case). An exact id ranks first, then an exact
 * title, then a prefix, then trigram similarity. Each table gives its best five by those ranks and
 * the shortest title (cheap for a word that matches thousands of rows at scale L), found through
 * its trigram index by search_candidates (migration 0039: under row-level security the planner
 * would not use the index); similarity() then orders only those. The rows are read in `tx`, the
 * member's organisation transaction, so row-level security shows only that organisation's rows.
 */
export async function searchEntities(tx: Database, { q, limit = MAX_RESULTS }: SearchInput): Promise<SearchHit[]> {
  const query = q.trim().toLowerCase();
  const words = searchWords(query);
  if (words.length === 0) return [];
  const union = sql.join(
    SOURCES.map((source) => sourceQuery(source, words, query)),
    sql` UNION ALL `,
  );
  const rows = rowsOf<{ kind: SearchKind; id: string; title: string; scope: string | null }>(
    await tx.execute(
      sql`SELECT kind, id, title, scope FROM (${union}) AS hits ORDER BY rank, similarity(document, ${query}) DESC, kind_order, id LIMIT ${limit}`,
    ),
  );
  return rows.map((row) => ({ kind: row.kind, id: row.id, title: row.title || row.id, href: hrefOf(row.kind, row.id, row.title, row.scope) }));
}

/** The palette's search for a member (pages and tests); actions receive `tx` from the wrapper. */
export function searchForMember(member: OrganisationCaller, input: SearchInput): Promise<SearchHit[]> {
  return withOrganisation(member.organisationId, (tx) => searchEntities(tx, input));
}
