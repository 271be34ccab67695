import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { CasingCache } from 'drizzle-orm/casing';
import { alias, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

import {
  blockers as blockersTable,
  bugs,
  cards,
  changeRequests,
  crDependencies,
  evidence as evidenceTable,
  evidenceTrail,
  features,
  products,
  roadmapDependencies,
  roadmapItems,
  tasks,
  users,
  waves,
} from '../db/schema';
import type { BoardKind, BoardScope, ScopeType } from './kinds';

/**
 * The SQL behind each kind of board: its table (aliased `i`), columns and scopes. Every table and
 * column comes from the Drizzle schema, so renaming one there fails the type check here; values
 * from callers travel only as parameters.
 */
export interface KindSql {
  /** The table with its alias: `FROM ${k.from}`, `UPDATE ${k.from} SET …`. */
  from: SQL;
  /** The columns below belong to the alias `i`. */
  organisationId: PgColumn;
  deletedAt: PgColumn;
  updatedAt: PgColumn;
  rowVersion: PgColumn;
  statusChangedAt: PgColumn;
  /** The key column (tasks call it task_id). */
  key: PgColumn;
  /** The key as text. */
  id: SQL;
  /** The title column (tasks call it name). */
  title: PgColumn;
  status: PgColumn;
  rank: PgColumn;
  /** Who the item is assigned to: `user:<userId>`, `agent:<builderId>`, a builder id (tasks), or free text. */
  owner: PgColumn | null;
  description: PgColumn | null;
  /** Columns the card shows besides the common ones, as `… AS name`. */
  extras: SQL;
  blockers: SQL;
  dependencies: SQL;
  waitingOn: SQL;
  evidence: SQL;
  /** Filter columns by filter key. */
  filterColumns: Partial<Record<'type' | 'size' | 'severity' | 'phase', PgColumn>>;
  /** Entity type of entity_versions, when history is kept for this kind. */
  versionEntity: string | null;
  scope: Partial<Record<ScopeType, (id: string) => SQL>>;
}

const ZERO = sql`0`;
const I = sql.identifier('i');
const casing = new CasingCache('snake_case');

/** A column's bare name, for `SET name = …` (PostgreSQL refuses a qualified one there). */
export function columnName(column: PgColumn): SQL {
  return sql`${sql.identifier(casing.getColumnCasing(column))}`;
}

const cr = alias(changeRequests, 'i');
const crEdge = alias(crDependencies, 'd');
const crPrerequisite = alias(changeRequests, 'p');
const roadmap = alias(roadmapItems, 'i');
const roadmapEdge = alias(roadmapDependencies, 'd');
const roadmapPrerequisite = alias(roadmapItems, 'p');
const task = alias(tasks, 'i');
const card = alias(cards, 'i');
const bug = alias(bugs, 'i');
const b = alias(blockersTable, 'b');
const e = alias(evidenceTable, 'e');
const et = alias(evidenceTrail, 'e');
const f = alias(features, 'f');
const p = alias(products, 'p');
const w = alias(waves, 'w');

const common = (table: PgTable, i: typeof cr | typeof roadmap | typeof task | typeof card | typeof bug) => ({
  from: sql`${table} ${I}`,
  organisationId: i.organisationId,
  deletedAt: i.deletedAt,
  updatedAt: i.updatedAt,
  rowVersion: i.rowVersion,
  statusChangedAt: i.statusChangedAt,
});

const extras = (x: { size?: SQL; type?: SQL; phase?: SQL; severity?: SQL; priority?: SQL; progress?: SQL; detail?: SQL }) =>
  sql`${x.size ?? sql`NULL::text`} AS size, ${x.type ?? sql`NULL::text`} AS type_key, ${x.phase ?? sql`NULL::text`} AS phase_key,
      ${x.severity ?? sql`NULL::text`} AS severity_key, ${x.priority ?? sql`NULL::int`} AS priority, ${x.progress ?? sql`NULL::int`} AS progress,
      ${x.detail ?? sql`NULL::text`} AS detail`;

export const KIND_SQL: Record<BoardKind, KindSql> = {
  cr: {
    ...common(changeRequests, cr),
    key: cr.id,
    id: sql`${cr.id}`,
    title: cr.title,
    status: cr.statusKey,
    rank: cr.boardRank,
    owner: cr.owner,
    description: cr.description,
    extras: extras({ size: sql`${cr.size}`, type: sql`${cr.typeKey}`, detail: sql`${cr.targetVersion}` }),
    blockers: ZERO,
    dependencies: sql`(SELECT count(*) FROM ${crDependencies} d WHERE ${crEdge.organisationId} = ${cr.organisationId} AND ${crEdge.crId} = ${cr.id})`,
    waitingOn: sql`(SELECT count(*) FROM ${crDependencies} d
                    JOIN ${changeRequests} p ON ${crPrerequisite.organisationId} = ${crEdge.organisationId} AND ${crPrerequisite.id} = ${crEdge.dependsOnId}
                    WHERE ${crEdge.organisationId} = ${cr.organisationId} AND ${crEdge.crId} = ${cr.id} AND ${crEdge.dependencyType} = 'blocks'
                      AND ${crPrerequisite.statusKey} <> 'done' AND ${crPrerequisite.deletedAt} IS NULL)`,
    evidence: ZERO,
    filterColumns: { type: cr.typeKey, size: cr.size },
    versionEntity: 'cr',
    scope: {
      product: (id) => sql`${cr.productId} = ${id}`,
      program: (id) =>
        sql`${cr.productId} IN (SELECT ${p.id} FROM ${products} p WHERE ${p.organisationId} = ${cr.organisationId} AND ${p.programId} = ${id} AND ${p.deletedAt} IS NULL)`,
    },
  },
  roadmap: {
    ...common(roadmapItems, roadmap),
    key: roadmap.id,
    id: sql`${roadmap.id}`,
    title: roadmap.title,
    status: roadmap.statusKey,
    rank: roadmap.boardRank,
    owner: roadmap.owner,
    description: roadmap.description,
    extras: extras({ type: sql`${roadmap.itemType}`, phase: sql`${roadmap.phaseKey}`, detail: sql`${roadmap.targetDate}::text` }),
    blockers: sql`(SELECT count(*) FROM ${blockersTable} b WHERE ${b.organisationId} = ${roadmap.organisationId} AND ${b.workId} = ${roadmap.id} AND ${b.resolvedAt} IS NULL)`,
    dependencies: sql`(SELECT count(*) FROM ${roadmapDependencies} d WHERE ${roadmapEdge.organisationId} = ${roadmap.organisationId} AND ${roadmapEdge.itemId} = ${roadmap.id})`,
    waitingOn: sql`(SELECT count(*) FROM ${roadmapDependencies} d
                    JOIN ${roadmapItems} p ON ${roadmapPrerequisite.organisationId} = ${roadmapEdge.organisationId} AND ${roadmapPrerequisite.id} = ${roadmapEdge.dependsOnId}
                    WHERE ${roadmapEdge.organisationId} = ${roadmap.organisationId} AND ${roadmapEdge.itemId} = ${roadmap.id}
                      AND ${roadmapEdge.dependencyType} = 'blocks' AND ${roadmapPrerequisite.statusKey} <> 'completed')`,
    evidence: sql`(SELECT count(*) FROM ${evidenceTable} e WHERE ${e.organisationId} = ${roadmap.organisationId} AND ${e.workId} = ${roadmap.id})`,
    filterColumns: { type: roadmap.itemType, phase: roadmap.phaseKey },
    versionEntity: 'roadmap_item',
    scope: {
      program: (id) => sql`${roadmap.programId} = ${id}`,
      product: (id) => sql`${roadmap.productId} = ${id}`,
    },
  },
  task: {
    ...common(tasks, task),
    key: task.taskId,
    id: sql`${task.taskId}::text`,
    title: task.name,
    status: task.state,
    rank: task.boardRank,
    owner: task.assignedBuilder,
    description: null,
    extras: extras({ progress: sql`${task.progressPercentage}` }),
    blockers: sql`(SELECT count(*) FROM ${blockersTable} b WHERE ${b.organisationId} = ${task.organisationId} AND ${b.entityType} = 'task'
                   AND ${b.entityId} = ${task.taskId}::text AND ${b.resolvedAt} IS NULL)`,
    dependencies: ZERO,
    waitingOn: ZERO,
    evidence: sql`(SELECT count(*) FROM ${evidenceTrail} e WHERE ${et.organisationId} = ${task.organisationId} AND ${et.entityType} = 'task' AND ${et.entityId} = ${task.taskId}::text)`,
    filterColumns: {},
    versionEntity: null,
    scope: {
      wave: (id) => sql`${task.waveId} = ${id}::uuid`,
      program: (id) =>
        sql`${task.waveId} IN (SELECT ${w.waveId} FROM ${waves} w WHERE ${w.organisationId} = ${task.organisationId} AND ${w.programId} = ${id} AND ${w.deletedAt} IS NULL)`,
    },
  },
  card: {
    ...common(cards, card),
    key: card.id,
    id: sql`${card.id}::text`,
    title: card.title,
    status: card.status,
    rank: card.rank,
    owner: null,
    description: card.description,
    extras: extras({ priority: sql`${card.priority}`, detail: sql`${card.buildState}` }),
    blockers: ZERO,
    dependencies: ZERO,
    waitingOn: ZERO,
    evidence: ZERO,
    filterColumns: {},
    versionEntity: null,
    scope: {
      project: (id) => sql`${card.projectId} = ${id}::uuid`,
    },
  },
  bug: {
    ...common(bugs, bug),
    key: bug.id,
    id: sql`${bug.id}`,
    title: bug.title,
    status: bug.statusKey,
    rank: bug.boardRank,
    owner: bug.assignedTo,
    description: bug.description,
    extras: extras({ severity: sql`${bug.severityKey}`, detail: sql`${bug.featureVersion}` }),
    blockers: ZERO,
    dependencies: ZERO,
    waitingOn: ZERO,
    evidence: ZERO,
    filterColumns: { severity: bug.severityKey },
    versionEntity: 'bug',
    scope: {
      product: (id) =>
        sql`${bug.featureId} IN (SELECT ${f.id} FROM ${features} f WHERE ${f.organisationId} = ${bug.organisationId} AND ${f.productId} = ${id} AND ${f.deletedAt} IS NULL)`,
      program: (id) =>
        sql`${bug.featureId} IN (SELECT ${f.id} FROM ${features} f JOIN ${products} p ON ${p.organisationId} = ${f.organisationId} AND ${p.id} = ${f.productId}
                                 WHERE ${f.organisationId} = ${bug.organisationId} AND ${p.programId} = ${id} AND ${f.deletedAt} IS NULL AND ${p.deletedAt} IS NULL)`,
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
  const column = KIND_SQL[kind].key;
  if (kind === 'task' || kind === 'card') return UUID.test(id) ? sql`${column} = ${id}::uuid` : sql`false`;
  return sql`${column} = ${id}`;
}

const u = alias(users, 'u');

/**
 * How an owner value reads on a card (docs/schema-map.md, "Owners of work items"): a member's
 * name for `user:<userId>` (the policy on user shows only members of this organisation: anyone
 * else reads as a former member), the builder id for `agent:<builderId>`, anything else as it is.
 */
export function ownerName(owner: PgColumn | null): SQL {
  if (!owner) return sql`NULL::text`;
  return sql`CASE WHEN ${owner} LIKE 'user:%' THEN coalesce((SELECT ${u.name} FROM ${users} u WHERE ${u.id} = substr(${owner}, 6)), 'Former member')
                  WHEN ${owner} LIKE 'agent:%' THEN substr(${owner}, 7)
                  ELSE ${owner} END`;
}
