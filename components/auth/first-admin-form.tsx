'use client';

import { ShieldCheck } from 'lucide-react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import { NewPasswordFields } from './new-password-fields';
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
      <NewPasswordFields errors={problems} />
      <FormMessage error={create.error} />
      <SubmitButton className="w-full" pending={create.pending} pendingLabel="Creating the account…" icon={<ShieldCheck className="size-4" aria-hidden />}>
        Create the admin account
      </SubmitButton>
    </form>
  );
}
