'use client';

import { KeyRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import type { ActionResult } from '@/lib/auth/result';

export type ResetPassword = (input: FormData) => Promise<ActionResult<{ email: string }>>;

/** Sets a new password with a one-time link, then goes to sign in with it. */
export function ResetPasswordForm({ token, email, action }: { token: string; email: string; action: ResetPassword }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    if (data.get('password') !== data.get('repeatPassword')) {
      setProblems({ repeatPassword: 'The two passwords differ', form: 'Type the same password twice.' });
      return;
    }
    data.delete('repeatPassword');
    data.set('token', token);
    setPending(true);
    const result = await action(data).catch(() => null);
    if (result?.ok) {
      router.replace('/sign-in?reason=password-reset');
      router.refresh();
      return;
    }
    setPending(false);
    setProblems(result ? { ...result.error.fieldErrors, form: result.error.message } : { form: 'Gantry could not be reached. Try again.' });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField label="Email address" name="email" type="email" value={email} readOnly autoComplete="username" />
      <TextField label="New password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} error={problems.password} hint={PASSWORD_HINT} autoFocus />
      <TextField label="Repeat the new password" name="repeatPassword" type="password" autoComplete="new-password" error={problems.repeatPassword} />
      <FormMessage error={problems.form} />
      <Button type="submit" className="w-full" disabled={pending}>
        <KeyRound className="size-4" aria-hidden />
        {pending ? 'Setting the password…' : 'Set the new password'}
      </Button>
    </form>
  );
}
