import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../../connection';
import { rowsOf } from '../../sql';
import type { ScaleSizes } from './sizes';

/** What every generation step works with: one transaction, the organisation, the day, the sizes. */
export interface ScaleContext {
  tx: Database;
  /** The organisation's id as a uuid parameter. */
  org: SQL;
  /** The day the data is generated for, as a timestamptz parameter; histories lie before it. */
  today: SQL;
  sizes: ScaleSizes;
  /** Says how far the running step is: rows written so far. */
  report(done: number): void;
}

/** One step of the run: a name, the rows it will write, and the statements that write them. */
export interface ScaleStep {
  name: string;
  total(sizes: ScaleSizes): number;
  run(ctx: ScaleContext): Promise<void>;
}

export async function execute(ctx: Pick<ScaleContext, 'tx'>, statement: SQL): Promise<void> {
  await ctx.tx.execute(statement);
}

export async function selectRows<T>(ctx: Pick<ScaleContext, 'tx'>, statement: SQL): Promise<T[]> {
  return rowsOf<T>(await ctx.tx.execute(statement));
}

/**
 * Refreshes the planner's statistics of tables that grew inside this transaction. Trigger
 * functions keep their plans per session: a check planned while a table was nearly empty
 * keeps scanning it whole as it grows, until ANALYZE invalidates the plan (ANALYZE counts the
 * transaction's own new rows, so it may run between batches).
 */
export async function analyze(ctx: Pick<ScaleContext, 'tx'>, ...tables: string[]): Promise<void> {
  for (const table of tables) await ctx.tx.execute(sql.raw(`ANALYZE ${table}`));
}

/**
 * Runs `write(from, to)` over 1..total in batches of `size` rows, reporting after each batch
 * the rows written so far (plus `before`, rows the step wrote another way).
 */
export async function inBatches(ctx: ScaleContext, total: number, size: number, write: (from: number, to: number) => Promise<void>, before = 0): Promise<void> {
  for (let from = 1; from <= total; from += size) {
    const to = Math.min(total, from + size - 1);
    await write(from, to);
    ctx.report(before + to);
  }
}
