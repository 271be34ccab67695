'use client';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import type { FormAction } from './standard-form';

/** A new version of a document (or the first of a type); Gantry keeps the SHA-256 of its content. */
export function CharterForm({
  types,
  documents,
  action,
}: {
  types: { key: string; label: string }[];
  documents: { id: string; label: string }[];
  action: FormAction;
}) {
  const add = useAction(action, { success: 'Document added.', resetForm: true });
  const problems = add.fieldErrors;
  return (
    <form onSubmit={add.submit} noValidate className="space-y-3" aria-label="New charter document">
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="New version of" name="replacesId" idPrefix="charter" defaultValue="" error={problems.replacesId}>
          <option value="">— the first document of a type —</option>
          {documents.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Type (for a first document)" name="docTypeKey" idPrefix="charter" defaultValue="" error={problems.docTypeKey}>
          <option value="">—</option>
          {types.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </SelectField>
        <TextField label="Id" name="id" idPrefix="charter" placeholder="charter-roadmap-v3" error={problems.id} />
        <TextField label="Version" name="version" idPrefix="charter" placeholder="3.0" error={problems.version} />
        <TextField label="Title" name="title" idPrefix="charter" error={problems.title} />
        <TextField label="File path (optional)" name="filePath" idPrefix="charter" placeholder="docs/charters/roadmap-v3.md" error={problems.filePath} />
      </div>
      <TextAreaField label="Content" name="content" idPrefix="charter" rows={5} className="font-mono text-xs" error={problems.content} />
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="activate" defaultChecked className="size-4" /> Make it the active document of its type (retires the current one)
      </label>
      <FormMessage error={add.error} success={add.success} testId="charter-form-message" />
      <SubmitButton size="sm" pending={add.pending} pendingLabel="Adding…">
        Add document
      </SubmitButton>
    </form>
  );
}

export function ActivateButton({ doc, action }: { doc: { id: string; title: string }; action: (input: { id: string }) => Promise<ActionResult<unknown>> }) {
  const activate = useAction(action);
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" onClick={() => activate.run({ id: doc.id })} disabled={activate.pending} aria-label={`Activate ${doc.id}`}>
        {activate.pending ? 'Activating…' : 'Activate'}
      </Button>
      {activate.error && <p className="text-xs text-red-600 dark:text-red-400">{activate.error}</p>}
    </div>
  );
}
