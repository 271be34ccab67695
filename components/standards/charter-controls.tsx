'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';

import { useActionForm, type FormAction } from './use-action-form';

/** A new version of a document (or the first of a type); Gantry keeps the SHA-256 of its content. */
export function CharterForm({ types, documents, action }: { types: { key: string; label: string }[]; documents: { id: string; label: string }[]; action: FormAction }) {
  const { submit, pending, problems, done } = useActionForm(action, { success: 'Document added.' });
  return (
    <form onSubmit={submit} noValidate className="space-y-3" aria-label="New charter document">
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
      <div className="space-y-1.5">
        <label htmlFor="charter-content" className="block text-sm font-medium">
          Content
        </label>
        <textarea
          id="charter-content"
          name="content"
          rows={5}
          aria-invalid={problems.content ? true : undefined}
          aria-describedby={problems.content ? 'charter-content-error' : undefined}
          className="w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs shadow-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30"
        />
        {problems.content && (
          <p id="charter-content-error" className="text-xs font-medium text-red-600 dark:text-red-400">
            {problems.content}
          </p>
        )}
      </div>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" name="activate" defaultChecked className="size-4" /> Make it the active document of its type (retires the current one)
      </label>
      <FormMessage error={problems.form} success={done} testId="charter-form-message" />
      <Button type="submit" size="sm" disabled={pending}>
        {pending ? 'Adding…' : 'Add document'}
      </Button>
    </form>
  );
}

export function ActivateButton({ doc, action }: { doc: { id: string; title: string }; action: (input: { id: string }) => Promise<ActionResult<unknown>> }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function activate() {
    setPending(true);
    const result = await action({ id: doc.id }).catch(() => null);
    setPending(false);
    if (!result || !result.ok) return setError(result ? result.error.message : 'Gantry could not be reached. Try again.');
    router.refresh();
  }
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" size="sm" onClick={activate} disabled={pending} aria-label={`Activate ${doc.id}`}>
        {pending ? 'Activating…' : 'Activate'}
      </Button>
      {error && <p className="text-xs text-red-600 dark:text-red-400">{error}</p>}
    </div>
  );
}
