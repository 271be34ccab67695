import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { alias, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { bugs, cards, changeRequests, features, products, programs, projects, roadmapItems, tasks, waves } from '../db/schema';
import { formatScope, KINDS, type BoardKind, type BoardScope, type ScopeType } from './kinds';
import type { ScopeOption } from './types';

const p = alias(programs, 'p');
const d = alias(products, 'd');
const w = alias(waves, 'w');
const j = alias(projects, 'j');

const SCOPE_QUERIES: Record<ScopeType, (organisationId: string) => SQL> = {
  program: (org) => sql`SELECT ${p.id} AS id, ${p.name} AS label, 'Programs' AS grp FROM ${programs} p
                        WHERE ${p.organisationId} = ${org} AND ${p.deletedAt} IS NULL ORDER BY ${p.name}, ${p.id}`,
  product: (org) => sql`SELECT ${d.id} AS id, ${d.name} AS label, 'Products of ' || ${p.name} AS grp FROM ${products} d
                        JOIN ${programs} p ON ${p.organisationId} = ${d.organisationId} AND ${p.id} = ${d.programId}
                        WHERE ${d.organisationId} = ${org} AND ${d.deletedAt} IS NULL ORDER BY ${p.name}, ${d.name}, ${d.id}`,
  wave: (org) => sql`SELECT ${w.waveId}::text AS id, 'Wave ' || ${w.sequenceNumber} || ': ' || ${w.name} AS label, 'Waves of ' || ${p.name} AS grp
                     FROM ${waves} w JOIN ${programs} p ON ${p.organisationId} = ${w.organisationId} AND ${p.id} = ${w.programId}
                     WHERE ${w.organisationId} = ${org} AND ${w.deletedAt} IS NULL ORDER BY ${p.name}, ${w.sequenceNumber}`,
  project: (org) => sql`SELECT ${j.id}::text AS id, ${j.name} AS label, 'Projects' AS grp FROM ${projects} j
                        WHERE ${j.organisationId} = ${org} AND ${j.deletedAt} IS NULL ORDER BY ${j.name}, ${j.id}`,
};

/** What a board of this kind can be scoped to, in the order of KINDS[kind].scopes (the first is the default). */
export async function getScopeOptions(db: Database, { organisationId, kind }: { organisationId: string; kind: BoardKind }): Promise<ScopeOption[]> {
  const options: ScopeOption[] = [];
  for (const type of KINDS[kind].scopes) {
    const rows = rowsOf<{ id: string; label: string; grp: string }>(await db.execute(SCOPE_QUERIES[type](organisationId)));
    options.push(...rows.map((r) => ({ value: formatScope({ type, id: r.id }), label: r.label, group: r.grp })));
  }
  return options;
}

const SCOPE_TABLES: Record<ScopeType, { table: PgTable; organisationId: PgColumn; id: SQL; deletedAt: PgColumn }> = {
  program: { table: programs, organisationId: programs.organisationId, id: sql`${programs.id}`, deletedAt: programs.deletedAt },
  product: { table: products, organisationId: products.organisationId, id: sql`${products.id}`, deletedAt: products.deletedAt },
  wave: { table: waves, organisationId: waves.organisationId, id: sql`${waves.waveId}::text`, deletedAt: waves.deletedAt },
  project: { table: projects, organisationId: projects.organisationId, id: sql`${projects.id}::text`, deletedAt: projects.deletedAt },
};

/** Refuses a scope that is not a live program, product, wave or project of the caller's organisation. */
export async function assertScopeExists(db: Database, { organisationId, scope }: { organisationId: string; scope: BoardScope }): Promise<void> {
  const t = SCOPE_TABLES[scope.type];
  const [row] = rowsOf<{ found: number }>(
    await db.execute(sql`SELECT 1 AS found FROM ${t.table} WHERE ${t.organisationId} = ${organisationId} AND ${t.id} = ${scope.id} AND ${t.deletedAt} IS NULL`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${scope.type} ${scope.id} in this organisation.`);
}

const f = alias(features, 'f');
const pd = alias(products, 'p');
const cr = alias(changeRequests, 'i');
const roadmap = alias(roadmapItems, 'i');
const task = alias(tasks, 'i');
const card = alias(cards, 'i');
const bug = alias(bugs, 'i');

/** The board with the most live work of this kind: where the board opens for someone who has not opened one yet. */
const LARGEST: Record<BoardKind, (organisationId: string) => SQL> = {
  cr: (org) => sql`SELECT 'program:' || ${pd.programId} AS scope FROM ${changeRequests} i
                   JOIN ${products} p ON ${pd.organisationId} = ${cr.organisationId} AND ${pd.id} = ${cr.productId} AND ${pd.deletedAt} IS NULL
                   WHERE ${cr.organisationId} = ${org} AND ${cr.deletedAt} IS NULL GROUP BY ${pd.programId} ORDER BY count(*) DESC, 1 LIMIT 1`,
  roadmap: (org) => sql`SELECT 'program:' || ${roadmap.programId} AS scope FROM ${roadmapItems} i
                        WHERE ${roadmap.organisationId} = ${org} AND ${roadmap.deletedAt} IS NULL AND ${roadmap.programId} IS NOT NULL
                        GROUP BY ${roadmap.programId} ORDER BY count(*) DESC, 1 LIMIT 1`,
  task: (org) => sql`SELECT 'program:' || ${w.programId} AS scope FROM ${tasks} i
                     JOIN ${waves} w ON ${w.organisationId} = ${task.organisationId} AND ${w.waveId} = ${task.waveId} AND ${w.deletedAt} IS NULL
                     WHERE ${task.organisationId} = ${org} AND ${task.deletedAt} IS NULL GROUP BY ${w.programId} ORDER BY count(*) DESC, 1 LIMIT 1`,
  card: (org) => sql`SELECT 'project:' || ${card.projectId} AS scope FROM ${cards} i
                     WHERE ${card.organisationId} = ${org} AND ${card.deletedAt} IS NULL GROUP BY ${card.projectId} ORDER BY count(*) DESC, 1 LIMIT 1`,
  bug: (org) => sql`SELECT 'program:' || ${pd.programId} AS scope FROM ${bugs} i
                    JOIN ${features} f ON ${f.organisationId} = ${bug.organisationId} AND ${f.id} = ${bug.featureId}
                    JOIN ${products} p ON ${pd.organisationId} = ${f.organisationId} AND ${pd.id} = ${f.productId} AND ${pd.deletedAt} IS NULL
                    WHERE ${bug.organisationId} = ${org} AND ${bug.deletedAt} IS NULL GROUP BY ${pd.programId} ORDER BY count(*) DESC, 1 LIMIT 1`,
};

export async function getLargestScope(db: Database, { organisationId, kind }: { organisationId: string; kind: BoardKind }): Promise<string | null> {
  const [row] = rowsOf<{ scope: string }>(await db.execute(LARGEST[kind](organisationId)));
  return row?.scope ?? null;
}
