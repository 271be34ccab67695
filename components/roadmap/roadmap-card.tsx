'use client';

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { GripVertical, Link2, UserRound } from 'lucide-react';
import Link from 'next/link';

import { Badge } from '@/components/ui/badge';
import { StatusBadge } from '@/components/ui/status';
import type { LaneItem } from '@/lib/roadmap/types';
import { cn } from '@/lib/utils';

/** One roadmap item in its lane; the whole card is the drag handle (the title is a link to its panel). */
export function RoadmapCard({ item, editable }: { item: LaneItem; editable: boolean }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: item.id, disabled: !editable });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid={`roadmap-card-${item.id}`}
      className={cn(
        'group rounded-lg border border-border bg-surface p-2.5 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-primary',
        editable && 'cursor-grab touch-none select-none active:cursor-grabbing',
        isDragging && 'z-10 opacity-80 shadow-lg ring-2 ring-primary/40',
      )}
      {...(editable
        ? { ...attributes, ...listeners, 'aria-roledescription': 'movable roadmap item', 'aria-label': `${item.id}: ${item.title}, ${item.status.label}` }
        : {})}
    >
      <div className="flex items-start gap-1.5">
        {editable && <GripVertical className="mt-0.5 size-3.5 shrink-0 text-muted-foreground/60" aria-hidden />}
        <div className="min-w-0 flex-1 space-y-1.5">
          <div className="flex items-center justify-between gap-2">
            <span className="font-mono text-[11px] text-muted-foreground">{item.id}</span>
            <StatusBadge domain="roadmap" status={item.status.key} label={item.status.label} />
          </div>
          <Link
            href={`/roadmap/items/${encodeURIComponent(item.id)}`}
            className="block font-medium leading-snug hover:underline focus-visible:outline-2 focus-visible:outline-primary"
            onPointerDown={(e) => e.stopPropagation()}
          >
            {item.title}
          </Link>
          <div className="flex flex-wrap items-center gap-1.5 text-xs text-muted-foreground">
            {item.type.key !== 'work' && <Badge tone="violet">{item.type.label}</Badge>}
            {item.unmetDependencies > 0 && (
              <Badge tone="amber">
                <Link2 className="size-3" aria-hidden />
                waits for {item.unmetDependencies}
              </Badge>
            )}
            {item.owner && (
              <span className="inline-flex items-center gap-1">
                <UserRound className="size-3" aria-hidden />
                {item.owner}
              </span>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}
