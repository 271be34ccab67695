import type { BoardCard, BoardChange, BoardColumn } from '@/lib/board/types';

/**
 * Pure changes to the board's columns, shared by the optimistic move, its rollback and the poll
 * that brings other people's changes. Columns hold the loaded cards in rank order.
 */

export interface Placement {
  toStatus: string;
  /** Index in the target column, counted without the moving card. */
  index: number;
}

export function findCard(columns: BoardColumn[], id: string): { column: BoardColumn; index: number; card: BoardCard } | null {
  for (const column of columns) {
    const index = column.cards.findIndex((c) => c.id === id);
    if (index >= 0) return { column, index, card: column.cards[index]! };
  }
  return null;
}

/** The neighbours the server needs to place the card: the one above it and the one below it. */
export function neighboursAt(columns: BoardColumn[], id: string, { toStatus, index }: Placement) {
  const target = columns.find((c) => c.key === toStatus);
  const others = (target?.cards ?? []).filter((c) => c.id !== id);
  return { beforeId: others[index - 1]?.id ?? null, afterId: others[index]?.id ?? null };
}

/** The columns with the card moved to its new place (counts follow), as the user sees it at once. */
export function moveCard(columns: BoardColumn[], id: string, { toStatus, index }: Placement): BoardColumn[] {
  const found = findCard(columns, id);
  if (!found) return columns;
  const moved: BoardCard = { ...found.card, status: toStatus };
  return columns.map((column) => {
    let cards = column.cards;
    let count = column.count;
    if (column.key === found.column.key) {
      cards = cards.filter((c) => c.id !== id);
      count -= 1;
    }
    if (column.key === toStatus) {
      cards = [...cards.slice(0, index), moved, ...cards.slice(index)];
      count += 1;
    }
    return cards === column.cards ? column : { ...column, cards, count };
  });
}

/**
 * Puts a card where its rank says, among the loaded cards. Beyond the loaded end it waits for the
 * next page, unless it is already shown there (the user just dropped it at the end of what is loaded).
 */
function placeByRank(column: BoardColumn, card: BoardCard): BoardColumn {
  const shown = column.cards.some((c) => c.id === card.id);
  const cards = column.cards.filter((c) => c.id !== card.id);
  const index = cards.findIndex((c) => c.rank > card.rank || (c.rank === card.rank && c.id > card.id));
  if (index === -1 && column.hasMore && !shown) return { ...column, cards };
  const at = index === -1 ? cards.length : index;
  return { ...column, cards: [...cards.slice(0, at), card, ...cards.slice(at)] };
}

/**
 * Replaces a card with the server's copy (after a move, an edit or a refresh), in the column and
 * place its rank says; when that is another column than the one showing it, both counts follow.
 */
export function upsertCard(columns: BoardColumn[], card: BoardCard): BoardColumn[] {
  const shownIn = findCard(columns, card.id)?.column.key;
  const moved = shownIn !== undefined && shownIn !== card.status;
  return columns.map((column) => {
    if (column.key === card.status) {
      const placed = placeByRank(column, card);
      return moved ? { ...placed, count: column.count + 1 } : placed;
    }
    if (column.key === shownIn) return { ...column, cards: column.cards.filter((c) => c.id !== card.id), count: Math.max(0, column.count - 1) };
    return column;
  });
}

/** The server's new version of a card, without moving it (another move of it is still on its way). */
export function setVersion(columns: BoardColumn[], id: string, version: number): BoardColumn[] {
  return columns.map((column) =>
    column.cards.some((c) => c.id === id) ? { ...column, cards: column.cards.map((c) => (c.id === id ? { ...c, version } : c)) } : column,
  );
}

/**
 * Applies what a poll found: each changed card moves to where the server has it (or leaves the
 * board), unless `pending` says a move of ours is still on its way; counts come from the server.
 */
export function applyChanges(
  columns: BoardColumn[],
  changes: BoardChange[],
  counts: Record<string, number>,
  pending: { has(id: string): boolean },
): BoardColumn[] {
  let next = columns;
  for (const { card, visible } of changes) {
    if (pending.has(card.id)) continue;
    const known = findCard(next, card.id)?.card;
    // An answer read before our own latest change of this card is older than what we show.
    if (known && card.version < known.version) continue;
    if (known && known.version === card.version && known.rank === card.rank && known.status === card.status && visible) {
      if (known.blockers === card.blockers && known.evidence === card.evidence && known.waitingOn === card.waitingOn) continue;
    }
    next = visible
      ? upsertCard(next, card)
      : next.map((c) => (c.cards.some((x) => x.id === card.id) ? { ...c, cards: c.cards.filter((x) => x.id !== card.id) } : c));
  }
  return next.map((column) => {
    const count = Math.max(counts[column.key] ?? 0, column.cards.length);
    return count === column.count && column.hasMore === count > column.cards.length ? column : { ...column, count, hasMore: count > column.cards.length };
  });
}

/** Appends a page of a column (skipping cards already shown). */
export function appendPage(columns: BoardColumn[], status: string, page: { cards: BoardCard[]; hasMore: boolean }): BoardColumn[] {
  return columns.map((column) => {
    if (column.key !== status) return column;
    const seen = new Set(column.cards.map((c) => c.id));
    return { ...column, cards: [...column.cards, ...page.cards.filter((c) => !seen.has(c.id))], hasMore: page.hasMore };
  });
}
