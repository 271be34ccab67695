'use client';

import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';
import type { StandardSummary } from '@/lib/standards/standards';

type Option = { key: string; label: string };
export type FormAction = (input: FormData) => Promise<ActionResult<unknown>>;

/** Creates a standard (with the first place it applies to) or edits one. */
export function StandardForm({
  standard,
  levels,
  checkTypes,
  action,
}: {
  standard?: StandardSummary;
  levels: Option[];
  checkTypes: Option[];
  action: FormAction;
}) {
  const editing = Boolean(standard);
  const save = useAction(action, { success: editing ? 'Saved.' : 'Standard created.', resetForm: !editing });
  const problems = save.fieldErrors;
  const idPrefix = standard ? `edit-${standard.id}` : 'new-standard';
  return (
    <form onSubmit={save.submit} noValidate className="space-y-3" aria-label={editing ? `Edit ${standard!.id}` : 'New standard'}>
      <div className="grid gap-3 sm:grid-cols-3">
        {editing ? (
          <input type="hidden" name="id" value={standard!.id} />
        ) : (
          <TextField label="Id" name="id" idPrefix={idPrefix} placeholder="STD-PRD-006" error={problems.id} />
        )}
        <TextField label="Name" name="name" idPrefix={idPrefix} defaultValue={standard?.name} error={problems.name} />
        <SelectField label="Level" name="levelKey" idPrefix={idPrefix} defaultValue={standard?.levelKey ?? 'product'} error={problems.levelKey}>
          {levels.map((l) => (
            <option key={l.key} value={l.key}>
              {l.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Check type"
          name="checkTypeKey"
          idPrefix={idPrefix}
          defaultValue={standard?.checkTypeKey ?? 'boolean'}
          error={problems.checkTypeKey}
        >
          {checkTypes.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Command"
          name="checkCommand"
          idPrefix={idPrefix}
          defaultValue={standard?.checkCommand ?? ''}
          placeholder="npm test"
          error={problems.checkCommand}
        />
        <TextField label="Pattern (regex)" name="checkPattern" idPrefix={idPrefix} defaultValue={standard?.checkPattern ?? ''} error={problems.checkPattern} />
        <TextField
          label="Minimum"
          name="thresholdMin"
          idPrefix={idPrefix}
          inputMode="decimal"
          defaultValue={standard?.thresholdMin ?? ''}
          error={problems.thresholdMin}
        />
        <TextField
          label="Maximum"
          name="thresholdMax"
          idPrefix={idPrefix}
          inputMode="decimal"
          defaultValue={standard?.thresholdMax ?? ''}
          error={problems.thresholdMax}
        />
        <label className="flex items-center gap-2 self-end pb-2 text-sm font-medium">
          <input type="checkbox" name="isBlocking" defaultChecked={standard?.isBlocking ?? true} className="size-4 accent-[var(--primary)]" />
          Blocks a release when it fails
        </label>
      </div>
      <TextField
        label="Message when it fails"
        name="failureMessage"
        idPrefix={idPrefix}
        defaultValue={standard?.failureMessage}
        error={problems.failureMessage}
      />
      {!editing && (
        <div className="grid gap-3 sm:grid-cols-2">
          <AppliesToFields levels={levels} idPrefix={idPrefix} problems={problems} placeholder="motus" />
        </div>
      )}
      <FormMessage error={save.error} success={save.success} testId={`${idPrefix}-message`} />
      <SubmitButton size="sm" pending={save.pending} pendingLabel="Saving…">
        {editing ? 'Save changes' : 'Create standard'}
      </SubmitButton>
    </form>
  );
}

/**
 * Where a standard applies: the level (program, product, …) and the id of the thing at that
 * level, suggested from the page's `entity-suggestions` list.
 */
export function AppliesToFields({
  levels,
  idPrefix,
  problems,
  placeholder,
}: {
  levels: Option[];
  idPrefix: string;
  problems: Record<string, string | undefined>;
  placeholder?: string;
}) {
  return (
    <>
      <SelectField label="Applies to" name="entityType" idPrefix={idPrefix} defaultValue="product" error={problems.entityType}>
        {levels.map((l) => (
          <option key={l.key} value={l.key}>
            {l.label}
          </option>
        ))}
      </SelectField>
      <TextField label="Its id" name="entityId" idPrefix={idPrefix} list="entity-suggestions" placeholder={placeholder} error={problems.entityId} />
    </>
  );
}
