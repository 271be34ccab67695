'use client';

import { X } from 'lucide-react';

import { FormMessage, SubmitButton } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import { AppliesToFields, type FormAction } from './standard-form';

export function AssignForm({ standardId, levels, action }: { standardId: string; levels: { key: string; label: string }[]; action: FormAction }) {
  const assign = useAction(action, { success: 'Assigned.', resetForm: true });
  const problems = assign.fieldErrors;
  const idPrefix = `assign-${standardId}`;
  return (
    <form onSubmit={assign.submit} noValidate className="space-y-2" aria-label={`Assign ${standardId}`}>
      <input type="hidden" name="standardId" value={standardId} />
      <div className="grid gap-2 sm:grid-cols-[9rem_minmax(0,1fr)_auto] sm:items-start">
        <AppliesToFields levels={levels} idPrefix={idPrefix} problems={problems} />
        <SubmitButton size="sm" variant="secondary" className="sm:mt-[1.625rem]" pending={assign.pending} pendingLabel="Assign">
          Assign
        </SubmitButton>
      </div>
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        <input type="checkbox" name="isInherited" className="size-3.5" /> Inherited from a higher level
      </label>
      <FormMessage error={assign.error} success={assign.success} testId={`${idPrefix}-message`} />
    </form>
  );
}

export function UnassignButton({
  assignment,
  action,
}: {
  assignment: { id: number; label: string };
  action: (input: { assignmentId: number }) => Promise<ActionResult<unknown>>;
}) {
  const remove = useAction(action);
  return (
    <>
      <button
        type="button"
        onClick={() => remove.run({ assignmentId: assignment.id })}
        disabled={remove.pending}
        aria-label={`Stop applying to ${assignment.label}`}
        className="rounded p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50"
      >
        <X className="size-3" aria-hidden />
      </button>
      {remove.error && <FormMessage error={remove.error} />}
    </>
  );
}
