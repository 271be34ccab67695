import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { getDomainTerms, getTermLookup, type Term, type TermLookup } from '../portfolio/terminology';
import { KIND_SQL, ownerName, scopePredicate } from './kind-sql';
import { KINDS, type BoardFilters, type BoardKind, type BoardScope } from './kinds';
import type { BoardCard, BoardChanges, BoardColumn, BoardData } from './types';

/** Cards per column in the first screen and in each further page. */
export const FIRST_PAGE = 40;
export const NEXT_PAGE = 100;
/** A poll asks for changes a little before its last read: a transaction that began earlier may commit later. */
const POLL_OVERLAP = sql`interval '30 seconds'`;
/** More changes than this since a poll's last read: the board reads itself afresh instead. */
const CHANGES_LIMIT = 500;

export interface BoardQuery {
  kind: BoardKind;
  scope: BoardScope;
  filters: BoardFilters;
}

export class UnknownScopeError extends Error {}

interface CardRow {
  id: string;
  title: string;
  status: string;
  rank: number;
  version: number;
  owner: string | null;
  owner_name: string | null;
  size: string | null;
  type_key: string | null;
  phase_key: string | null;
  severity_key: string | null;
  priority: number | null;
  progress: number | null;
  detail: string | null;
  blockers: number;
  dependencies: number;
  waiting_on: number;
  evidence: number;
  status_changed_at: number;
}

/** The card's columns, for `SELECT … FROM <table> i`. */
export function cardColumns(kind: BoardKind): SQL {
  const k = KIND_SQL[kind];
  return sql`${k.id} AS id, ${k.title} AS title, ${k.status} AS status, ${k.rank}::float8 AS rank, ${k.rowVersion} AS version,
    ${k.owner ?? sql`NULL::text`} AS owner, ${ownerName(k.owner)} AS owner_name, ${k.extras},
    (${k.blockers})::int AS blockers, (${k.dependencies})::int AS dependencies, (${k.waitingOn})::int AS waiting_on, (${k.evidence})::int AS evidence,
    (extract(epoch from ${k.statusChangedAt}) * 1000)::float8 AS status_changed_at`;
}

export const LABEL_DOMAINS = ['cr_type', 'roadmap_item_type', 'roadmap_phase', 'bug_severity'];

export function toCard(kind: BoardKind, row: CardRow, term: TermLookup): BoardCard {
  const labels: string[] = [];
  if (row.type_key) labels.push(term(kind === 'cr' ? 'cr_type' : 'roadmap_item_type', row.type_key).label);
  if (row.size) labels.push(`Size ${row.size}`);
  if (row.phase_key) labels.push(term('roadmap_phase', row.phase_key).label);
  if (row.severity_key) labels.push(term('bug_severity', row.severity_key).label);
  if (row.priority !== null && row.priority > 0) labels.push(`P${row.priority}`);
  if (row.detail) {
    const prefix = { cr: 'Target ', roadmap: 'Due ', bug: 'In ', card: 'Build ', task: '' }[kind];
    labels.push(`${prefix}${row.detail}`);
  }
  return {
    id: row.id,
    title: row.title,
    status: row.status,
    rank: Number(row.rank),
    version: Number(row.version),
    owner: row.owner,
    ownerName: row.owner_name,
    labels,
    progress: row.progress === null ? null : Number(row.progress),
    blockers: Number(row.blockers),
    dependencies: Number(row.dependencies),
    waitingOn: Number(row.waiting_on),
    evidence: Number(row.evidence),
    statusChangedAt: Number(row.status_changed_at),
  };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE conditions of a board: organisation, live rows, scope, filters. */
export function boardConditions(organisationId: string, query: BoardQuery, { live = true } = {}): SQL {
  const scope = scopePredicate(query.kind, query.scope);
  if (!scope) throw new UnknownScopeError(`A ${KINDS[query.kind].noun} board cannot be scoped to ${query.scope.type} ${query.scope.id}.`);
  const k = KIND_SQL[query.kind];
  const parts: SQL[] = [sql`${k.organisationId} = ${organisationId}`, scope];
  if (live) parts.push(sql`${k.deletedAt} IS NULL`);
  parts.push(...filterConditions(query));
  return sql.join(parts, sql` AND `);
}

function filterConditions({ kind, filters }: BoardQuery): SQL[] {
  const k = KIND_SQL[kind];
  const parts: SQL[] = [];
  // An owner is asked for by its stored value or by the name the card shows.
  if (filters.owner && k.owner) parts.push(sql`(${k.owner} = ${filters.owner} OR ${ownerName(k.owner)} = ${filters.owner})`);
  for (const key of ['type', 'size', 'severity', 'phase'] as const) {
    const column = k.filterColumns[key];
    const value = filters[key];
    if (column && value) parts.push(sql`${column} = ${value}`);
  }
  if (filters.q) parts.push(sql`${k.title} ILIKE ${`%${escapeLike(filters.q)}%`}`);
  return parts;
}

/** A board's columns: its status domain, in order. */
export function getStatusTerms(db: Database, kind: BoardKind): Promise<Term[]> {
  return getDomainTerms(db, KINDS[kind].statusDomain);
}

async function readClock(db: Database): Promise<number> {
  const [row] = rowsOf<{ now: number }>(await db.execute(sql`SELECT (extract(epoch from now()) * 1000)::float8 AS now`));
  return Number(row!.now);
}

async function countByStatus(db: Database, organisationId: string, query: BoardQuery): Promise<Record<string, number>> {
  const k = KIND_SQL[query.kind];
  const rows = rowsOf<{ status: string; count: number }>(
    await db.execute(sql`SELECT ${k.status} AS status, count(*)::int AS count
                         FROM ${k.from} WHERE ${boardConditions(organisationId, query)} GROUP BY 1`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.count)]));
}

/** The first screen of a board: every column with its count and first cards, in one round trip each. */
export async function getBoard(db: Database, { organisationId, ...query }: BoardQuery & { organisationId: string }): Promise<BoardData> {
  const k = KIND_SQL[query.kind];
  const [terms, term, readAt] = [await getStatusTerms(db, query.kind), await getTermLookup(db, LABEL_DOMAINS), await readClock(db)];
  const counts = await countByStatus(db, organisationId, query);
  const statuses = sql.join(
    terms.map((t, n) => sql`(${n}, ${t.key})`),
    sql`, `,
  );
  const rows = terms.length
    ? rowsOf<CardRow>(
        await db.execute(sql`SELECT c.* FROM (VALUES ${statuses}) AS s(ord, status)
          CROSS JOIN LATERAL (
            SELECT ${cardColumns(query.kind)} FROM ${k.from}
            WHERE ${boardConditions(organisationId, query)} AND ${k.status} = s.status
            ORDER BY ${k.rank}, ${k.key} LIMIT ${FIRST_PAGE}
          ) c ORDER BY s.ord`),
      )
    : [];
  const columns: BoardColumn[] = terms.map(({ key, label }) => {
    const cards = rows.filter((r) => r.status === key).map((r) => toCard(query.kind, r, term));
    const count = counts[key] ?? 0;
    return { key, label, count, cards, hasMore: count > cards.length };
  });
  return { kind: query.kind, scope: query.scope, filters: query.filters, columns, readAt };
}

/** The next cards of one column, after the last loaded one (by rank, then id). */
export async function getColumnPage(
  db: Database,
  {
    organisationId,
    status,
    after,
    limit = NEXT_PAGE,
    ...query
  }: BoardQuery & { organisationId: string; status: string; after: { rank: number; id: string } | null; limit?: number },
): Promise<{ cards: BoardCard[]; hasMore: boolean }> {
  const k = KIND_SQL[query.kind];
  const term = await getTermLookup(db, LABEL_DOMAINS);
  const rank = k.rank;
  const id = k.id;
  // `rank >= x` first, so that the index bounds the range; the OR only breaks ties.
  const cursor = after ? sql`AND ${rank} >= ${after.rank} AND (${rank} > ${after.rank} OR ${id} > ${after.id})` : sql``;
  const rows = rowsOf<CardRow>(
    await db.execute(sql`SELECT ${cardColumns(query.kind)} FROM ${k.from}
      WHERE ${boardConditions(organisationId, query)} AND ${k.status} = ${status} ${cursor}
      ORDER BY ${rank}, ${k.key} LIMIT ${limit + 1}`),
  );
  return { cards: rows.slice(0, limit).map((r) => toCard(query.kind, r, term)), hasMore: rows.length > limit };
}

/** What changed on a board since a poll's last read: the cards (with whether they still show) and fresh counts. */
export async function getBoardChanges(
  db: Database,
  { organisationId, since, ...query }: BoardQuery & { organisationId: string; since: number },
): Promise<BoardChanges> {
  const k = KIND_SQL[query.kind];
  const readAt = await readClock(db);
  const term = await getTermLookup(db, LABEL_DOMAINS);
  const filters = filterConditions(query);
  const visible = sql.join([sql`${k.deletedAt} IS NULL`, ...filters], sql` AND `);
  const rows = rowsOf<CardRow & { visible: boolean }>(
    await db.execute(sql`SELECT ${cardColumns(query.kind)}, (${visible}) AS visible FROM ${k.from}
      WHERE ${boardConditions(organisationId, { ...query, filters: {} }, { live: false })}
        AND ${k.updatedAt} > to_timestamp(${since / 1000}) - ${POLL_OVERLAP}
      ORDER BY ${k.updatedAt} LIMIT ${CHANGES_LIMIT + 1}`),
  );
  const counts = await countByStatus(db, organisationId, query);
  return {
    changes: rows.slice(0, CHANGES_LIMIT).map((r) => ({ card: toCard(query.kind, r, term), visible: Boolean(r.visible) })),
    counts,
    readAt,
    truncated: rows.length > CHANGES_LIMIT,
  };
}
