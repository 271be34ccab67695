import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
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
