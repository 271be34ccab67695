'use client';

import {
  closestCorners,
  DndContext,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { toast } from 'sonner';

import { useLiveChanges, useLiveStatus } from '@/components/live/live-provider';
import { LIVE } from '@/lib/live/topics';
import { BOARD_PLAN_KIND, NewBoardItemButton, QuickAdd } from '@/components/plan/board-create';

import type { BoardCard, BoardData } from '@/lib/board/types';

import { fetchChanges, fetchColumnPage, fetchItem, postMove, type BoardKey } from './board-api';
import { CardBody } from './board-card';
import { BoardColumn } from './board-column';
import { appendPage, applyChanges, findCard, moveCard, neighboursAt, setVersion, upsertCard, type Placement } from './board-state';
import { CardPanel, type UpdateAction } from './card-panel';

/**
 * Where a card is over: under the pointer (mouse, touch), else the most overlapped place (the
 * keyboard moves the card itself), else the closest.
 */
const detectCollisions: CollisionDetection = (args) => {
  if (args.pointerCoordinates) {
    const within = pointerWithin(args);
    if (within.length) return within;
  }
  const overlapping = rectIntersection(args);
  return overlapping.length ? overlapping : closestCorners(args);
};

/**
 * Arrow keys while a card is picked up: up and down move within a column (dnd-kit's sortable
 * behaviour); left and right jump to the next column, level with the card, or to its top when
 * it is empty.
 */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return sortableKeyboardCoordinates(event, args);
  event.preventDefault();
  const { collisionRect, droppableRects, droppableContainers } = args.context;
  if (!collisionRect) return undefined;
  const centre = collisionRect.left + collisionRect.width / 2;
  const columns = droppableContainers
    .getEnabled()
    .filter((entry) => entry.data.current?.type === 'column')
    .map((entry) => ({ status: entry.data.current!.status as string, rect: droppableRects.get(entry.id) }))
    .filter((c): c is { status: string; rect: NonNullable<typeof c.rect> } => Boolean(c.rect))
    .sort((a, b) => a.rect.left - b.rect.left);
  const target = event.code === 'ArrowRight' ? columns.find((c) => c.rect.left > centre) : columns.findLast((c) => c.rect.left + c.rect.width < centre);
  if (!target) return undefined;
  const cards = droppableContainers
    .getEnabled()
    .filter((entry) => entry.data.current?.type === 'card' && entry.data.current.status === target.status)
    .map((entry) => droppableRects.get(entry.id))
    .filter((rect): rect is NonNullable<typeof rect> => Boolean(rect));
  const level = cards.sort((a, b) => Math.abs(a.top - collisionRect.top) - Math.abs(b.top - collisionRect.top))[0];
  return level ? { x: level.left, y: level.top } : { x: target.rect.left + 8, y: target.rect.top + 44 };
};

/** How often an open board asks for other people's changes while its live stream is down. */
const POLL_MS = 4000;

interface Props {
  initial: BoardData;
  mover: { all: boolean; owners: string[] };
  updateBoardCard: UpdateAction;
  /** The viewer may create and delete items of the plan (plan:edit). */
  canPlan?: boolean;
}

interface MoveVariables {
  card: BoardCard;
  placement: Placement;
  from: Placement;
}

/**
 * The board: columns of cards that move by drag and drop (mouse, touch, keyboard), at once on
 * screen; the server action decides, and a refused move snaps back with the database's reason.
 */
export function BoardView({ initial, mover, updateBoardCard, canPlan = false }: Props) {
  const dndId = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const key: BoardKey = useMemo(() => ({ kind: initial.kind, scope: initial.scope, filters: initial.filters }), [initial]);
  // Each server render starts its own entry: coming back to a board shows what the server read now, not an older cache.
  const queryKey = useMemo(() => ['board', key, initial.readAt] as const, [key, initial.readAt]);

  // The board lives in this component's state, so that a drop redraws it in the same React update
  // as the drag's end (one frame); the query cache keeps a copy for a return to this render. The
  // ref always holds the newest board: a move's request reads its neighbours and version there,
  // even before React has drawn the last change.
  const [board, setBoardState] = useState<BoardData>(() => queryClient.getQueryData<BoardData>(queryKey) ?? initial);
  const latest = useRef(board);
  const [shown, setShown] = useState(initial);
  if (shown !== initial) {
    // A new server render (a refresh, other filters): start from it.
    setShown(initial);
    const fresh = queryClient.getQueryData<BoardData>(queryKey) ?? initial;
    latest.current = fresh;
    setBoardState(fresh);
  }
  const setBoard = useCallback((update: (b: BoardData) => BoardData) => {
    latest.current = update(latest.current);
    setBoardState(latest.current);
  }, []);
  useEffect(() => {
    queryClient.setQueryData<BoardData>(queryKey, board);
  }, [queryClient, queryKey, board]);
  // Keeps that copy in the cache while the board is open (as the cache kept it before); it never
  // redraws the view, whose state is its own.
  useQuery({ queryKey, queryFn: () => latest.current, initialData: initial, staleTime: Infinity, notifyOnChangeProps: [] });

  const [activeId, setActiveId] = useState<string | null>(null);
  const [overStatus, setOverStatus] = useState<string | null>(null);
  const [openCard, setOpenCard] = useState<BoardCard | null>(null);
  const [notice, setNotice] = useState('');
  const [loading, setLoading] = useState<Record<string, boolean>>({});
  const [loadErrors, setLoadErrors] = useState<Record<string, string | null>>({});
  // Moves on their way, per card; and a count of moves begun or settled, so that a poll answer read
  // before one of them is not applied over it.
  const pending = useRef(new Map<string, number>());
  const moveEpoch = useRef(0);
  const [now, setNow] = useState(() => initial.readAt);

  const canMove = useCallback((card: BoardCard) => mover.all || (card.owner !== null && mover.owners.includes(card.owner)), [mover]);

  // Other people's moves: read what changed since the last read whenever the live stream announces
  // a change of work (docs/live.md), and poll only while the stream is down.
  const liveStatus = useLiveStatus();
  const since = useRef(initial.readAt);
  useEffect(() => {
    since.current = initial.readAt;
  }, [initial.readAt]);
  const changes = useQuery({
    queryKey: ['board-changes', key],
    queryFn: async () => {
      const epoch = moveEpoch.current;
      return { epoch, found: await fetchChanges(key, since.current) };
    },
    refetchInterval: liveStatus === 'live' ? false : POLL_MS,
    refetchIntervalInBackground: false,
    staleTime: 0,
  });
  const refetchChanges = changes.refetch;
  useLiveChanges(LIVE.board, (message) => {
    if (message.kind === 'reset') router.refresh();
    else void refetchChanges();
  });
  const applied = useRef<unknown>(null);
  useEffect(() => {
    const answer = changes.data;
    // A drag in progress is never redrawn under the person's hands: what changed waits for the drop.
    if (!answer || applied.current === answer || activeId !== null) return;
    applied.current = answer;
    const { epoch, found } = answer;
    // A move began or settled while this was read: the next poll reads again from the same point.
    if (epoch !== moveEpoch.current || pending.current.size > 0) return;
    if (found.truncated) {
      router.refresh();
      return;
    }
    since.current = found.readAt;
    setNow(found.readAt);
    setBoard((b) => ({ ...b, columns: applyChanges(b.columns, found.changes, found.counts, pending.current) }));
  }, [changes.data, activeId, setBoard, router]);

  const refreshCard = useCallback(
    async (card: BoardCard) => {
      try {
        const details = await fetchItem(key.kind, card.id);
        setBoard((b) => ({ ...b, columns: upsertCard(b.columns, details.card) }));
      } catch {
        // The next poll brings it.
      }
    },
    [key.kind, setBoard],
  );

  // Creating: a column's "New", its quick add, and `c` for the board's first column.
  const creates = canPlan && BOARD_PLAN_KIND[key.kind] !== undefined && key.scope !== null;
  const [createOpen, setCreateOpen] = useState(false);
  useEffect(() => {
    if (!creates) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'c' || event.metaKey || event.ctrlKey || event.altKey || event.shiftKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="dialog"]')) return;
      event.preventDefault();
      setCreateOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [creates]);
  const showCreated = useCallback(
    async (id: string) => {
      try {
        const details = await fetchItem(key.kind, id);
        setBoard((b) => ({ ...b, columns: upsertCard(b.columns, details.card) }));
        setNotice(`Created ${details.card.title}.`);
      } catch {
        // Not on this board (another scope or a filter hides it); the next poll decides.
      }
    },
    [key.kind, setBoard],
  );
  const removeShown = useCallback(
    (id: string) =>
      setBoard((b) => ({
        ...b,
        columns: b.columns.map((c) =>
          c.cards.some((x) => x.id === id) ? { ...c, cards: c.cards.filter((x) => x.id !== id), count: Math.max(0, c.count - 1) } : c,
        ),
      })),
    [setBoard],
  );

  const move = useMutation({
    // One move at a time, so that each carries the version the one before it left.
    scope: { id: 'board-move' },
    mutationFn: async ({ card, placement }: MoveVariables) => {
      // Read when it runs, not when it was asked for: an earlier move of this card may have settled since.
      const columns = latest.current.columns;
      const version = findCard(columns, card.id)?.card.version ?? card.version;
      const { beforeId, afterId } = neighboursAt(columns, card.id, placement);
      return postMove({ kind: key.kind, id: card.id, toStatus: placement.toStatus, beforeId, afterId, version });
    },
    onSuccess: (result, { card, from }) => {
      if (result.ok) {
        const later = (pending.current.get(card.id) ?? 0) > 1;
        // With a later move of this card still to come, keep it where the user put it last.
        setBoard((b) => ({ ...b, columns: later ? setVersion(b.columns, card.id, result.data.card.version) : upsertCard(b.columns, result.data.card) }));
        return;
      }
      // Snap back, and say why in the database's words.
      setBoard((b) => ({ ...b, columns: moveCard(b.columns, card.id, from) }));
      const label = latest.current.columns.find((c) => c.key === from.toStatus)?.label ?? from.toStatus;
      if (result.error.code === 'stale') {
        toast.warning('Changed by someone else', { description: result.error.message });
        setNotice(`${card.title} was changed by someone else; it went back to ${label}.`);
        void refreshCard(card);
      } else {
        toast.error('Move refused', { description: result.error.message });
        setNotice(`Move refused: ${result.error.message}`);
      }
    },
    onError: (_error, { card, from }) => {
      setBoard((b) => ({ ...b, columns: moveCard(b.columns, card.id, from) }));
      toast.error('Move not saved', { description: 'The server could not be reached; the card went back. Try again.' });
    },
    onSettled: (_result, _error, { card }) => {
      moveEpoch.current += 1;
      const left = (pending.current.get(card.id) ?? 1) - 1;
      if (left > 0) pending.current.set(card.id, left);
      else pending.current.delete(card.id);
    },
  });

  // Stable (the columns are memoised): reads the newest board and what is loading from refs.
  const loadingNow = useRef(loading);
  useEffect(() => {
    loadingNow.current = loading;
  }, [loading]);
  const loadMore = useCallback(
    async (status: string) => {
      const column = latest.current.columns.find((c) => c.key === status);
      if (!column || loadingNow.current[status]) return;
      loadingNow.current = { ...loadingNow.current, [status]: true };
      setLoading((l) => ({ ...l, [status]: true }));
      setLoadErrors((e) => ({ ...e, [status]: null }));
      try {
        const page = await fetchColumnPage(key, status, column.cards.at(-1));
        setBoard((b) => ({ ...b, columns: appendPage(b.columns, status, page) }));
      } catch (error) {
        setLoadErrors((e) => ({ ...e, [status]: error instanceof Error ? error.message : 'Could not load more cards.' }));
      } finally {
        setLoading((l) => ({ ...l, [status]: false }));
      }
    },
    [key, setBoard],
  );

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 6 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: keyboardCoordinates,
      // Space picks up and drops; Enter stays free to open the card.
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space'] },
    }),
  );

  const statusOf = (id: string | number | undefined | null): string | null => {
    if (id === undefined || id === null) return null;
    const text = String(id);
    if (text.startsWith('column:')) return text.slice('column:'.length);
    return findCard(board.columns, text)?.column.key ?? null;
  };
  const labelOf = (status: string | null) => board.columns.find((c) => c.key === status)?.label ?? status ?? '';
  const titleOf = (id: string | number) => findCard(board.columns, String(id))?.card.title ?? String(id);

  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${titleOf(active.id)} in ${labelOf(statusOf(active.id))}. Use the arrow keys to move it, space to drop it, escape to cancel.`,
    onDragOver: ({ active, over }) => (over ? `${titleOf(active.id)} is over ${labelOf(statusOf(over.id))}.` : `${titleOf(active.id)} is not over a column.`),
    onDragEnd: ({ active, over }) =>
      over ? `Dropped ${titleOf(active.id)} in ${labelOf(statusOf(over.id))}.` : `${titleOf(active.id)} was dropped where it started.`,
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled; it is back where it started.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setActiveId(String(active.id));
    setNotice('');
  };
  const onDragOver = ({ over }: DragOverEvent) => setOverStatus(statusOf(over?.id));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    // The drag's end and the card in its new place are one React update, drawn in one frame.
    setActiveId(null);
    setOverStatus(null);
    if (!over) return;
    const columns = latest.current.columns;
    const found = findCard(columns, String(active.id));
    const toStatus = statusOf(over.id);
    if (!found || !toStatus) return;
    const target = columns.find((c) => c.key === toStatus)!;
    const others = target.cards.filter((c) => c.id !== found.card.id);
    let index = others.length;
    if (!String(over.id).startsWith('column:')) {
      const overIndex = others.findIndex((c) => c.id === String(over.id));
      if (toStatus === found.column.key) {
        // Within a column the sortable list says where: the card takes the place of the one it is over.
        index = target.cards.findIndex((c) => c.id === String(over.id));
      } else {
        const translated = active.rect.current.translated;
        const below = translated ? translated.top + translated.height / 2 > over.rect.top + over.rect.height / 2 : false;
        index = overIndex + (below ? 1 : 0);
      }
    }
    const from = { toStatus: found.column.key, index: found.index };
    if (toStatus === from.toStatus && index === from.index) return;
    const placement = { toStatus, index };
    // At once, before the server hears of it; a poll answer read before now is not applied over it.
    moveEpoch.current += 1;
    pending.current.set(found.card.id, (pending.current.get(found.card.id) ?? 0) + 1);
    setBoard((b) => ({ ...b, columns: moveCard(b.columns, found.card.id, placement) }));
    move.mutate({ card: found.card, placement, from });
  };

  const activeFound = activeId ? findCard(board.columns, activeId) : null;
  const active = activeFound?.card ?? null;
  const total = board.columns.reduce((n, c) => n + c.count, 0);

  // Each column's "New" and quick add, made once per set of columns (not per render): a column
  // redraws only when its own cards, target state or loading change.
  const columnKeys = board.columns.map((c) => `${c.key}\u0000${c.label}`).join('\u0001');
  const createFor = useMemo(() => {
    const made = new Map<string, { action: ReactNode; quickAdd: ReactNode }>();
    if (!creates || !key.scope) return made;
    for (const entry of columnKeys.split('\u0001')) {
      const [status, label] = entry.split('\u0000') as [string, string];
      made.set(status, {
        action: (
          <NewBoardItemButton
            kind={key.kind}
            scope={key.scope}
            statusKey={status}
            iconOnly
            label={`New in ${label}`}
            onCreated={(id) => void showCreated(id)}
          />
        ),
        quickAdd: <QuickAdd kind={key.kind} scope={key.scope} statusKey={status} onCreated={(id) => void showCreated(id)} />,
      });
    }
    return made;
  }, [creates, key.kind, key.scope, columnKeys, showCreated]);

  return (
    <div className="space-y-2">
      {creates && key.scope && (
        <div className="flex items-center justify-end gap-2 text-xs text-muted-foreground">
          <span>
            Press <kbd className="rounded border border-border bg-surface px-1 font-mono">c</kbd> to create
          </span>
          <NewBoardItemButton
            kind={key.kind}
            scope={key.scope}
            statusKey={board.columns[0]?.key}
            open={createOpen}
            onOpenChange={setCreateOpen}
            onCreated={(id) => void showCreated(id)}
          />
        </div>
      )}
      <p className="sr-only" aria-live="assertive" role="status" data-testid="board-notice">
        {notice}
      </p>
      {total === 0 && (
        <p className="rounded-lg border border-dashed border-border px-4 py-3 text-sm text-muted-foreground">
          No cards match this board{Object.values(key.filters).some(Boolean) ? ' and its filters' : ''} yet.
        </p>
      )}
      <DndContext
        id={dndId}
        sensors={sensors}
        collisionDetection={detectCollisions}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          setActiveId(null);
          setOverStatus(null);
        }}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'To pick up a card, press space. Move it with the arrow keys, press space again to drop it, or escape to cancel. Press enter to open it.',
          },
        }}
      >
        <div className="-mx-1 flex gap-3 overflow-x-auto px-1 pb-3" data-testid="board">
          {board.columns.map((column) => (
            <BoardColumn
              key={column.key}
              column={column}
              now={now}
              activeId={activeFound?.column.key === column.key ? activeId : null}
              isTarget={overStatus === column.key && activeId !== null}
              canMove={canMove}
              onOpen={setOpenCard}
              onLoadMore={loadMore}
              loadingMore={Boolean(loading[column.key])}
              loadError={loadErrors[column.key] ?? null}
              create={createFor.get(column.key)}
            />
          ))}
        </div>
        <DragOverlay dropAnimation={null}>{active ? <CardBody card={active} now={now} overlay /> : null}</DragOverlay>
      </DndContext>
      <CardPanel
        kind={key.kind}
        card={openCard}
        editable={openCard ? canMove(openCard) : false}
        onClose={() => setOpenCard(null)}
        updateBoardCard={updateBoardCard}
        onSaved={(card) => {
          setOpenCard(card);
          setBoard((b) => ({ ...b, columns: upsertCard(b.columns, card) }));
        }}
        onStale={(card) => void refreshCard(card)}
        canPlan={canPlan}
        onDeleted={(card) => {
          setOpenCard(null);
          removeShown(card.id);
        }}
        onRestored={(card) => void showCreated(card.id)}
      />
    </div>
  );
}
