import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import { resolveActors } from '../organisations/actors';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { entityHref } from '../links/entity-href';
import { AGE_FILTERS, type DeskQuery, type SortKey } from './filters';
import type { TargetType } from './kinds';
import type { OrganisationCaller } from '../auth/identity';

export interface BlockerTarget {
  type: TargetType;
  id: string;
  label: string;
  /** The item's page, when Gantry has one. */
  href: string | null;
}

export interface BlockerRow {
  id: string;
  /** The classification (Foreman blockers) or, failing that, the reason code (kernel blockers). */
  kind: string | null;
  severity: string | null;
  title: string;
  description: string | null;
  needs: string | null;
  target: BlockerTarget;
  program: { id: string; name: string } | null;
  /** A program, wave or task blocker: resolving needs an action too (the Foreman form). */
  foreman: boolean;
  raisedBy: string;
  detectedAt: Date;
  escalatedTo: string | null;
  escalatedAt: Date | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolution: string | null;
  resolutionAction: string | null;
  /** How a resolved blocker was justified. */
  justification: 'waiver' | 'evidence' | null;
}

export interface BlockerPage {
  rows: BlockerRow[];
  /** Matching blockers, counted up to COUNT_CAP (`capped` past it). */
  total: number;
  capped: boolean;
  page: number;
  size: number;
}

export interface BlockerDesk {
  query: DeskQuery;
  /** Open blockers per classification or reason code, most first. */
  openByKind: { kind: string; count: number }[];
  openTotal: number;
  programs: { id: string; name: string }[];
  results: BlockerPage;
  /** When it was read (ms since the epoch): ages are counted from here, the same on server and browser. */
  asOf: number;
}

/** Counting stops here: the history can hold hundreds of thousands of rows; pages never need the exact figure. */
export const COUNT_CAP = 10_000;

interface RawRow {
  id: string;
  kind: string | null;
  severity: string | null;
  title: string | null;
  description: string | null;
  needs: string | null;
  task_id: string | null;
  task_name: string | null;
  wave_id: string | null;
  wave_name: string | null;
  wave_program_id: string | null;
  own_program_id: string | null;
  work_id: string | null;
  work_title: string | null;
  attempt_id: string | null;
  program_id: string | null;
  program_name: string | null;
  created_by: string;
  detected_at: Date | string;
  escalated_to: string | null;
  escalated_at: Date | string | null;
  resolved_at: Date | string | null;
  resolved_by: string | null;
  resolution: string | null;
  resolution_action: string | null;
  waived: boolean | null;
}

const toDate = (value: Date | string | null): Date | null => (value === null ? null : value instanceof Date ? value : new Date(value));

function targetOf(row: RawRow): BlockerTarget {
  if (row.task_id) return { type: 'task', id: row.task_id, label: row.task_name ?? row.task_id, href: entityHref('task', row.task_id) };
  if (row.wave_id) {
    const href = row.wave_program_id ? entityHref('wave', { programId: row.wave_program_id, waveId: row.wave_id }) : null;
    return { type: 'wave', id: row.wave_id, label: row.wave_name ?? row.wave_id, href };
  }
  if (row.own_program_id)
    return { type: 'program', id: row.own_program_id, label: row.program_name ?? row.own_program_id, href: entityHref('program', row.own_program_id) };
  const work = row.work_id ? entityHref('roadmap', row.work_id) : null;
  if (row.attempt_id) return { type: 'attempt', id: row.attempt_id, label: `${row.attempt_id} on ${row.work_id}`, href: work };
  return { type: 'roadmap_item', id: row.work_id ?? '', label: row.work_title ? `${row.work_id} · ${row.work_title}` : (row.work_id ?? ''), href: work };
}

function toRow(row: RawRow, who: (actor: string | null) => string): BlockerRow {
  const foreman = Boolean(row.task_id || row.wave_id || row.own_program_id);
  const resolvedAt = toDate(row.resolved_at);
  return {
    id: row.id,
    kind: row.kind,
    severity: row.severity,
    title: row.title ?? firstSentence(row.description ?? row.id),
    description: row.description,
    needs: row.needs,
    target: targetOf(row),
    program: row.program_id ? { id: row.program_id, name: row.program_name ?? row.program_id } : null,
    foreman,
    raisedBy: who(row.created_by),
    detectedAt: toDate(row.detected_at)!,
    escalatedTo: row.escalated_to,
    escalatedAt: toDate(row.escalated_at),
    resolvedAt,
    resolvedBy: row.resolved_by === null ? null : who(row.resolved_by),
    resolution: row.resolution,
    resolutionAction: row.resolution_action,
    justification: resolvedAt ? (row.waived ? 'waiver' : 'evidence') : null,
  };
}

function firstSentence(text: string): string {
  const sentence = /^[^.!?]*[.!?]?/.exec(text)?.[0] ?? text;
  return sentence.length > 120 ? `${sentence.slice(0, 117)}…` : sentence;
}

/** The filters of a desk query as SQL conditions on `b` (and `ri` when a program is chosen). */
function conditions(organisationId: string, query: DeskQuery): SQL[] {
  const where: SQL[] = [sql`b.organisation_id = ${organisationId}`, sql`b.deleted_at IS NULL`];
  where.push(query.tab === 'open' ? sql`b.resolved_at IS NULL` : sql`b.resolved_at IS NOT NULL`);
  if (query.kind) where.push(sql`(b.classification = ${query.kind} OR (b.classification IS NULL AND b.reason_code = ${query.kind}))`);
  if (query.severity) where.push(sql`b.severity = ${query.severity}`);
  if (query.age) where.push(sql`b.detected_at < now() - make_interval(hours => ${AGE_FILTERS[query.age]})`);
  if (query.program) where.push(sql`coalesce(b.program_id, ri.program_id) = ${query.program}`);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(b.title ILIKE ${like} OR b.description ILIKE ${like} OR b.needs ILIKE ${like} OR b.id ILIKE ${like} OR b.created_by ILIKE ${like})`);
  }
  return where;
}

const SORTS: Record<SortKey, SQL> = {
  detected: sql`b.detected_at`,
  severity: sql`CASE b.severity WHEN 'blocking' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`,
  kind: sql`coalesce(b.classification, b.reason_code)`,
  raisedBy: sql`b.created_by`,
  resolved: sql`b.resolved_at`,
};

function orderBy(query: DeskQuery): SQL {
  const sort = query.sort ?? (query.tab === 'open' ? 'detected' : 'resolved');
  const dir = query.dir ?? (sort === 'resolved' ? 'desc' : 'asc');
  const direction = dir === 'desc' ? sql`DESC` : sql`ASC`;
  const keys: SQL[] = [];
  if (query.group === 'kind' && sort !== 'kind') keys.push(sql`${SORTS.kind} ASC`);
  keys.push(sql`${SORTS[sort]} ${direction}`);
  // A stable order within equal keys, so pages neither repeat nor skip rows.
  const timeKey = query.tab === 'open' ? SORTS.detected : SORTS.resolved;
  if (sort !== 'detected' && sort !== 'resolved') keys.push(sql`${timeKey} ${query.tab === 'open' ? sql`ASC` : sql`DESC`}`);
  keys.push(sql`b.id ${direction}`);
  return sql.join(keys, sql`, `);
}

/** One page of the desk's table, with the total (capped) of what matches. */
export async function listBlockers(tx: Database, { organisationId, query }: { organisationId: string; query: DeskQuery }): Promise<BlockerPage> {
  const where = sql.join(conditions(organisationId, query), sql` AND `);
  const itemJoin = sql`LEFT JOIN roadmap_items ri ON ri.organisation_id = b.organisation_id AND ri.id = b.work_id`;
  const offset = (query.page - 1) * query.size;
  const waived =
    query.tab === 'history'
      ? sql`(EXISTS (SELECT 1 FROM decisions d WHERE d.organisation_id = b.organisation_id AND d.blocker_id = b.id AND d.decision_type = 'waiver')
             OR (b.work_id IS NOT NULL AND EXISTS (SELECT 1 FROM decisions d WHERE d.organisation_id = b.organisation_id AND d.work_id = b.work_id
                   AND d.decision_type = 'waiver' AND d.decided_at > b.created_at AND d.decided_at <= b.resolved_at)))`
      : sql`NULL::boolean`;
  const pageResult = await tx.execute(sql`
      SELECT b.id, coalesce(b.classification, b.reason_code) AS kind, b.severity, b.title, b.description, b.needs,
             b.task_id::text AS task_id, t.name AS task_name, b.wave_id::text AS wave_id, w.name AS wave_name, w.program_id AS wave_program_id,
             CASE WHEN b.task_id IS NULL AND b.wave_id IS NULL THEN b.program_id END AS own_program_id,
             b.work_id, ri.title AS work_title, b.attempt_id,
             coalesce(b.program_id, ri.program_id) AS program_id, p.name AS program_name,
             b.created_by, b.detected_at, b.escalated_to, b.escalated_at, b.resolved_at, b.resolved_by, b.resolution,
             b.resolution_action, ${waived} AS waived
        FROM blockers b
        ${itemJoin}
        LEFT JOIN tasks t ON t.organisation_id = b.organisation_id AND t.task_id = b.task_id
        LEFT JOIN waves w ON w.organisation_id = b.organisation_id AND w.wave_id = b.wave_id
        LEFT JOIN programs p ON p.organisation_id = b.organisation_id AND p.id = coalesce(b.program_id, ri.program_id)
       WHERE ${where}
       ORDER BY ${orderBy(query)}
       LIMIT ${query.size} OFFSET ${offset}`);
  const countResult = await tx.execute(sql`
      SELECT count(*)::int AS n FROM (
        SELECT 1 FROM blockers b ${query.program ? itemJoin : sql``} WHERE ${where} LIMIT ${COUNT_CAP + 1}
      ) matching`);
  const total = rowsOf<{ n: number }>(countResult)[0]?.n ?? 0;
  const raw = rowsOf<RawRow>(pageResult);
  const who = await resolveActors(
    tx,
    raw.flatMap((r) => [r.created_by, r.resolved_by]),
  );
  return {
    rows: raw.map((r) => toRow(r, who)),
    total: Math.min(total, COUNT_CAP),
    capped: total > COUNT_CAP,
    page: query.page,
    size: query.size,
  };
}

/** Open blockers per classification or reason code (the partial indexes on open blockers serve it). */
export async function countOpenBlockersByKind(tx: Database, { organisationId }: { organisationId: string }) {
  const result = await tx.execute(sql`
    SELECT coalesce(classification, reason_code, 'unclassified') AS kind, count(*)::int AS count
      FROM blockers
     WHERE organisation_id = ${organisationId} AND resolved_at IS NULL AND deleted_at IS NULL
     GROUP BY 1 ORDER BY 2 DESC, 1`);
  return rowsOf<{ kind: string; count: number }>(result);
}

async function listPrograms(tx: Database, organisationId: string) {
  const result = await tx.execute(sql`
    SELECT id, name FROM programs WHERE organisation_id = ${organisationId} AND deleted_at IS NULL ORDER BY name, id`);
  return rowsOf<{ id: string; name: string }>(result);
}

/** Everything the blocker desk shows, read inside the organisation. */
export async function getBlockerDesk(member: OrganisationCaller, { query }: { query: DeskQuery }): Promise<BlockerDesk> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    // On PGlite a transaction holds the one connection: these run one after another anyway.
    const openByKind = await countOpenBlockersByKind(tx, { organisationId });
    const programs = await listPrograms(tx, organisationId);
    const results = await listBlockers(tx, { organisationId, query });
    return { asOf: Date.now(), query, openByKind, openTotal: openByKind.reduce((sum, k) => sum + k.count, 0), programs, results };
  });
}
