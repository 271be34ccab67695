import { sql, type SQL } from 'drizzle-orm';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { AgentProblem } from './problem';

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

/**
 * The agent API's own refusals raised in the database (migration 0033: SQLSTATE class GA, the
 * reason in words), as the app's problems; any other error is answered as it is.
 */
export function refusalFromDatabase(error: unknown): unknown {
  const { code, message } = pgErrorOf(error);
  switch (code) {
    case 'GA404':
      return new ActionError('not_found', message);
    case 'GA403':
      return new AgentProblem('not_your_attempt', message);
    case 'GA410':
      return new AgentProblem('lease_expired', message);
    case 'GA409':
      return new AgentProblem('attempt_ended', message);
    case 'GA422':
      return new AgentProblem('idempotency_mismatch', message);
    case 'GA425':
      return new ActionError('conflict', message);
    default:
      return error;
  }
}
