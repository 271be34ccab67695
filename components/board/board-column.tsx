'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { Loader2 } from 'lucide-react';
import { memo, useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';

import type { BoardCard, BoardColumn as Column } from '@/lib/board/types';
import { cn } from '@/lib/utils';

import { BoardCardItem } from './board-card';

interface Props {
  column: Column;
  now: number;
  activeId: string | null;
  isTarget: boolean;
  canMove: (card: BoardCard) => boolean;
  onOpen: (card: BoardCard) => void;
  onLoadMore: (status: string) => void;
  loadingMore: boolean;
  loadError: string | null;
  /** The column's "New" (beside its count) and its quick add (above its cards), when the viewer may create. */
  create?: { action: ReactNode; quickAdd: ReactNode };
}

/**
 * One status column: a drop target, a sortable list, and a virtualised scroller, so a column of
 * thousands of cards renders only the ones in view (and the one being dragged, which must stay
 * mounted while it moves).
 */
const FIRST_PAINT_RECT = { width: 288, height: 720 };

/**
 * Memoised: a drop redraws only the columns it involves (their `column` objects are new; the
 * others keep theirs, and every other prop is stable: see BoardView).
 */
export const BoardColumn = memo(function BoardColumn({ column, now, activeId, isTarget, canMove, onOpen, onLoadMore, loadingMore, loadError, create }: Props) {
  const { setNodeRef } = useDroppable({ id: `column:${column.key}`, data: { type: 'column', status: column.key } });
  const scroller = useRef<HTMLDivElement>(null);
  const ids = useMemo(() => column.cards.map((c) => c.id), [column.cards]);
  const activeIndex = activeId ? ids.indexOf(activeId) : -1;

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      return activeIndex >= 0 && !indexes.includes(activeIndex) ? [...indexes, activeIndex].sort((a, b) => a - b) : indexes;
    },
    [activeIndex],
  );
  // TanStack Virtual hands back new functions each render; the component redraws itself on scroll through the virtualiser.
  const virtualizer = useVirtualizer({
    count: column.cards.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 118,
    overscan: 6,
    // Before the column is measured (the server's render, and hydration), a column of a tall
    // screen: the first cards are in the HTML and visible before the JavaScript starts.
    initialRect: FIRST_PAINT_RECT,
    rangeExtractor,
    getItemKey: (index) => ids[index] ?? index,
  });
  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? -1;

  // Near the end of what is loaded, ask for the next page.
  useEffect(() => {
    if (column.hasMore && !loadingMore && !loadError && last >= column.cards.length - 8) onLoadMore(column.key);
  }, [last, column.hasMore, column.cards.length, column.key, loadingMore, loadError, onLoadMore]);

  return (
    <section
      ref={setNodeRef}
      aria-labelledby={`column-${column.key}`}
      data-testid="board-column"
      data-status={column.key}
      className={cn(
        // Columns share the width (1440 px with the sidebar fits five) and never get narrower than 13.5rem: more scroll sideways.
        'flex min-w-[13.5rem] max-w-80 flex-1 basis-0 flex-col rounded-xl border border-transparent bg-muted/60 transition-colors dark:bg-muted/40',
        isTarget && 'border-primary/50 bg-primary/5',
      )}
    >
      <header className="sticky top-0 z-10 flex items-center justify-between gap-2 rounded-t-xl px-3 pb-2 pt-3">
        <h2 id={`column-${column.key}`} className="truncate text-sm font-semibold">
          {column.label}
        </h2>
        <span className="flex items-center gap-1">
          <span className="rounded-full bg-surface px-2 py-0.5 text-xs font-medium tabular-nums text-muted-foreground shadow-sm" data-testid="column-count">
            {column.count.toLocaleString('en')}
          </span>
          {create?.action}
        </span>
      </header>
      {create?.quickAdd}
      <div ref={scroller} className="h-[calc(100dvh-19rem)] min-h-64 overflow-y-auto px-1.5 pb-2" data-testid="column-scroller">
        {column.cards.length === 0 ? (
          <p className="mx-1 rounded-lg border border-dashed border-border px-3 py-6 text-center text-xs text-muted-foreground">
            {column.count === 0 ? 'No cards. Drop one here.' : 'Loading…'}
          </p>
        ) : (
          <SortableContext items={ids} strategy={verticalListSortingStrategy}>
            <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const card = column.cards[item.index]!;
                return (
                  <BoardCardItem
                    key={card.id}
                    card={card}
                    now={now}
                    index={item.index}
                    movable={canMove(card)}
                    onOpen={onOpen}
                    measureRef={virtualizer.measureElement}
                    // `top`, not a transform: dnd-kit measures drop targets without their transforms.
                    top={item.start}
                  />
                );
              })}
            </div>
          </SortableContext>
        )}
        {loadingMore && (
          <p className="flex items-center justify-center gap-2 py-2 text-xs text-muted-foreground">
            <Loader2 className="size-3.5 animate-spin" aria-hidden /> Loading more cards…
          </p>
        )}
        {loadError && (
          <p className="px-2 py-2 text-center text-xs text-red-600 dark:text-red-400" role="alert">
            {loadError}{' '}
            <button type="button" className="underline" onClick={() => onLoadMore(column.key)}>
              Try again
            </button>
          </p>
        )}
      </div>
    </section>
  );
});
