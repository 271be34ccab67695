'use client';

import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState, useTransition } from 'react';

import { Badge } from '@/components/ui/badge';
import { FormMessage } from '@/components/ui/field';
import { Progress } from '@/components/ui/progress';
import type { ActionResult } from '@/lib/procedure/result';
import type { LaneItem, MoveResult, PhaseLane } from '@/lib/roadmap/types';

import { RoadmapCard } from './roadmap-card';
import { limitTone } from './tones';

export type MoveRoadmapItem = (input: {
  id: string;
  toPhase: string;
  beforeId: string | null;
  afterId: string | null;
  version: number;
}) => Promise<ActionResult<MoveResult>>;

type Lanes = Record<string, LaneItem[]>;

const LANE_PREFIX = 'lane:';
const toLanes = (lanes: PhaseLane[]): Lanes => Object.fromEntries(lanes.map((l) => [l.phase.key, l.items]));

/**
 * The phases as lanes. Items move between phases and within one by drag and drop (pointer or
 * keyboard: Space to lift, arrows to move, Space to drop). The move shows at once; the server
 * then decides, and a refusal puts the item back and says why.
 */
export function PhaseBoard({ lanes, moveRoadmapItem }: { lanes: PhaseLane[]; moveRoadmapItem?: MoveRoadmapItem }) {
  const dndId = useId();
  const router = useRouter();
  const [items, setItems] = useState<Lanes>(() => toLanes(lanes));
  const [shown, setShown] = useState(lanes);
  const [message, setMessage] = useState<{ error?: string; success?: string }>({});
  const [, startTransition] = useTransition();
  const snapshot = useRef<Lanes | null>(null);

  // New data from the server (after a move or a filter) replaces the local order.
  if (shown !== lanes) {
    setShown(lanes);
    setItems(toLanes(lanes));
  }

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const phaseLabel = (key: string) => lanes.find((l) => l.phase.key === key)?.phase.label ?? key;

  function laneOf(id: string, from: Lanes = items): string | undefined {
    if (id.startsWith(LANE_PREFIX)) return id.slice(LANE_PREFIX.length);
    return Object.keys(from).find((key) => from[key]!.some((item) => item.id === id));
  }

  function onDragStart(_event: DragStartEvent) {
    snapshot.current = items;
    setMessage({});
  }

  // Crossing into another lane moves the item there at once, so the lane opens a gap for it.
  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) return;
    const from = laneOf(String(active.id));
    const to = laneOf(String(over.id));
    if (!from || !to || from === to) return;
    setItems((current) => {
      const moving = current[from]!.find((i) => i.id === active.id);
      if (!moving) return current;
      const target = current[to]!;
      const overIndex = target.findIndex((i) => i.id === over.id);
      const index = overIndex === -1 ? target.length : overIndex;
      return {
        ...current,
        [from]: current[from]!.filter((i) => i.id !== active.id),
        [to]: [...target.slice(0, index), moving, ...target.slice(index)],
      };
    });
  }

  function onDragCancel() {
    if (snapshot.current) setItems(snapshot.current);
    snapshot.current = null;
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    const before = snapshot.current;
    snapshot.current = null;
    const id = String(active.id);
    const lane = laneOf(id);
    if (!before || !over || !lane) {
      if (before) setItems(before);
      return;
    }
    let list = items[lane]!;
    const overIndex = list.findIndex((i) => i.id === over.id);
    const index = list.findIndex((i) => i.id === id);
    if (overIndex !== -1 && overIndex !== index) list = arrayMove(list, index, overIndex);
    const at = list.findIndex((i) => i.id === id);
    const fromLane = laneOf(id, before)!;
    const fromIndex = before[fromLane]!.findIndex((i) => i.id === id);
    if (fromLane === lane && fromIndex === at) return setItems(before);

    const item = list[at]!;
    setItems({ ...items, [lane]: list });
    const input = { id, toPhase: lane, beforeId: list[at - 1]?.id ?? null, afterId: list[at + 1]?.id ?? null, version: item.version };
    startTransition(async () => {
      const result = await moveRoadmapItem!(input).catch(() => null);
      if (!result || !result.ok) {
        setItems(before);
        setMessage({ error: result ? result.error.message : 'Gantry could not be reached; the item is back where it was. Try again.' });
        return;
      }
      setItems((current) => ({
        ...current,
        [lane]: current[lane]!.map((i) => (i.id === id ? { ...i, version: result.data.version, rank: result.data.rank } : i)),
      }));
      setMessage({
        success: fromLane === lane ? `${id} moved within ${phaseLabel(lane)}.` : `${id} moved from ${phaseLabel(fromLane)} to ${phaseLabel(lane)}.`,
      });
      router.refresh();
    });
  }

  const board = (
    <div className="flex gap-4 overflow-x-auto pb-4" data-testid="phase-board">
      {lanes.map((lane) => (
        <Lane key={lane.phase.key} lane={lane} items={items[lane.phase.key] ?? []} editable={Boolean(moveRoadmapItem)} />
      ))}
    </div>
  );

  return (
    <div className="space-y-3">
      <FormMessage error={message.error} success={message.success} testId="move-message" />
      {moveRoadmapItem ? (
        <DndContext
          id={dndId}
          sensors={sensors}
          collisionDetection={closestCorners}
          onDragStart={onDragStart}
          onDragOver={onDragOver}
          onDragEnd={onDragEnd}
          onDragCancel={onDragCancel}
          accessibility={{
            announcements: {
              onDragStart: ({ active }) => `Picked up ${active.id}.`,
              onDragOver: ({ active, over }) => (over ? `${active.id} is over ${describe(String(over.id))}.` : `${active.id} is no longer over a lane.`),
              onDragEnd: ({ active, over }) => (over ? `${active.id} was dropped on ${describe(String(over.id))}.` : `${active.id} was dropped.`),
              onDragCancel: ({ active }) => `Moving ${active.id} was cancelled; it is back where it was.`,
            },
          }}
        >
          {board}
        </DndContext>
      ) : (
        board
      )}
    </div>
  );

  function describe(overId: string) {
    const lane = laneOf(overId);
    return lane ? `${overId.startsWith(LANE_PREFIX) ? '' : `${overId} in `}${phaseLabel(lane)}` : overId;
  }
}

function Lane({ lane, items, editable }: { lane: PhaseLane; items: LaneItem[]; editable: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: `${LANE_PREFIX}${lane.phase.key}`, disabled: !editable });
  const { progress, active, limit } = lane;
  const hidden = progress.total - lane.items.length;
  const headingId = `lane-${lane.phase.key}-heading`;
  return (
    <section
      aria-labelledby={headingId}
      data-testid={`lane-${lane.phase.key}`}
      className="flex w-64 shrink-0 flex-col rounded-xl border border-border bg-muted/40"
    >
      <header className="space-y-2 border-b border-border px-3 py-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id={headingId} className="font-semibold">
            {lane.phase.label}
          </h2>
          <Badge tone={limitTone(active, limit)}>
            <span title="Active items (not completed or deferred) against the phase limit">
              {active} / {limit} active
            </span>
          </Badge>
        </div>
        <div className="flex items-center gap-2">
          <Progress value={progress.percent} label={`${lane.phase.label} progress`} />
          <span className="w-12 text-right text-xs font-medium tabular-nums">{progress.percent}%</span>
        </div>
        <dl className="grid grid-cols-4 gap-1 text-center text-[11px] text-muted-foreground" data-testid={`lane-${lane.phase.key}-counts`}>
          <Count label="Done" value={progress.completed} />
          <Count label="Doing" value={progress.inProgress} />
          <Count label="Blocked" value={progress.blocked} />
          <Count label="Total" value={progress.total} />
        </dl>
      </header>
      <div ref={setNodeRef} className={`flex min-h-24 flex-1 flex-col gap-2 p-2 transition-colors ${isOver ? 'bg-accent/60' : ''}`}>
        <SortableContext id={lane.phase.key} items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
          <ol aria-label={`${lane.phase.label} items`} className="flex flex-col gap-2">
            {items.map((item) => (
              <RoadmapCard key={item.id} item={item} editable={editable} />
            ))}
          </ol>
        </SortableContext>
        {items.length === 0 && <p className="px-2 py-6 text-center text-xs text-muted-foreground">No items{editable ? ' — drop one here' : ''}.</p>}
        {hidden > 0 && (
          <p className="px-2 pt-1 text-center text-xs text-muted-foreground">{hidden.toLocaleString('en')} more below; narrow with the filters or show more.</p>
        )}
      </div>
    </section>
  );
}

function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="font-semibold tabular-nums text-foreground">{value.toLocaleString('en')}</dd>
    </div>
  );
}
