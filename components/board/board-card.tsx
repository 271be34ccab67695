'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Clock, Link2, OctagonAlert, Paperclip, Hourglass } from 'lucide-react';
import { memo, useCallback, type KeyboardEvent, type Ref } from 'react';

import type { BoardCard as Card } from '@/lib/board/types';
import { cn } from '@/lib/utils';

export function ageOf(since: number, now: number): string {
  const minutes = Math.max(0, Math.round((now - since) / 60_000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}

function initials(name: string): string {
  const words = name
    .replace(/^agent:/, '')
    .split(/[\s._:-]+/)
    .filter(Boolean);
  return (words.length > 1 ? words[0]![0]! + words[1]![0]! : (words[0] ?? '?').slice(0, 2)).toUpperCase();
}

interface BodyProps {
  card: Card;
  now: number;
  dragging?: boolean;
  overlay?: boolean;
}

/**
 * What a card shows: title, owner, labels from its own fields, badges for blockers, dependencies
 * and evidence, age in its column. Memoised: a card redrawn by dnd-kit (every drag start and drop
 * redraws the cards in view) keeps its body unless the card itself changed.
 */
export const CardBody = memo(function CardBody({ card, now, dragging, overlay }: BodyProps) {
  return (
    <div
      className={cn(
        'space-y-2 rounded-lg border border-border bg-surface p-3 text-left shadow-sm transition-shadow',
        dragging && 'opacity-40',
        overlay && 'rotate-1 shadow-lg ring-2 ring-primary/40',
      )}
    >
      <div className="flex items-start gap-2">
        <p className="line-clamp-3 flex-1 text-sm font-medium leading-snug">{card.title}</p>
        {card.ownerName && (
          <span
            title={`Owner: ${card.ownerName}`}
            role="img"
            aria-label={`Owner: ${card.ownerName}`}
            data-testid="card-owner"
            className="grid size-6 shrink-0 place-items-center rounded-full bg-primary/10 text-[10px] font-semibold text-primary"
          >
            <span aria-hidden>{initials(card.ownerName)}</span>
          </span>
        )}
      </div>
      {card.labels.length > 0 && (
        <div className="flex flex-wrap gap-1">
          {card.labels.map((label) => (
            <span key={label} className="rounded bg-muted px-1.5 py-0.5 text-[11px] font-medium text-muted-foreground">
              {label}
            </span>
          ))}
        </div>
      )}
      {card.progress !== null && (
        <div
          className="h-1.5 overflow-hidden rounded-full bg-muted"
          role="progressbar"
          aria-valuenow={card.progress}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-label="Progress"
        >
          <div className="h-full rounded-full bg-primary" style={{ width: `${card.progress}%` }} />
        </div>
      )}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-muted-foreground">
        <span className="font-mono">{card.id.length > 20 ? `${card.id.slice(0, 8)}…` : card.id}</span>
        {card.blockers > 0 && (
          <span
            className="inline-flex items-center gap-1 font-medium text-red-600 dark:text-red-400"
            title={`${card.blockers} open blocker${card.blockers === 1 ? '' : 's'}`}
          >
            <OctagonAlert className="size-3.5" aria-hidden /> {card.blockers}
            <span className="sr-only"> open blockers</span>
          </span>
        )}
        {card.waitingOn > 0 && (
          <span
            className="inline-flex items-center gap-1 font-medium text-amber-700 dark:text-amber-300"
            title={`Waits on ${card.waitingOn} unfinished dependenc${card.waitingOn === 1 ? 'y' : 'ies'}`}
          >
            <Hourglass className="size-3.5" aria-hidden /> {card.waitingOn}
            <span className="sr-only"> unfinished dependencies</span>
          </span>
        )}
        {card.dependencies > 0 && (
          <span className="inline-flex items-center gap-1" title={`${card.dependencies} dependenc${card.dependencies === 1 ? 'y' : 'ies'}`}>
            <Link2 className="size-3.5" aria-hidden /> {card.dependencies}
            <span className="sr-only"> dependencies</span>
          </span>
        )}
        {card.evidence > 0 && (
          <span className="inline-flex items-center gap-1" title={`${card.evidence} piece${card.evidence === 1 ? '' : 's'} of evidence`}>
            <Paperclip className="size-3.5" aria-hidden /> {card.evidence}
            <span className="sr-only"> pieces of evidence</span>
          </span>
        )}
        <span className="ml-auto inline-flex items-center gap-1" title="Time in this column">
          <Clock className="size-3.5" aria-hidden /> {ageOf(card.statusChangedAt, now)}
        </span>
      </div>
    </div>
  );
});

interface CardProps {
  card: Card;
  now: number;
  movable: boolean;
  onOpen: (card: Card) => void;
  measureRef?: Ref<HTMLDivElement>;
  index: number;
  /** Where it sits in the column's scroller (px), absolutely positioned. */
  top: number;
}

/** A card on the board: draggable (mouse, touch, keyboard) when the viewer may move it; Enter or a click opens it. Memoised (its props are stable). */
export const BoardCardItem = memo(function BoardCardItem({ card, now, movable, onOpen, measureRef, index, top }: CardProps) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { type: 'card', status: card.status },
    disabled: !movable,
  });
  const open = (event: KeyboardEvent) => {
    // Enter opens the card (Space too when it cannot be picked up), never while it is being moved.
    if (!isDragging && (event.key === 'Enter' || (!movable && event.key === ' '))) {
      event.preventDefault();
      onOpen(card);
    }
  };
  // Stable (dnd-kit's and the virtualiser's refs are): a new function on each render would make
  // React detach and attach it on every redraw, and the virtualiser measure the card each time
  // (getBoundingClientRect, a forced layout per card in the middle of the commit: on a drop, which
  // redraws every card in view, the largest cost). The virtualiser's ResizeObserver sees real size changes.
  const setRefs = useCallback(
    (node: HTMLDivElement | null) => {
      setNodeRef(node);
      if (typeof measureRef === 'function') measureRef(node);
    },
    [setNodeRef, measureRef],
  );
  return (
    <div ref={setRefs} data-index={index} style={{ position: 'absolute', top, left: 0, width: '100%' }} className="px-1 pb-2">
      <div
        style={{ transform: CSS.Translate.toString(transform), transition }}
        data-testid="board-card"
        data-card-id={card.id}
        className="cursor-pointer rounded-lg outline-none focus-visible:ring-2 focus-visible:ring-primary"
        onClick={() => onOpen(card)}
        {...(movable ? { ...attributes, ...listeners } : { tabIndex: 0, role: 'button' })}
        aria-roledescription={movable ? 'draggable card' : 'card'}
        // The label replaces what the card holds for screen readers, so it names the owner too.
        aria-label={`${card.title} (${card.id})${card.ownerName ? `, owner ${card.ownerName}` : ''}`}
        onKeyDown={(event) => {
          open(event);
          if (!event.defaultPrevented && movable) listeners?.onKeyDown?.(event);
        }}
      >
        <CardBody card={card} now={now} dragging={isDragging} />
      </div>
    </div>
  );
});
