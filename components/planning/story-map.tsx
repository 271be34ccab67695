'use client';

import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  pointerWithin,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Map as MapIcon } from 'lucide-react';
import { useId, useState } from 'react';

import { EmptyState } from '@/components/ui/empty-state';
import { FormMessage } from '@/components/ui/field';
import type { PlanningActionInput } from '@/lib/planning/action-types';
import type { StoryMap, StoryMapCard } from '@/lib/planning/story-map-types';

import { WorkflowBand } from './story-map-band';
import { CardFace, NameForm } from './story-map-parts';
import { usePlanning } from './use-planning';

type Dragged = { type: 'card'; cardId: string; activityId: string } | { type: 'activity'; activityId: string };

/** Only what the dragged thing may land on: cards and card zones for a card, activities for an activity. */
const detectCollisions: CollisionDetection = (args) => {
  const kind = (args.active.data.current as Dragged | undefined)?.type;
  const accepts = kind === 'activity' ? ['activity'] : ['card', 'cards'];
  const droppableContainers = args.droppableContainers.filter((c) => accepts.includes(c.data.current?.type as string));
  const scoped = { ...args, droppableContainers };
  if (args.pointerCoordinates) {
    // A card under the pointer wins over the zone around it.
    const within = pointerWithin(scoped).sort(
      (a, b) => Number(b.data?.droppableContainer.data.current?.type === 'card') - Number(a.data?.droppableContainer.data.current?.type === 'card'),
    );
    if (within.length) return within;
  }
  return closestCorners(scoped);
};

/**
 * Arrow keys while a card is picked up: up and down move within its activity (dnd-kit's sortable
 * behaviour); left and right jump to the next activity of the same workflow, level with the card.
 */
const keyboardCoordinates: KeyboardCoordinateGetter = (event, args) => {
  const { collisionRect, droppableRects, droppableContainers, active } = args.context;
  const dragged = active?.data.current as Dragged | undefined;
  if (dragged?.type !== 'card' || (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft')) return sortableKeyboardCoordinates(event, args);
  event.preventDefault();
  if (!collisionRect) return undefined;
  const zones = droppableContainers
    .getEnabled()
    .filter((entry) => entry.data.current?.type === 'cards')
    .map((entry) => ({ activityId: entry.data.current!.activityId as string, rect: droppableRects.get(entry.id) }))
    .filter((z): z is { activityId: string; rect: NonNullable<typeof z.rect> } => Boolean(z.rect));
  // The band the card is in: the zones that start level with the lowest zone top above the card.
  const bandTop = Math.max(...zones.filter((z) => z.rect.top <= collisionRect.top + 4).map((z) => z.rect.top));
  const band = zones.filter((z) => Math.abs(z.rect.top - bandTop) < 4).sort((a, b) => a.rect.left - b.rect.left);
  const centre = collisionRect.left + collisionRect.width / 2;
  const target = event.code === 'ArrowRight' ? band.find((z) => z.rect.left > centre) : band.findLast((z) => z.rect.left + z.rect.width < centre);
  if (!target) return undefined;
  const cards = droppableContainers
    .getEnabled()
    .filter((entry) => entry.data.current?.type === 'card' && entry.data.current.activityId === target.activityId)
    .map((entry) => droppableRects.get(entry.id))
    .filter((rect): rect is NonNullable<typeof rect> => Boolean(rect));
  const level = cards.sort((a, b) => Math.abs(a.top - collisionRect.top) - Math.abs(b.top - collisionRect.top))[0];
  return level ? { x: level.left, y: level.top } : { x: target.rect.left + 8, y: target.rect.top + 8 };
};

function findCard(map: StoryMap, cardId: string): { card: StoryMapCard; activityId: string; index: number } | null {
  for (const w of map.workflows)
    for (const a of w.activities) {
      const index = a.cards.findIndex((c) => c.id === cardId);
      if (index >= 0) return { card: a.cards[index]!, activityId: a.id, index };
    }
  return null;
}

function activityOf(map: StoryMap, activityId: string) {
  for (const w of map.workflows) {
    const index = w.activities.findIndex((a) => a.id === activityId);
    if (index >= 0) return { workflow: w, activity: w.activities[index]!, index };
  }
  return null;
}

/** The map with one card moved (before the server answers). */
function moveCard(map: StoryMap, cardId: string, toActivityId: string, position: number): StoryMap {
  const found = findCard(map, cardId);
  if (!found) return map;
  return {
    ...map,
    workflows: map.workflows.map((w) => ({
      ...w,
      activities: w.activities.map((a) => {
        let cards = a.cards.filter((c) => c.id !== cardId);
        if (a.id === toActivityId) cards = [...cards.slice(0, position), found.card, ...cards.slice(position)];
        return cards.length === a.cards.length && a.id !== toActivityId && a.id !== found.activityId ? a : { ...a, cards };
      }),
    })),
  };
}

function moveActivity(map: StoryMap, activityId: string, position: number): StoryMap {
  return {
    ...map,
    workflows: map.workflows.map((w) => {
      const from = w.activities.findIndex((a) => a.id === activityId);
      if (from < 0) return w;
      const activities = w.activities.filter((a) => a.id !== activityId);
      activities.splice(position, 0, w.activities[from]!);
      return { ...w, activities };
    }),
  };
}

/**
 * A project's story map: workflows as bands, activities as columns, cards under them. Cards move
 * by mouse, touch or keyboard within and between activities, activities within their workflow;
 * every change goes through the planning-action pipeline, and a refused one snaps back with its reason.
 */
export function StoryMapView({ initial, projectId, canEdit }: { initial: StoryMap; projectId: string; canEdit: boolean }) {
  const dndId = useId();
  const [map, setMap] = useState(initial);
  const [dragged, setDragged] = useState<Dragged | null>(null);
  const [notice, setNotice] = useState('');
  // What the server rendered last (after a change, or someone else's) replaces what this page assumed.
  const [rendered, setRendered] = useState(initial);
  if (rendered !== initial) {
    setRendered(initial);
    setMap(initial);
  }
  const planning = usePlanning(projectId, { onError: () => setMap(initial) });
  const send = (actions: PlanningActionInput[]) => planning.run(actions);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: keyboardCoordinates }),
  );

  const titleOf = (id: string | number) => {
    const [kind, key] = String(id).split(':') as [string, string];
    return kind === 'card' ? (findCard(map, key)?.card.title ?? 'the card') : (activityOf(map, key)?.activity.title ?? 'the activity');
  };
  const placeOf = (over: { data: { current?: unknown } } | null) => {
    const data = over?.data.current as (Dragged & { type: string }) | { type: 'cards'; activityId: string } | undefined;
    return data ? `activity ${activityOf(map, data.activityId)?.activity.title ?? ''}` : 'no activity';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up ${titleOf(active.id)}. Use the arrow keys to move it, space to drop it, escape to cancel.`,
    onDragOver: ({ active, over }) => `${titleOf(active.id)} is over ${placeOf(over)}.`,
    onDragEnd: ({ active, over }) => (over ? `Dropped ${titleOf(active.id)} in ${placeOf(over)}.` : `${titleOf(active.id)} was dropped where it started.`),
    onDragCancel: ({ active }) => `Moving ${titleOf(active.id)} was cancelled; it is back where it started.`,
  };

  const onDragStart = ({ active }: DragStartEvent) => {
    setDragged(active.data.current as Dragged);
    setNotice('');
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null);
    const from = active.data.current as Dragged | undefined;
    const to = over?.data.current as { type: string; activityId: string; cardId?: string } | undefined;
    if (!from || !to) return;
    if (from.type === 'card') {
      const source = findCard(map, from.cardId);
      const target = activityOf(map, to.activityId);
      if (!source || !target) return;
      const sameActivity = source.activityId === to.activityId;
      let position = target.activity.cards.length - (sameActivity ? 1 : 0);
      if (to.type === 'card' && to.cardId) position = target.activity.cards.findIndex((c) => c.id === to.cardId);
      if (sameActivity && position === source.index) return;
      setMap(moveCard(map, from.cardId, to.activityId, position));
      setNotice(`Moved “${source.card.title}” to ${target.activity.title}.`);
      send([{ type: 'reorderCard', cardId: from.cardId, activityId: to.activityId, position }]);
    } else if (to.type === 'activity') {
      const source = activityOf(map, from.activityId);
      const target = activityOf(map, to.activityId);
      if (!source || !target || source.workflow.id !== target.workflow.id || source.index === target.index) return;
      setMap(moveActivity(map, from.activityId, target.index));
      send([{ type: 'updateActivity', activityId: from.activityId, position: target.index }]);
    }
  };

  const overlayCard = dragged?.type === 'card' ? findCard(map, dragged.cardId)?.card : null;
  return (
    <div className="space-y-4" data-testid="story-map" {...(dragged ? { 'data-live-hold': '' } : {})}>
      <FormMessage error={planning.error} testId="story-map-message" />
      <p className="sr-only" aria-live="polite">
        {notice}
      </p>
      {map.workflows.length === 0 ? (
        <EmptyState Icon={MapIcon} title="No workflows yet">
          <p>A workflow is one journey through the product (“Sign up”, “Check out”); its activities are the steps, and cards the work under each step.</p>
          {!canEdit && <p className="mt-2">An owner or a manager can plan it.</p>}
        </EmptyState>
      ) : (
        <DndContext
          id={dndId}
          sensors={sensors}
          collisionDetection={detectCollisions}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragged(null)}
          accessibility={{
            announcements,
            screenReaderInstructions: {
              draggable:
                'To pick up a card or an activity, press space. Move it with the arrow keys, press space again to drop it, or escape to cancel. Press enter on a card to open it.',
            },
          }}
        >
          {map.workflows.map((workflow, index) => (
            <WorkflowBand
              key={workflow.id}
              workflow={workflow}
              index={index}
              count={map.workflows.length}
              projectId={projectId}
              canEdit={canEdit}
              dragging={dragged?.type ?? null}
              send={send}
            />
          ))}
          <DragOverlay>
            {overlayCard ? (
              <div className="w-60 rotate-1 space-y-1.5 rounded-lg border border-border bg-surface p-2.5 text-sm shadow-lg ring-2 ring-primary/40">
                <CardFace card={overlayCard} />
              </div>
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      {canEdit && (
        <div className="max-w-md rounded-xl border border-dashed border-border p-3">
          <p className="mb-2 text-sm font-medium">{map.workflows.length === 0 ? 'Start with a workflow' : 'Add a workflow'}</p>
          <NameForm label="New workflow" submitLabel="Add workflow" testId="new-workflow" onSubmit={(title) => send([{ type: 'createWorkflow', title }])} />
        </div>
      )}
    </div>
  );
}
