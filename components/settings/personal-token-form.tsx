'use client';

import { KeyRound } from 'lucide-react';
import { useState } from 'react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import { OneTimeSecret } from './one-time-secret';

export type CreatePersonalApiToken = (input: FormData) => Promise<ActionResult<{ id: string; token: string; name: string; prefix: string }>>;

/** A member makes a token of their own; it is shown here once, never again. */
export function PersonalTokenForm({ createPersonalApiToken }: { createPersonalApiToken: CreatePersonalApiToken }) {
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const create = useAction(createPersonalApiToken, { resetForm: true, onSuccess: setCreated });

  return (
    <div className="space-y-4">
      <form
        onSubmit={(event) => {
          setCreated(null);
          create.submit(event);
        }}
        noValidate
        className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start"
      >
        <TextField label="Token name" name="name" idPrefix="personal-token" placeholder="e.g. my laptop’s agent" error={create.fieldErrors.name} />
        <SubmitButton className="sm:mt-[1.625rem]" pending={create.pending} pendingLabel="Creating…" icon={<KeyRound className="size-4" aria-hidden />}>
          Create personal token
        </SubmitButton>
      </form>
      <FormMessage error={create.error} testId="personal-token-form-message" />
      <div aria-live="polite">
        {created && (
          <OneTimeSecret
            title={`Copy the token for “${created.name}” now. Gantry keeps only its hash and cannot show it again.`}
            value={created.token}
            copyLabel="Copy the token"
            testId="new-personal-token"
          >
            Send it as <code className="font-mono">Authorization: Bearer …</code> to the agent API (<code className="font-mono">/api/v1</code>); it acts as you.
          </OneTimeSecret>
        )}
      </div>
    </div>
  );
}
