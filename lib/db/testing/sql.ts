import { sql, type SQL } from 'drizzle-orm';
import { expect } from 'vitest';

import type { Database } from '../connection';
import { rowsOf } from '../sql';
import { pgErrorOf } from './test-database';

/** Runs plain SQL through the seam and returns its rows. */
export async function query<T = Record<string, unknown>>(db: Database, statement: SQL | string): Promise<T[]> {
  return rowsOf<T>(await db.execute(typeof statement === 'string' ? sql.raw(statement) : statement));
}

/**
 * Expects the database to refuse a statement, with a message that starts with `message`
 * (the seeds' refusal texts are matched as prefixes) and, if given, a SQLSTATE code.
 */
export async function expectRefused(run: Promise<unknown> | (() => Promise<unknown>), expected: { message?: string | RegExp; code?: string }): Promise<void> {
  let failure: unknown;
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (error) {
    failure = error;
  }
  expect(failure, 'the database accepted a statement it should refuse').toBeDefined();
  const pg = pgErrorOf(failure);
  if (expected.code) expect(pg.code).toBe(expected.code);
  if (typeof expected.message === 'string') expect(pg.message.startsWith(expected.message), pg.message).toBe(true);
  if (expected.message instanceof RegExp) expect(pg.message).toMatch(expected.message);
}
