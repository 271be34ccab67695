'use client';

import { Plus } from 'lucide-react';

import { createChangeRequest, createRoadmapItem } from '@/app/(dashboard)/programs/actions';
import { useAction } from '@/components/ui/use-action';
import type { BoardKind, BoardScope } from '@/lib/board/kinds';
import { PLAN_NOUNS, type PlanKind } from '@/lib/plan/kinds';

import { NewBugButton } from './bug-form';
import { NewChangeRequestButton } from './cr-form';
import { usePlanOptions } from './plan-dialog';
import { NewRoadmapItemButton } from './roadmap-item-form';
import { NewTaskButton } from './wave-form';

/** The plan kind a board kind creates (planning cards are made by the planner, not here). */
export const BOARD_PLAN_KIND: Partial<Record<BoardKind, PlanKind>> = { cr: 'cr', roadmap: 'roadmap', task: 'task', bug: 'bug' };

interface CreateProps {
  kind: BoardKind;
  /** The board's scope, e.g. { type: 'product', id: 'motus' }. */
  scope: BoardScope;
  /** The column it starts in. */
  statusKey?: string;
  iconOnly?: boolean;
  label?: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  onCreated?: (id: string) => void;
}

/** "New …" for a board: the kind's create dialog, with the board's scope (and the column) filled in. */
export function NewBoardItemButton({ kind, scope: s, statusKey, ...rest }: CreateProps) {
  const programId = s.type === 'program' ? s.id : undefined;
  const productId = s.type === 'product' ? s.id : undefined;
  const options = usePlanOptions(kind === 'bug' && Boolean(programId));
  switch (kind) {
    case 'cr':
      return <NewChangeRequestButton productId={productId} programId={programId} statusKey={statusKey} {...rest} />;
    case 'roadmap':
      return <NewRoadmapItemButton programId={programId} productId={productId} statusKey={statusKey} {...rest} />;
    case 'task':
      return <NewTaskButton waveId={s.type === 'wave' ? s.id : undefined} programId={programId} statusKey={statusKey} {...rest} />;
    case 'bug': {
      const productIds = productId
        ? [productId]
        : programId
          ? (options.data?.products.filter((p) => p.programId === programId).map((p) => p.id) ?? [])
          : undefined;
      return <NewBugButton productIds={productIds} statusKey={statusKey} {...rest} />;
    }
    default:
      return null;
  }
}

/**
 * The quick add at the top of a column: type a title, press Enter. For change requests and
 * roadmap items on a product's board (or a program's, for roadmap items) nothing else is needed;
 * other kinds need more than a title, and the column's "New" opens their form.
 */
export function QuickAdd({ kind, scope: s, statusKey, onCreated }: { kind: BoardKind; scope: BoardScope; statusKey: string; onCreated: (id: string) => void }) {
  const roadmap = useAction(createRoadmapItem, { refresh: false, resetForm: true, onSuccess: (data) => onCreated(data.id) });
  const cr = useAction(createChangeRequest, { refresh: false, resetForm: true, onSuccess: (data) => onCreated(data.id) });
  const options = usePlanOptions(kind === 'roadmap');
  const fits = (kind === 'cr' && s.type === 'product') || (kind === 'roadmap' && (s.type === 'program' || s.type === 'product'));
  if (!fits) return null;
  const save = kind === 'cr' ? cr : roadmap;
  const firstPhase = options.data?.terms.roadmap_phase[0]?.key;
  // A roadmap item needs a phase: the quick add waits for the organisation's phases rather than send none.
  const waiting = kind === 'roadmap' && !firstPhase;
  const label = `Add a ${PLAN_NOUNS[BOARD_PLAN_KIND[kind]!].one} to this column`;
  return (
    <form
      className="mx-1.5 mb-2"
      noValidate
      onSubmit={(event) => {
        const title = (data: FormData) => String(data.get('title') ?? '');
        if (kind === 'cr') cr.submit(event, (data) => ({ productId: s.id, title: title(data), statusKey }));
        else
          roadmap.submit(event, (data) => ({
            title: title(data),
            statusKey,
            phaseKey: firstPhase ?? '',
            [s.type === 'program' ? 'programId' : 'productId']: s.id,
          }));
      }}
    >
      <div className="flex items-center gap-1 rounded-lg border border-dashed border-border bg-surface/60 px-2 focus-within:border-primary">
        <Plus className="size-3.5 shrink-0 text-muted-foreground" aria-hidden />
        <input
          name="title"
          aria-label={label}
          placeholder={
            !waiting
              ? 'Quick add: title, Enter'
              : options.isError
                ? 'Quick add: the phases did not load'
                : options.data
                  ? 'Quick add: the organisation has no roadmap phase'
                  : 'Quick add: loading…'
          }
          maxLength={300}
          disabled={save.pending || waiting}
          className="h-8 w-full bg-transparent text-sm outline-none placeholder:text-muted-foreground/70"
          data-testid="quick-add"
          aria-invalid={save.error ? true : undefined}
          aria-describedby={save.error ? `quick-add-${statusKey}-error` : undefined}
        />
      </div>
      {save.error && (
        <p id={`quick-add-${statusKey}-error`} role="alert" className="mt-1 px-1 text-xs text-red-600 dark:text-red-400">
          {save.fieldErrors.title ?? save.error}
        </p>
      )}
    </form>
  );
}
