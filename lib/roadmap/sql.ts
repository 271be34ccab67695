import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { ActionError } from '../procedure/result';
import { staleMessage } from './refusals';
import type { RoadmapFilters } from './filters';

/** Runs a statement in the caller's transaction and returns its rows. */
export async function rows<T>(tx: Database, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await tx.execute(statement));
}

/** A text[] literal of the given values, each a bound parameter. */
export function textArray(values: readonly string[]): SQL {
  if (values.length === 0) return sql`ARRAY[]::text[]`;
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** The filters as conditions on roadmap items aliased `i` (always true when none is set). */
export function itemFilterSql(filters: RoadmapFilters): SQL {
  const conditions: SQL[] = [];
  if (filters.program) conditions.push(sql`i.program_id = ${filters.program}`);
  if (filters.product) conditions.push(sql`i.product_id = ${filters.product}`);
  if (filters.owner) conditions.push(sql`i.owner = ${filters.owner}`);
  if (filters.status) conditions.push(sql`i.status_key = ${filters.status}`);
  if (filters.type) conditions.push(sql`i.item_type = ${filters.type}`);
  return conditions.length ? sql.join(conditions, sql` AND `) : sql`true`;
}

/**
 * Refuses (404, in words) unless every id of `ids` is a live row of `table` in the organisation:
 * "There is no roadmap item RI-9." `field` names the form field the refusal belongs to.
 */
export async function requireLiveIds(
  tx: Database,
  organisationId: string,
  table: 'roadmap_items' | 'change_requests',
  ids: string[],
  { noun, field }: { noun: string; field: Record<string, string> },
): Promise<void> {
  const found = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM ${sql.identifier(table)} WHERE organisation_id = ${organisationId} AND deleted_at IS NULL AND id IN (${sql.join(
      ids.map((id) => sql`${id}`),
      sql`, `,
    )})`,
  );
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length) throw new ActionError('not_found', `There is no ${noun} ${missing.join(' or ')}.`, field);
}

/** The label of a live term of `domain` (a roadmap phase, a status), or undefined when there is no such term. */
export async function termLabel(tx: Database, domain: string, key: string): Promise<string | undefined> {
  const [term] = await rows<{ label: string }>(
    tx,
    sql`SELECT display_name AS label FROM terminology WHERE domain = ${domain} AND internal_key = ${key} AND deleted_at IS NULL`,
  );
  return term?.label;
}

/**
 * Locks the live roadmap item `id` of the organisation for the change the caller is about to
 * make, and answers its phase and status; refuses when it is gone (404) or when it changed since
 * the caller read `version` (stale).
 */
export async function lockItemAtVersion(tx: Database, organisationId: string, id: string, version: number) {
  const [item] = await rows<{ phase_key: string; status_key: string; row_version: number }>(
    tx,
    sql`SELECT phase_key, status_key, row_version FROM roadmap_items
        WHERE organisation_id = ${organisationId} AND id = ${id} AND deleted_at IS NULL FOR UPDATE`,
  );
  if (!item) throw new ActionError('not_found', `There is no roadmap item ${id} any more.`);
  if (Number(item.row_version) !== version) throw new ActionError('stale', staleMessage(id));
  return item;
}
