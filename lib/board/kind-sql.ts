import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { BoardKind, BoardScope, ScopeType } from './kinds';

/**
 * The SQL behind each kind of board: its table (aliased `i`), columns and scopes. Every fragment
 * here is a constant of the code; values from callers travel only as parameters.
 */
export interface KindSql {
  table: string;
  idColumn: string;
  /** The id as text. */
  id: string;
  /** The title column (tasks call it name). */
  titleColumn: string;
  statusColumn: string;
  rankColumn: string;
  owner: string | null;
  /** Columns the card shows besides the common ones, as `… AS name`. */
  extras: string;
  blockers: string;
  dependencies: string;
  waitingOn: string;
  evidence: string;
  /** Filter columns by filter key. */
  filterColumns: Partial<Record<'type' | 'size' | 'severity' | 'phase', string>>;
  /** Entity type of entity_versions, when history is kept for this kind. */
  versionEntity: string | null;
  scope: Partial<Record<ScopeType, (id: string) => SQL>>;
}

const ZERO = '0';

export const KIND_SQL: Record<BoardKind, KindSql> = {
  cr: {
    table: 'change_requests',
    titleColumn: 'title',
    idColumn: 'id',
    id: 'i.id',
    statusColumn: 'status_key',
    rankColumn: 'board_rank',
    owner: 'i.owner',
    extras: `i.size AS size, i.type_key AS type_key, NULL::text AS phase_key, NULL::text AS severity_key, NULL::int AS priority, NULL::int AS progress, i.target_version AS detail`,
    blockers: ZERO,
    dependencies: `(SELECT count(*) FROM cr_dependencies d WHERE d.organisation_id = i.organisation_id AND d.cr_id = i.id)`,
    waitingOn: `(SELECT count(*) FROM cr_dependencies d JOIN change_requests p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
                 WHERE d.organisation_id = i.organisation_id AND d.cr_id = i.id AND d.dependency_type = 'blocks' AND p.status_key <> 'done' AND p.deleted_at IS NULL)`,
    evidence: ZERO,
    filterColumns: { type: 'i.type_key', size: 'i.size' },
    versionEntity: 'cr',
    scope: {
      product: (id) => sql`i.product_id = ${id}`,
      program: (id) =>
        sql`i.product_id IN (SELECT p.id FROM products p WHERE p.organisation_id = i.organisation_id AND p.program_id = ${id} AND p.deleted_at IS NULL)`,
    },
  },
  roadmap: {
    table: 'roadmap_items',
    titleColumn: 'title',
    idColumn: 'id',
    id: 'i.id',
    statusColumn: 'status_key',
    rankColumn: 'board_rank',
    owner: 'i.owner',
    extras: `NULL::text AS size, i.item_type AS type_key, i.phase_key AS phase_key, NULL::text AS severity_key, NULL::int AS priority, NULL::int AS progress, i.target_date::text AS detail`,
    blockers: `(SELECT count(*) FROM blockers b WHERE b.organisation_id = i.organisation_id AND b.work_id = i.id AND b.resolved_at IS NULL)`,
    dependencies: `(SELECT count(*) FROM roadmap_dependencies d WHERE d.organisation_id = i.organisation_id AND d.item_id = i.id)`,
    waitingOn: `(SELECT count(*) FROM roadmap_dependencies d JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
                 WHERE d.organisation_id = i.organisation_id AND d.item_id = i.id AND d.dependency_type = 'blocks' AND p.status_key <> 'completed')`,
    evidence: `(SELECT count(*) FROM evidence e WHERE e.organisation_id = i.organisation_id AND e.work_id = i.id)`,
    filterColumns: { type: 'i.item_type', phase: 'i.phase_key' },
    versionEntity: 'roadmap_item',
    scope: {
      program: (id) => sql`i.program_id = ${id}`,
      product: (id) => sql`i.product_id = ${id}`,
    },
  },
  task: {
    table: 'tasks',
    titleColumn: 'name',
    idColumn: 'task_id',
    id: 'i.task_id::text',
    statusColumn: 'state',
    rankColumn: 'board_rank',
    owner: 'i.assigned_builder',
    extras: `NULL::text AS size, NULL::text AS type_key, NULL::text AS phase_key, NULL::text AS severity_key, NULL::int AS priority, i.progress_percentage AS progress, NULL::text AS detail`,
    blockers: `(SELECT count(*) FROM blockers b WHERE b.organisation_id = i.organisation_id AND b.entity_type = 'task' AND b.entity_id = i.task_id::text AND b.resolved_at IS NULL)`,
    dependencies: ZERO,
    waitingOn: ZERO,
    evidence: `(SELECT count(*) FROM evidence_trail e WHERE e.organisation_id = i.organisation_id AND e.entity_type = 'task' AND e.entity_id = i.task_id::text)`,
    filterColumns: {},
    versionEntity: null,
    scope: {
      wave: (id) => sql`i.wave_id = ${id}::uuid`,
      program: (id) =>
        sql`i.wave_id IN (SELECT w.wave_id FROM waves w WHERE w.organisation_id = i.organisation_id AND w.program_id = ${id} AND w.deleted_at IS NULL)`,
    },
  },
  card: {
    table: 'card',
    titleColumn: 'title',
    idColumn: 'id',
    id: 'i.id::text',
    statusColumn: 'status',
    rankColumn: 'rank',
    owner: null,
    extras: `NULL::text AS size, NULL::text AS type_key, NULL::text AS phase_key, NULL::text AS severity_key, i.priority AS priority, NULL::int AS progress, i.build_state AS detail`,
    blockers: ZERO,
    dependencies: ZERO,
    waitingOn: ZERO,
    evidence: ZERO,
    filterColumns: {},
    versionEntity: null,
    scope: {
      project: (id) => sql`i.project_id = ${id}::uuid`,
    },
  },
  bug: {
    table: 'bugs',
    titleColumn: 'title',
    idColumn: 'id',
    id: 'i.id',
    statusColumn: 'status_key',
    rankColumn: 'board_rank',
    owner: 'i.assigned_to',
    extras: `NULL::text AS size, NULL::text AS type_key, NULL::text AS phase_key, i.severity_key AS severity_key, NULL::int AS priority, NULL::int AS progress, i.feature_version AS detail`,
    blockers: ZERO,
    dependencies: ZERO,
    waitingOn: ZERO,
    evidence: ZERO,
    filterColumns: { severity: 'i.severity_key' },
    versionEntity: 'bug',
    scope: {
      product: (id) =>
        sql`i.feature_id IN (SELECT f.id FROM features f WHERE f.organisation_id = i.organisation_id AND f.product_id = ${id} AND f.deleted_at IS NULL)`,
      program: (id) =>
        sql`i.feature_id IN (SELECT f.id FROM features f JOIN products p ON p.organisation_id = f.organisation_id AND p.id = f.product_id
                             WHERE f.organisation_id = i.organisation_id AND p.program_id = ${id} AND f.deleted_at IS NULL AND p.deleted_at IS NULL)`,
    },
  },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The scope's predicate, or null when this kind has no such scope or the id cannot exist. */
export function scopePredicate(kind: BoardKind, scope: BoardScope): SQL | null {
  const build = KIND_SQL[kind].scope[scope.type];
  if (!build) return null;
  if ((scope.type === 'wave' || scope.type === 'project') && !UUID.test(scope.id)) return null;
  return build(scope.id);
}

/** The key column compared with a caller's id, as the primary key can use it; a malformed uuid matches nothing. */
export function idEquals(kind: BoardKind, id: string): SQL {
  const column = sql.raw(`i.${KIND_SQL[kind].idColumn}`);
  if (kind === 'task' || kind === 'card') return UUID.test(id) ? sql`${column} = ${id}::uuid` : sql`false`;
  return sql`${column} = ${id}`;
}
