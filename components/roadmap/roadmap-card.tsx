'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { GripVertical, Link2, UserRound } from 'lucide-react';
import type { KeyboardEventHandler, PointerEventHandler } from 'react';

import { Badge } from '@/components/ui/badge';
import { EntityLink } from '@/components/ui/entity-link';
import { StatusBadge } from '@/components/ui/status';
import type { LaneItem } from '@/lib/roadmap/types';
import { cn } from '@/lib/utils';

/**
 * One roadmap item in its lane. The whole card drags with a mouse or a finger; for the keyboard the
 * grip is the handle (a button: space lifts, arrows move, space drops), and the title a link to the
 * item: siblings, never one control inside another.
 */
export function RoadmapCard({ item, editable }: { item: LaneItem; editable: boolean }) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id: item.id, disabled: !editable });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid={`roadmap-card-${item.id}`}
      onPointerDown={editable ? (listeners?.onPointerDown as PointerEventHandler | undefined) : undefined}
      className={cn(
        'group rounded-lg border border-border bg-surface p-2.5 text-sm shadow-sm',
        editable && 'cursor-grab touch-none select-none active:cursor-grabbing',
        isDragging && 'z-10 opacity-80 shadow-lg ring-2 ring-primary/40',
      )}
    >
      <div className="flex items-start gap-1.5">
        {editable && (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            onKeyDown={listeners?.onKeyDown as KeyboardEventHandler | undefined}
            aria-roledescription="movable roadmap item"
            aria-label={`Move ${item.id}: ${item.title}, ${item.status.label}`}
            data-testid="grip"
            className="-ml-1 mt-0.5 shrink-0 cursor-grab touch-none rounded p-0.5 text-muted-foreground/60 outline-none hover:bg-muted hover:text-muted-foreground focus-visible:ring-2 focus-visible:ring-primary active:cursor-grabbing"
          >
            <GripVertical className="size-3.5" aria-hidden />
          </button>
        )}
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <span className="font-mono text-[11px] text-muted-foreground">{item.id}</span>
            <StatusBadge domain="roadmap" status={item.status.key} label={item.status.label} />
          </div>
          {/* A press on the title follows the link and never starts a drag. */}
          <span className="block" onPointerDown={(e) => e.stopPropagation()}>
            <EntityLink kind="roadmap" id={item.id} variant="subtle" className="font-medium leading-snug">
              {item.title}
            </EntityLink>
          </span>
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            {item.type.key !== 'work' && <Badge tone="violet">{item.type.label}</Badge>}
            {item.unmetDependencies > 0 && (
              <Badge tone="amber">
                <Link2 className="size-3" aria-hidden />
                waits for {item.unmetDependencies}
              </Badge>
            )}
            {item.ownerName && (
              <span className="inline-flex items-center gap-1" title={`Owner: ${item.ownerName}`}>
                <UserRound className="size-3" aria-hidden />
                <span className="sr-only">Owner:</span>
                {item.ownerName}
              </span>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}
