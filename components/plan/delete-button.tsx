'use client';

import { useQueryClient } from '@tanstack/react-query';
import { Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';

import { deletePlanItem, restorePlanItem } from '@/app/(dashboard)/programs/actions';
import { Button } from '@/components/ui/button';
import { UNREACHABLE, useAction } from '@/components/ui/use-action';
import { PLAN_NOUNS, type PlanKind } from '@/lib/plan/kinds';

/** How long the undo toast stays. */
export const UNDO_MS = 8000;

/**
 * Moves an item to the Trash (soft delete) and offers Undo for a few seconds; the database refuses
 * when live rows depend on it, and the toast says why. After the delete, `onDeleted` (e.g. close
 * the panel, or leave the item's page with `goTo`).
 */
export function DeletePlanItemButton({
  kind,
  id,
  name,
  onDeleted,
  onRestored,
  goTo,
  size = 'sm',
}: {
  kind: PlanKind;
  id: string;
  name: string;
  onDeleted?: () => void;
  onRestored?: () => void;
  /** A page to go to after deleting (the item's own page is gone). */
  goTo?: string;
  size?: 'sm' | 'md';
}) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const noun = PLAN_NOUNS[kind].one;
  const forgetOptions = () => void queryClient.invalidateQueries({ queryKey: ['plan-options'] });

  const restore = useAction(restorePlanItem, {
    onSuccess: () => {
      toast.success(`Restored ${noun} “${name}”.`);
      forgetOptions();
      onRestored?.();
    },
    onError: (error) => void toast.error('Not restored', { description: error.message }),
  });
  const remove = useAction(deletePlanItem, {
    onSuccess: () => {
      toast(`Moved ${noun} “${name}” to the Trash.`, { duration: UNDO_MS, action: { label: 'Undo', onClick: () => restore.run({ kind, id }) } });
      forgetOptions();
      onDeleted?.();
      if (goTo) router.push(goTo);
    },
    onError: (error) => void toast.error(`The ${noun} stays`, { description: error.message, duration: 10_000 }),
  });
  // A request that never got an answer (useAction words it).
  const unreachable = remove.error === UNREACHABLE || restore.error === UNREACHABLE;

  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        variant="danger"
        size={size}
        onClick={() => remove.run({ kind, id })}
        disabled={remove.pending}
        aria-label={`Delete ${noun} ${name}`}
        data-testid="delete-plan-item"
      >
        <Trash2 className="size-3.5" aria-hidden />
        {remove.pending ? 'Deleting…' : 'Delete'}
      </Button>
      {unreachable && (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {UNREACHABLE}
        </span>
      )}
    </span>
  );
}
