import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { rankBetween, RANK_STEP, spreadRanks } from './rank';

describe('rankBetween', () => {
  it('puts a card at the top, the bottom, or an empty column', () => {
    expect(rankBetween(null, null)).toBe(0);
    expect(rankBetween(null, 10)).toBe(10 - RANK_STEP);
    expect(rankBetween(10, null)).toBe(10 + RANK_STEP);
  });

  it('always lands strictly between two neighbours while there is room', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), fc.double({ min: -1e12, max: 1e12, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const mid = rankBetween(lo, hi);
        if (mid === null) expect(lo === hi || lo + (hi - lo) / 2 <= lo || lo + (hi - lo) / 2 >= hi).toBe(true);
        else {
          expect(mid).toBeGreaterThan(lo);
          expect(mid).toBeLessThan(hi);
        }
      }),
    );
  });

  it('says when two neighbours are too close, after many moves into one gap', () => {
    let lo = 1024;
    const hi = 2048;
    let moves = 0;
    for (let next = rankBetween(lo, hi); next !== null; next = rankBetween(lo, hi)) {
      lo = next;
      moves += 1;
    }
    expect(moves).toBeGreaterThan(30);
    expect(rankBetween(lo, hi)).toBeNull();
  });
});

describe('spreadRanks', () => {
  it('gives increasing ranks strictly inside the gap', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -1e6, max: 1e6 }), { nil: null }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 1, max: 50 }),
        (before, width, count) => {
          const after = before === null ? null : before + width;
          const ranks = spreadRanks(before, after, count);
          expect(ranks).toHaveLength(count);
          ranks.forEach((rank, i) => {
            if (before !== null) expect(rank).toBeGreaterThan(before);
            if (after !== null) expect(rank).toBeLessThan(after);
            if (i > 0) expect(rank).toBeGreaterThan(ranks[i - 1]!);
          });
        },
      ),
    );
  });
});
