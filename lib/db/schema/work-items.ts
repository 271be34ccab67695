import { sql } from 'drizzle-orm';
import { doublePrecision, integer, pgSequence } from 'drizzle-orm/pg-core';

import { deletedAt, timestamptz } from './columns';

/**
 * What every kind of work item carries for the board (issue 5): change requests, roadmap items,
 * Foreman tasks, planning cards and bugs.
 */

/** Hands out increasing board ranks, 1,024 apart, so that new items go to the bottom of their column. */
export const workItemRankSeq = pgSequence('work_item_rank_seq', { startWith: 1, increment: 1 });

/**
 * Order within a board column, fractional: a move takes the mean of its new neighbours' ranks, so a
 * column is never renumbered; the 1,024 gap between new items leaves room for about 40 moves
 * between the same two cards before a small run of them is spread out again.
 */
export const boardRank = () =>
  doublePrecision()
    .notNull()
    .default(sql`(nextval('work_item_rank_seq') * 1024)::float8`);

export const workItemColumns = () => ({
  /**
   * Optimistic concurrency: bumped by the `<table>_row_version` trigger on every update, so a
   * move or an edit made against an older version is refused as "changed by someone else".
   */
  rowVersion: integer().notNull().default(1),
  /** When the item entered its current status column (kept by the same trigger): "age in column". */
  statusChangedAt: timestamptz().notNull().defaultNow(),
});

/** The last columns of a soft-deleted item on a board: deleted_at, its board rank, then workItemColumns. */
export const boardItemColumns = () => ({
  deletedAt: deletedAt(),
  boardRank: boardRank(),
  ...workItemColumns(),
});
