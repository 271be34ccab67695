'use client';

import { Check, Copy, KeyRound } from 'lucide-react';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

export type CreateApiToken = (input: FormData) => Promise<ActionResult<{ id: string; token: string; name: string; builderId: string; prefix: string }>>;

/** A manager makes a token for a builder; the token is shown here once, never again. */
export function CreateTokenForm({ builderIds, createApiToken }: { builderIds: string[]; createApiToken: CreateApiToken }) {
  const [created, setCreated] = useState<{ token: string; name: string; builderId: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useAction(createApiToken, { resetForm: true, onSuccess: setCreated });
  const problems = create.fieldErrors;

  async function copy() {
    if (!created) return;
    await navigator.clipboard.writeText(created.token).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  if (builderIds.length === 0) {
    return <p className="text-sm text-muted-foreground">This organisation has no builders yet; a token is made for a builder.</p>;
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={(event) => {
          setCreated(null);
          setCopied(false);
          create.submit(event);
        }}
        noValidate
        className="grid gap-3 sm:grid-cols-[12rem_minmax(0,1fr)_auto] sm:items-start"
      >
        <SelectField label="Builder" name="builderId" idPrefix="token" defaultValue="" error={problems.builderId}>
          <option value="" disabled>
            Choose…
          </option>
          {builderIds.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </SelectField>
        <TextField label="Name" name="name" idPrefix="token" placeholder="e.g. CI runner on build-02" error={problems.name} />
        <SubmitButton className="sm:mt-[1.625rem]" pending={create.pending} pendingLabel="Creating…" icon={<KeyRound className="size-4" aria-hidden />}>
          Create token
        </SubmitButton>
      </form>
      <FormMessage error={create.error} testId="token-form-message" />
      <div aria-live="polite">
        {created && (
          <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4 dark:border-amber-400/30 dark:bg-amber-400/10" data-testid="new-token">
            <p className="text-sm font-medium text-amber-900 dark:text-amber-100">
              Copy the token for “{created.name}” now. Gantry keeps only its hash and cannot show it again.
            </p>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 truncate rounded-md border border-border bg-surface px-3 py-2 font-mono text-xs" data-testid="new-token-value">
                {created.token}
              </code>
              <Button variant="secondary" size="sm" onClick={copy} aria-label="Copy the token">
                {copied ? <Check className="size-4" aria-hidden /> : <Copy className="size-4" aria-hidden />}
                {copied ? 'Copied' : 'Copy'}
              </Button>
            </div>
            <p className="text-xs text-amber-900/80 dark:text-amber-100/80">
              The agent sends it as <code className="font-mono">Authorization: Bearer …</code> and acts as builder <strong>{created.builderId}</strong>.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}
