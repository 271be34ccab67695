import 'server-only';

import { sql } from 'drizzle-orm';
import type { PgInsertValue, PgTable } from 'drizzle-orm/pg-core';

import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';

/** Tables whose text ids Gantry makes (the key is (organisation_id, id), deleted rows included). */
type IdTable = 'programs' | 'products' | 'features' | 'releases' | 'change_requests' | 'bugs' | 'roadmap_items';

/** 'Motus CLI 2' → 'motus-cli-2': the readable ids the seeds use for programs, products, features and releases. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60)
    .replace(/[-.]+$/g, '');
  return slug || 'item';
}

/** The slug of `name`, or with -2, -3 … when taken in this organisation (by a live or a deleted row). */
export async function freeSlug(tx: Database, table: IdTable, name: string): Promise<string> {
  const base = slugify(name);
  const taken = new Set(
    rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM ${sql.identifier(table)} WHERE id = ${base} OR id LIKE ${`${base}-%`}`)).map((r) => r.id),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * The next id of the seed's dated form, `<PREFIX>-YYYY-MM-DD-NNN` (change requests, bugs): the
 * day's highest number plus one. Two people creating at the same moment may pick the same id; the
 * primary key refuses the second, and the caller tries again (see withFreshId).
 */
export async function nextDatedId(tx: Database, table: IdTable, prefix: string, now = new Date()): Promise<string> {
  const day = `${prefix}-${now.toISOString().slice(0, 10)}-`;
  const [row] = rowsOf<{ n: number | null }>(
    await tx.execute(sql`SELECT max(substring(id FROM ${`^${day}(\\d+)$`})::int) AS n FROM ${sql.identifier(table)} WHERE id LIKE ${`${day}%`}`),
  );
  return `${day}${String(Number(row?.n ?? 0) + 1).padStart(3, '0')}`;
}

/** The next `RI-NNN` (roadmap items). */
export async function nextNumberedId(tx: Database, table: IdTable, prefix: string): Promise<string> {
  const [row] = rowsOf<{ n: number | null }>(
    await tx.execute(sql`SELECT max(substring(id FROM ${`^${prefix}-(\\d+)$`})::int) AS n FROM ${sql.identifier(table)} WHERE id LIKE ${`${prefix}-%`}`),
  );
  return `${prefix}-${String(Number(row?.n ?? 0) + 1).padStart(3, '0')}`;
}

/**
 * Inserts the row `values(id)` into `table` with an id made by `makeId`, in a savepoint; when
 * another insert took that id in the meantime (unique violation of the key), makes a new one and
 * tries again, up to three times. Answers the id it kept.
 */
export async function insertWithFreshId<T extends PgTable>(
  tx: Database,
  table: T,
  makeId: () => Promise<string>,
  values: (id: string) => PgInsertValue<T>,
): Promise<{ id: string }> {
  for (let attempt = 1; ; attempt += 1) {
    const id = await makeId();
    try {
      await tx.transaction((inner) => (inner as unknown as Database).insert(table).values(values(id)));
      return { id };
    } catch (error) {
      if (attempt >= 3 || pgErrorOf(error).code !== '23505' || !pgErrorOf(error).message.includes('_pkey')) throw error;
    }
  }
}
