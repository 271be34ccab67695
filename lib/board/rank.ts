/**
 * Fractional order within a column: a card dropped between two neighbours takes the mean of
 * their ranks, so a move writes one row and never renumbers the column. Ranks are doubles; when
 * two neighbours are too close for a mean between them (after about 40 moves into one gap), the
 * caller spreads a short run of cards (`spreadRanks`) instead.
 */

/** The space left after the last card, or before the first. */
export const RANK_STEP = 1024;

/** A rank strictly between `before` and `after` (either may be absent: top or bottom of the column), or null when there is no room. */
export function rankBetween(before: number | null, after: number | null): number | null {
  if (before === null && after === null) return 0;
  if (before === null) return after! - RANK_STEP;
  if (after === null) return before + RANK_STEP;
  if (!(before < after)) return null;
  const mid = before + (after - before) / 2;
  // Too close: the mean rounds onto a neighbour.
  return mid > before && mid < after ? mid : null;
}

/**
 * Evenly spaced ranks for `count` cards that must fit strictly between `before` and `after`
 * (either may be absent), for the rare case where a gap is exhausted.
 */
export function spreadRanks(before: number | null, after: number | null, count: number): number[] {
  if (count <= 0) return [];
  if (before === null && after === null) return Array.from({ length: count }, (_, i) => i * RANK_STEP);
  if (after === null) return Array.from({ length: count }, (_, i) => before! + (i + 1) * RANK_STEP);
  if (before === null) return Array.from({ length: count }, (_, i) => after - (count - i) * RANK_STEP);
  const step = (after - before) / (count + 1);
  return Array.from({ length: count }, (_, i) => before + (i + 1) * step);
}
