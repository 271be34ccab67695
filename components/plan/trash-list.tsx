'use client';

import { RotateCcw } from 'lucide-react';
import { toast } from 'sonner';

import { restorePlanItem } from '@/app/(dashboard)/programs/actions';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import { PLAN_NOUNS, type PlanKind } from '@/lib/plan/kinds';
import type { TrashEntry } from '@/lib/plan/trash';

/** One row of the Trash: what it is, who deleted it when, and Restore (refused, in words, while its parent is in the Trash). */
export function RestoreButton({ kind, id, name }: { kind: PlanKind; id: string; name: string }) {
  const restore = useAction(restorePlanItem, {
    onSuccess: () => void toast.success(`Restored ${PLAN_NOUNS[kind].one} “${name}”.`),
  });
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="secondary"
        size="sm"
        onClick={() => restore.run({ kind, id })}
        disabled={restore.pending}
        aria-label={`Restore ${PLAN_NOUNS[kind].one} ${name}`}
      >
        <RotateCcw className="size-3.5" aria-hidden />
        {restore.pending ? 'Restoring…' : 'Restore'}
      </Button>
      {restore.error && (
        <span role="alert" className="max-w-72 text-right text-xs text-red-600 dark:text-red-400">
          {restore.error}
        </span>
      )}
    </span>
  );
}

export function TrashList({ entries }: { entries: (Omit<TrashEntry, 'deletedAt'> & { when: string })[] }) {
  return (
    <ul className="divide-y divide-border" data-testid="trash-list">
      {entries.map((e) => (
        <li key={`${e.kind}:${e.id}`} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="trash-entry">
          <div className="min-w-0">
            <p className="text-sm font-medium">{e.name}</p>
            <p className="text-xs text-muted-foreground">
              {PLAN_NOUNS[e.kind].one} <span className="font-mono">{e.id}</span>
              {e.parent ? ` · of ${e.parent}` : ''} · deleted by {e.deletedBy} {e.when}
            </p>
          </div>
          <RestoreButton kind={e.kind} id={e.id} name={e.name} />
        </li>
      ))}
    </ul>
  );
}
