import { describe, expect, it } from 'vitest';

import type { BoardCard, BoardColumn } from '@/lib/board/types';

import { appendPage, applyChanges, moveCard, neighboursAt, setVersion, upsertCard } from './board-state';

const card = (id: string, status: string, rank: number, version = 1): BoardCard => ({
  id,
  title: id,
  status,
  rank,
  version,
  owner: null,
  ownerName: null,
  labels: [],
  progress: null,
  blockers: 0,
  dependencies: 0,
  waitingOn: 0,
  evidence: 0,
  statusChangedAt: 0,
});
const columns = (): BoardColumn[] => [
  { key: 'queue', label: 'Queue', count: 3, hasMore: false, cards: [card('a', 'queue', 1), card('b', 'queue', 2), card('c', 'queue', 3)] },
  { key: 'doing', label: 'Doing', count: 1, hasMore: false, cards: [card('d', 'doing', 1)] },
];
const ids = (cols: BoardColumn[]) => cols.map((c) => `${c.key}:${c.cards.map((x) => x.id).join('')}:${c.count}`);

describe('board state', () => {
  it('moves a card between columns at once, with the counts', () => {
    expect(ids(moveCard(columns(), 'b', { toStatus: 'doing', index: 1 }))).toEqual(['queue:ac:2', 'doing:db:2']);
    expect(ids(moveCard(columns(), 'c', { toStatus: 'queue', index: 0 }))).toEqual(['queue:cab:3', 'doing:d:1']);
  });

  it('names the neighbours of the drop place, leaving the moving card out', () => {
    expect(neighboursAt(columns(), 'a', { toStatus: 'queue', index: 1 })).toEqual({ beforeId: 'b', afterId: 'c' });
    expect(neighboursAt(columns(), 'a', { toStatus: 'doing', index: 0 })).toEqual({ beforeId: null, afterId: 'd' });
    expect(neighboursAt(columns(), 'a', { toStatus: 'doing', index: 1 })).toEqual({ beforeId: 'd', afterId: null });
  });

  it("places the server's copy by its rank", () => {
    expect(ids(upsertCard(columns(), card('a', 'doing', 0.5, 2)))).toEqual(['queue:bc:2', 'doing:ad:2']);
  });

  it("applies other people's changes, but not over a move of ours still on its way", () => {
    const changed = [
      { card: card('a', 'doing', 5, 2), visible: true },
      { card: card('c', 'queue', 3, 2), visible: false },
    ];
    expect(ids(applyChanges(columns(), changed, { queue: 1, doing: 2 }, new Set()))).toEqual(['queue:b:1', 'doing:da:2']);
    expect(ids(applyChanges(columns(), changed, { queue: 1, doing: 2 }, new Set(['a'])))).toEqual(['queue:ab:2', 'doing:d:2']);
  });

  it('leaves a card beyond the loaded end for the next page, and appends pages without repeats', () => {
    const partial: BoardColumn[] = [{ key: 'queue', label: 'Queue', count: 5, hasMore: true, cards: [card('a', 'queue', 1), card('b', 'queue', 2)] }];
    expect(ids(upsertCard(partial, card('z', 'queue', 9)))).toEqual(['queue:ab:5']);
    // A card the user dropped at the end of the loaded cards stays in view.
    const dropped = moveCard([...partial, { key: 'done', label: 'Done', count: 1, hasMore: false, cards: [card('y', 'done', 1)] }], 'y', {
      toStatus: 'queue',
      index: 2,
    });
    expect(ids(upsertCard(dropped, card('y', 'queue', 2.5, 2)))).toEqual(['queue:aby:6', 'done::0']);
    expect(ids(appendPage(partial, 'queue', { cards: [card('b', 'queue', 2), card('c', 'queue', 3)], hasMore: false }))).toEqual(['queue:abc:5']);
  });

  it('ignores a poll answer older than the card it knows, and keeps a card in place while only its version changes', () => {
    const moved = upsertCard(columns(), card('b', 'doing', 5, 3));
    const stale = [{ card: card('b', 'queue', 2, 2), visible: true }];
    expect(ids(applyChanges(moved, stale, { queue: 2, doing: 2 }, new Set()))).toEqual(['queue:ac:2', 'doing:db:2']);
    const versioned = setVersion(columns(), 'a', 7);
    expect(ids(versioned)).toEqual(ids(columns()));
    expect(versioned[0]!.cards[0]!.version).toBe(7);
  });
});
