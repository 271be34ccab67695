import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';

/** Runs a statement in the caller's transaction and returns its rows. */
export async function rows<T>(tx: Database, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await tx.execute(statement));
}

/** Runs a statement under a savepoint, so that a refusal leaves the caller's transaction usable. */
export function guarded<T>(tx: Database, statement: SQL): Promise<T[]> {
  return tx.transaction(async (sp) => rowsOf<T>(await (sp as unknown as Database).execute(statement)));
}

/** The database's refusal, without its "KERNEL: " prefix: the reason in words. */
export function reasonOf(error: unknown): { code?: string; reason: string } {
  const { code, message } = pgErrorOf(error);
  return { code, reason: message.replace(/^[A-Z]+(?:-\d+)?: /, '') };
}

/** A timestamp as ISO 8601 (PGlite and postgres.js return dates or strings). */
export function iso(value: Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** A text[] or jsonb array as it arrives from either driver. */
export function stringList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') {
    if (value.startsWith('[')) return (JSON.parse(value) as unknown[]).map(String);
    return value
      .replace(/^\{|\}$/g, '')
      .split(',')
      .filter(Boolean)
      .map((v) => v.replace(/^"|"$/g, ''));
  }
  return [];
}

export { sql };
