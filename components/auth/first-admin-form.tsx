'use client';

import { ShieldCheck } from 'lucide-react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import type { ActionResult } from '@/lib/procedure/result';

import { withoutRepeat } from './repeat-password';

type CreateFirstAdmin = (input: FormData) => Promise<ActionResult<{ organisationName: string }>>;

export function FirstAdminForm({ action, demoOrganisationName }: { action: CreateFirstAdmin; demoOrganisationName: string | null }) {
  const create = useAction(action, { goTo: '/' });
  const problems = create.fieldErrors;

  return (
    <form onSubmit={(event) => create.submit(event, (data) => withoutRepeat(data, create.refuse))} noValidate className="space-y-4">
      <TextField label="Your name" name="name" autoComplete="name" error={problems.name} autoFocus />
      <TextField label="Email address" name="email" type="email" autoComplete="username" inputMode="email" error={problems.email} hint="You sign in with it." />
      {!demoOrganisationName && (
        <TextField
          label="Organisation"
          name="organisationName"
          autoComplete="organization"
          error={problems.organisationName}
          hint="Your company or team, as its members know it."
        />
      )}
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        error={problems.password}
        hint={PASSWORD_HINT}
      />
      <TextField label="Repeat the password" name="repeatPassword" type="password" autoComplete="new-password" error={problems.repeatPassword} />
      <FormMessage error={create.error} />
      <SubmitButton className="w-full" pending={create.pending} pendingLabel="Creating the account…" icon={<ShieldCheck className="size-4" aria-hidden />}>
        Create the admin account
      </SubmitButton>
    </form>
  );
}
