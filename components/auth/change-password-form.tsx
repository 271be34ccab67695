'use client';

import { KeyRound } from 'lucide-react';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import type { ActionResult } from '@/lib/auth/result';

export type ChangePassword = (input: FormData) => Promise<ActionResult<{ sessionsEnded: number }>>;
type Problems = Record<string, string | undefined>;

export function ChangePasswordForm({ changePassword }: { changePassword: ChangePassword }) {
  const [problems, setProblems] = useState<Problems>({});
  const [success, setSuccess] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    setSuccess(null);
    if (data.get('newPassword') !== data.get('repeatPassword')) {
      setProblems({ repeatPassword: 'The two new passwords differ', form: 'Type the same new password twice.' });
      return;
    }
    data.delete('repeatPassword');
    setPending(true);
    const result = await changePassword(data).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    form.reset();
    const ended = result.data.sessionsEnded;
    setSuccess(
      `Your password is changed. ${ended === 0 ? 'You were signed in nowhere else.' : `You were signed out of ${ended} other session${ended === 1 ? '' : 's'}.`}`,
    );
  }

  return (
    <form onSubmit={submit} noValidate className="max-w-md space-y-4">
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={problems.currentPassword} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        error={problems.newPassword}
        hint={PASSWORD_HINT}
      />
      <TextField label="Repeat the new password" name="repeatPassword" type="password" autoComplete="new-password" error={problems.repeatPassword} />
      <FormMessage error={problems.form} success={success} testId="password-form-message" />
      <Button type="submit" disabled={pending}>
        <KeyRound className="size-4" aria-hidden />
        {pending ? 'Changing…' : 'Change password'}
      </Button>
    </form>
  );
}
