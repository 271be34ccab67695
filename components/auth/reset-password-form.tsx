'use client';

import { KeyRound } from 'lucide-react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import { NewPasswordFields } from './new-password-fields';
import { withoutRepeat } from './repeat-password';

export type ResetPassword = (input: FormData) => Promise<ActionResult<{ email: string }>>;

/** Sets a new password with a one-time link, then goes to sign in with it. */
export function ResetPasswordForm({ token, email, action }: { token: string; email: string; action: ResetPassword }) {
  const reset = useAction(action, { goTo: '/sign-in?reason=password-reset' });

  return (
    <form onSubmit={(event) => reset.submit(event, (data) => withoutRepeat(data, reset.refuse))} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField label="Email address" name="email" type="email" value={email} readOnly autoComplete="username" />
      <NewPasswordFields label="New password" errors={reset.fieldErrors} autoFocus />
      <FormMessage error={reset.error} />
      <SubmitButton className="w-full" pending={reset.pending} pendingLabel="Setting the password…" icon={<KeyRound className="size-4" aria-hidden />}>
        Set the new password
      </SubmitButton>
    </form>
  );
}
