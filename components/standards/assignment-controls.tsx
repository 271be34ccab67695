'use client';

import { X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';

import { useActionForm, type FormAction } from './use-action-form';

export function AssignForm({ standardId, levels, action }: { standardId: string; levels: { key: string; label: string }[]; action: FormAction }) {
  const { submit, pending, problems, done } = useActionForm(action, { success: 'Assigned.' });
  const idPrefix = `assign-${standardId}`;
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label={`Assign ${standardId}`}>
      <input type="hidden" name="standardId" value={standardId} />
      <div className="grid gap-2 sm:grid-cols-[9rem_minmax(0,1fr)_auto] sm:items-start">
        <SelectField label="Applies to" name="entityType" idPrefix={idPrefix} defaultValue="product" error={problems.entityType}>
          {levels.map((l) => (
            <option key={l.key} value={l.key}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Its id" name="entityId" idPrefix={idPrefix} list="entity-suggestions" error={problems.entityId} />
        <Button type="submit" size="sm" variant="secondary" className="sm:mt-[1.625rem]" disabled={pending}>
          Assign
        </Button>
      </div>
      <label className="flex items-center gap-2 text-xs text-muted-foreground">
        <input type="checkbox" name="isInherited" className="size-3.5" /> Inherited from a higher level
      </label>
      <FormMessage error={problems.form} success={done} testId={`${idPrefix}-message`} />
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
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function remove() {
    setPending(true);
    const result = await action({ assignmentId: assignment.id }).catch(() => null);
    setPending(false);
    if (!result || !result.ok) return setError(result ? result.error.message : 'Gantry could not be reached. Try again.');
    router.refresh();
  }
  return (
    <>
      <button
        type="button"
        onClick={remove}
        disabled={pending}
        aria-label={`Stop applying to ${assignment.label}`}
        className="rounded p-0.5 text-muted-foreground hover:bg-muted hover:text-foreground disabled:opacity-50"
      >
        <X className="size-3" aria-hidden />
      </button>
      {error && <FormMessage error={error} />}
    </>
  );
}
