'use client';

import { LogOut, UserPlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import type { ActionResult } from '@/lib/auth/result';

type Joined = ActionResult<{ organisationName: string; role: string }>;
export type CreateInvitedAccount = (input: FormData) => Promise<Joined>;
export type AcceptInvitation = (input: { token: string }) => Promise<Joined>;
type Problems = Record<string, string | undefined>;

/** Someone without an account creates it for the invited address, and joins. */
export function CreateInvitedAccountForm({ token, email, action }: { token: string; email: string; action: CreateInvitedAccount }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Problems>({});
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
    setProblems({});
    const result = await action(data).catch(() => null);
    if (result?.ok) {
      router.replace('/');
      router.refresh();
      return;
    }
    setPending(false);
    setProblems(result ? { ...result.error.fieldErrors, form: result.error.message } : { form: 'Gantry could not be reached. Try again.' });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField label="Email address" name="email" type="email" value={email} readOnly hint="The invitation is for this address; you sign in with it." />
      <TextField label="Your name" name="name" autoComplete="name" error={problems.name} autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="new-password" minLength={PASSWORD_MIN_LENGTH} error={problems.password} hint={PASSWORD_HINT} />
      <TextField label="Repeat the password" name="repeatPassword" type="password" autoComplete="new-password" error={problems.repeatPassword} />
      <FormMessage error={problems.form} />
      <Button type="submit" className="w-full" disabled={pending}>
        <UserPlus className="size-4" aria-hidden />
        {pending ? 'Creating your account…' : 'Create my account and join'}
      </Button>
    </form>
  );
}

/** A signed-in person with the invited address joins with one click. */
export function AcceptInvitationButton({ token, organisationName, action }: { token: string; organisationName: string; action: AcceptInvitation }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function accept() {
    setPending(true);
    const result = await action({ token }).catch(() => null);
    if (result?.ok) {
      router.replace('/');
      router.refresh();
      return;
    }
    setPending(false);
    setError(result ? result.error.message : 'Gantry could not be reached. Try again.');
  }

  return (
    <div className="space-y-4">
      <FormMessage error={error} />
      <Button className="w-full" onClick={accept} disabled={pending}>
        <UserPlus className="size-4" aria-hidden />
        {pending ? 'Joining…' : `Join ${organisationName}`}
      </Button>
    </div>
  );
}

/** Signs out and stays on this page, to open the invitation as someone else. */
export function SignOutHereButton() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);

  async function signOut() {
    const response = await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => null);
    if (!response?.ok) return setError('Signing out failed. Try again.');
    router.refresh();
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" className="w-full" onClick={signOut}>
        <LogOut className="size-4" aria-hidden />
        Sign out
      </Button>
      <FormMessage error={error} />
    </div>
  );
}
