'use client';

import { KeyRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';

import { OneTimeSecret } from './one-time-secret';

export type CreatePersonalApiToken = (input: FormData) => Promise<ActionResult<{ id: string; token: string; name: string; prefix: string }>>;

/** A member makes a token of their own; it is shown here once, never again. */
export function PersonalTokenForm({ createPersonalApiToken }: { createPersonalApiToken: CreatePersonalApiToken }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setCreated(null);
    const result = await createPersonalApiToken(new FormData(form)).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    setCreated(result.data);
    form.reset();
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start">
        <TextField label="Name" name="name" idPrefix="personal-token" placeholder="e.g. my laptop’s agent" error={problems.name} />
        <Button type="submit" className="sm:mt-[1.625rem]" disabled={pending}>
          <KeyRound className="size-4" aria-hidden />
          {pending ? 'Creating…' : 'Create personal token'}
        </Button>
      </form>
      <FormMessage error={problems.form} testId="personal-token-form-message" />
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
