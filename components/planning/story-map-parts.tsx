'use client';

import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { CheckCircle2, FileCheck2, GripVertical, ListChecks, Pencil, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type KeyboardEvent } from 'react';

import { Button } from '@/components/ui/button';
import type { PlanningActionInput } from '@/lib/planning/action-types';
import type { StoryMapActivity, StoryMapCard } from '@/lib/planning/story-map-types';
import { cn } from '@/lib/utils';

export type Send = (actions: PlanningActionInput[]) => void;

const STATUS_LABELS: Record<string, string> = { todo: 'To do', active: 'Active', questions: 'Questions', review: 'Review', production: 'Production' };
const COLORS: Record<string, string> = {
  yellow: 'border-t-amber-400',
  blue: 'border-t-sky-500',
  purple: 'border-t-violet-500',
  green: 'border-t-emerald-500',
  orange: 'border-t-orange-500',
  pink: 'border-t-pink-500',
};

/** A one-field form that names something new, or renames it; Escape closes it. */
export function NameForm({
  label,
  submitLabel,
  initial = '',
  onSubmit,
  onCancel,
  testId,
}: {
  label: string;
  submitLabel: string;
  initial?: string;
  onSubmit: (name: string) => void;
  onCancel?: () => void;
  testId?: string;
}) {
  const [value, setValue] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    onSubmit(value.trim());
    setValue('');
  };
  return (
    <form onSubmit={submit} className="flex items-center gap-1.5" data-testid={testId} onKeyDown={(e) => e.key === 'Escape' && onCancel?.()}>
      <input
        aria-label={label}
        placeholder={label}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        maxLength={200}
        autoFocus={Boolean(onCancel)}
        className="h-8 min-w-0 flex-1 rounded-md border border-border bg-surface px-2 text-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30"
      />
      <Button type="submit" size="sm" variant="secondary" disabled={!value.trim()}>
        {submitLabel}
      </Button>
      {onCancel && (
        <Button size="sm" variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      )}
    </form>
  );
}

/** A card on the map: a draggable button (space picks it up, enter opens its page). */
export function MapCard({ card, activityId, href, canEdit }: { card: StoryMapCard; activityId: string; href: string; canEdit: boolean }) {
  const router = useRouter();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: `card:${card.id}`,
    data: { type: 'card', cardId: card.id, activityId },
    disabled: !canEdit,
  });
  const onKeyDown = (event: KeyboardEvent) => {
    if (!isDragging && event.key === 'Enter') {
      event.preventDefault();
      router.push(href);
      return;
    }
    if (canEdit) listeners?.onKeyDown?.(event);
  };
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }}>
      <div
        {...(canEdit ? { ...attributes, ...listeners } : { tabIndex: 0, role: 'button' })}
        onKeyDown={onKeyDown}
        onClick={() => router.push(href)}
        data-testid="map-card"
        data-card-id={card.id}
        aria-roledescription={canEdit ? 'draggable card' : 'card'}
        aria-label={`${card.title}, ${STATUS_LABELS[card.status] ?? card.status}${card.finalized ? ', finalized' : ''}`}
        className={cn(
          'cursor-pointer space-y-1.5 rounded-lg border border-border bg-surface p-2.5 text-left text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-primary',
          isDragging && 'opacity-40',
        )}
      >
        <CardFace card={card} />
      </div>
    </li>
  );
}

export function CardFace({ card }: { card: StoryMapCard }) {
  return (
    <>
      <p className="line-clamp-3 font-medium leading-snug">{card.title}</p>
      <p className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-[11px] text-muted-foreground">
        <span className="rounded bg-muted px-1.5 py-0.5 font-medium">{STATUS_LABELS[card.status] ?? card.status}</span>
        {card.priority > 0 && <span>P{card.priority}</span>}
        <span className="inline-flex items-center gap-0.5" title="Requirements">
          <ListChecks className="size-3" aria-hidden /> {card.requirements}
        </span>
        <span className="inline-flex items-center gap-0.5" title="Approved planned files">
          <FileCheck2 className="size-3" aria-hidden /> {card.approvedFiles}
        </span>
        {card.finalized && (
          <span className="inline-flex items-center gap-0.5 font-medium text-emerald-700 dark:text-emerald-300">
            <CheckCircle2 className="size-3" aria-hidden /> finalized
          </span>
        )}
      </p>
    </>
  );
}

interface ActivityProps {
  activity: StoryMapActivity;
  projectId: string;
  canEdit: boolean;
  /** What is being dragged: an activity's cards take no drop while an activity moves, and the reverse. */
  dragging: 'card' | 'activity' | null;
  send: Send;
}

/** An activity: a column of cards, sortable within its workflow by its grip, a drop zone for cards. */
export function ActivityColumn({ activity, projectId, canEdit, dragging, send }: ActivityProps) {
  const [renaming, setRenaming] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: `activity:${activity.id}`,
    data: { type: 'activity', activityId: activity.id },
    disabled: { draggable: !canEdit, droppable: dragging === 'card' },
  });
  const { setNodeRef: setZoneRef, isOver } = useDroppable({
    id: `cards:${activity.id}`,
    data: { type: 'cards', activityId: activity.id },
    disabled: dragging === 'activity',
  });
  return (
    <section
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      aria-label={`Activity ${activity.title}`}
      data-testid="map-activity"
      data-activity-id={activity.id}
      className={cn(
        'flex w-64 shrink-0 flex-col rounded-xl border border-t-4 border-border bg-muted/40',
        COLORS[activity.color ?? ''] ?? 'border-t-border',
        isDragging && 'opacity-50',
      )}
    >
      <header className="flex items-center gap-1 px-2 pt-2">
        {canEdit && (
          <button
            type="button"
            {...attributes}
            {...listeners}
            aria-roledescription="draggable activity"
            aria-label={`Move activity ${activity.title}`}
            className="rounded p-1 text-muted-foreground hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
          >
            <GripVertical className="size-4" aria-hidden />
          </button>
        )}
        {renaming ? (
          <NameForm
            label="Activity name"
            submitLabel="Save"
            initial={activity.title}
            onCancel={() => setRenaming(false)}
            onSubmit={(title) => {
              setRenaming(false);
              send([{ type: 'updateActivity', activityId: activity.id, title }]);
            }}
          />
        ) : (
          <h3 className="min-w-0 flex-1 truncate text-sm font-semibold">{activity.title}</h3>
        )}
        <span className="text-xs tabular-nums text-muted-foreground" aria-label={`${activity.cards.length} cards`}>
          {activity.cards.length}
        </span>
        {canEdit && !renaming && (
          <>
            <Button size="sm" variant="ghost" className="h-7 px-1.5" aria-label={`Rename activity ${activity.title}`} onClick={() => setRenaming(true)}>
              <Pencil className="size-3.5" aria-hidden />
            </Button>
            <Button size="sm" variant="ghost" className="h-7 px-1.5" aria-label={`Delete activity ${activity.title}`} onClick={() => setConfirming(true)}>
              <Trash2 className="size-3.5" aria-hidden />
            </Button>
          </>
        )}
      </header>
      {confirming && (
        <div
          className="mx-2 mt-2 flex flex-wrap items-center gap-2 rounded-md border border-red-300 p-2 text-xs dark:border-red-400/40"
          role="group"
          aria-label="Delete activity?"
        >
          <span>
            Delete “{activity.title}” and its {activity.cards.length} cards?
          </span>
          <Button
            size="sm"
            variant="danger"
            autoFocus
            onClick={() => {
              setConfirming(false);
              send([{ type: 'deleteActivity', activityId: activity.id }]);
            }}
          >
            Delete
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Keep
          </Button>
        </div>
      )}
      <SortableContext items={activity.cards.map((c) => `card:${c.id}`)} strategy={verticalListSortingStrategy}>
        <ul
          ref={setZoneRef}
          data-testid="activity-cards"
          className={cn('flex min-h-16 flex-1 flex-col gap-2 p-2', isOver && 'rounded-lg bg-primary/5 ring-2 ring-primary/30')}
        >
          {activity.cards.map((card) => (
            <MapCard key={card.id} card={card} activityId={activity.id} canEdit={canEdit} href={`/planning/${projectId}/cards/${card.id}`} />
          ))}
          {activity.cards.length === 0 && <li className="px-1 py-3 text-center text-xs text-muted-foreground">No cards yet.</li>}
        </ul>
      </SortableContext>
      {canEdit && (
        <div className="p-2 pt-0">
          <NameForm
            label={`New card in ${activity.title}`}
            submitLabel="Add"
            onSubmit={(title) => send([{ type: 'createCard', activityId: activity.id, title }])}
          />
        </div>
      )}
    </section>
  );
}
