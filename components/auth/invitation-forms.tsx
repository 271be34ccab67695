'use client';

import { LogOut, UserPlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import { NewPasswordFields } from './new-password-fields';
import { withoutRepeat } from './repeat-password';

type Joined = ActionResult<{ organisationName: string; role: string }>;
export type CreateInvitedAccount = (input: FormData) => Promise<Joined>;
export type AcceptInvitation = (input: { token: string }) => Promise<Joined>;

/** Someone without an account creates it for the invited address, and joins. */
export function CreateInvitedAccountForm({ token, email, action }: { token: string; email: string; action: CreateInvitedAccount }) {
  const create = useAction(action, { goTo: '/' });
  const problems = create.fieldErrors;

  return (
    <form onSubmit={(event) => create.submit(event, (data) => withoutRepeat(data, create.refuse))} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <TextField label="Email address" name="email" type="email" value={email} readOnly hint="The invitation is for this address; you sign in with it." />
      <TextField label="Your name" name="name" autoComplete="name" error={problems.name} autoFocus />
      <NewPasswordFields errors={problems} />
      <FormMessage error={create.error} />
      <SubmitButton className="w-full" pending={create.pending} pendingLabel="Creating your account…" icon={<UserPlus className="size-4" aria-hidden />}>
        Create my account and join
      </SubmitButton>
    </form>
  );
}

/** A signed-in person with the invited address joins with one click. */
export function AcceptInvitationButton({ token, organisationName, action }: { token: string; organisationName: string; action: AcceptInvitation }) {
  const accept = useAction(action, { goTo: '/' });

  return (
    <div className="space-y-4">
      <FormMessage error={accept.error} />
      <Button className="w-full" onClick={() => accept.run({ token })} disabled={accept.pending}>
        <UserPlus className="size-4" aria-hidden />
        {accept.pending ? 'Joining…' : `Join ${organisationName}`}
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
