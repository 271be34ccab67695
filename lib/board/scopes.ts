import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

import { ActionError } from '../auth/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/migrations';
import { products, programs, projects, waves } from '../db/schema';
import { formatScope, KINDS, type BoardKind, type BoardScope, type ScopeType } from './kinds';
import type { ScopeOption } from './types';

const SCOPE_QUERIES: Record<ScopeType, (organisationId: string) => ReturnType<typeof sql>> = {
  program: (org) => sql`SELECT p.id AS id, p.name AS label, 'Programs' AS grp FROM programs p
                        WHERE p.organisation_id = ${org} AND p.deleted_at IS NULL ORDER BY p.name, p.id`,
  product: (org) => sql`SELECT d.id AS id, d.name AS label, 'Products of ' || p.name AS grp FROM products d
                        JOIN programs p ON p.organisation_id = d.organisation_id AND p.id = d.program_id
                        WHERE d.organisation_id = ${org} AND d.deleted_at IS NULL ORDER BY p.name, d.name, d.id`,
  wave: (org) => sql`SELECT w.wave_id::text AS id, 'Wave ' || w.sequence_number || ': ' || w.name AS label, 'Waves of ' || p.name AS grp
                     FROM waves w JOIN programs p ON p.organisation_id = w.organisation_id AND p.id = w.program_id
                     WHERE w.organisation_id = ${org} AND w.deleted_at IS NULL ORDER BY p.name, w.sequence_number`,
  project: (org) => sql`SELECT j.id::text AS id, j.name AS label, 'Projects' AS grp FROM project j
                        WHERE j.organisation_id = ${org} AND j.deleted_at IS NULL ORDER BY j.name, j.id`,
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

/** Where work of this kind changed last: the board to open when the URL names none. One index probe each. */
const RECENT: Record<BoardKind, (organisationId: string) => ReturnType<typeof sql>> = {
  cr: (org) => sql`SELECT 'program:' || p.program_id AS scope FROM change_requests i
                   JOIN products p ON p.organisation_id = i.organisation_id AND p.id = i.product_id
                   WHERE i.organisation_id = ${org} AND i.deleted_at IS NULL ORDER BY i.updated_at DESC LIMIT 1`,
  roadmap: (org) => sql`SELECT 'program:' || i.program_id AS scope FROM roadmap_items i
                        WHERE i.organisation_id = ${org} AND i.deleted_at IS NULL AND i.program_id IS NOT NULL ORDER BY i.updated_at DESC LIMIT 1`,
  task: (org) => sql`SELECT 'program:' || w.program_id AS scope FROM tasks i
                     JOIN waves w ON w.organisation_id = i.organisation_id AND w.wave_id = i.wave_id
                     WHERE i.organisation_id = ${org} AND i.deleted_at IS NULL ORDER BY i.updated_at DESC LIMIT 1`,
  card: (org) => sql`SELECT 'project:' || i.project_id AS scope FROM card i
                     WHERE i.organisation_id = ${org} AND i.deleted_at IS NULL ORDER BY i.updated_at DESC LIMIT 1`,
  bug: (org) => sql`SELECT 'program:' || p.program_id AS scope FROM bugs i
                    JOIN features f ON f.organisation_id = i.organisation_id AND f.id = i.feature_id
                    JOIN products p ON p.organisation_id = f.organisation_id AND p.id = f.product_id
                    WHERE i.organisation_id = ${org} AND i.deleted_at IS NULL ORDER BY i.updated_at DESC LIMIT 1`,
};

export async function getRecentScope(db: Database, { organisationId, kind }: { organisationId: string; kind: BoardKind }): Promise<string | null> {
  const [row] = rowsOf<{ scope: string }>(await db.execute(RECENT[kind](organisationId)));
  return row?.scope ?? null;
}
