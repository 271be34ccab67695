'use client';

import { ShieldCheck } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import type { ActionResult } from '@/lib/auth/result';

type CreateFirstAdmin = (input: FormData) => Promise<ActionResult<{ organisationName: string }>>;
type Problems = Record<string, string | undefined> & { form?: string };

export function FirstAdminForm({ action, demoOrganisationName }: { action: CreateFirstAdmin; demoOrganisationName: string | null }) {
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
    setPending(true);
    setProblems({});
    try {
      const result = await action(data);
      if (result.ok) {
        // Every server component reads the new session: leave this page and drop cached ones.
        router.replace('/');
        router.refresh();
        return;
      }
      setProblems({ ...result.error.fieldErrors, form: result.error.message });
    } catch {
      setProblems({ form: 'Gantry could not be reached. Check your connection and try again.' });
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <TextField label="Your name" name="name" autoComplete="name" error={problems.name} autoFocus />
      <TextField label="Email address" name="email" type="email" autoComplete="username" inputMode="email" error={problems.email} hint="You sign in with it." />
      {!demoOrganisationName && (
        <TextField label="Organisation" name="organisationName" autoComplete="organization" error={problems.organisationName} hint="Your company or team, as its members know it." />
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
      <FormMessage error={problems.form} />
      <Button type="submit" className="w-full" disabled={pending}>
        <ShieldCheck className="size-4" aria-hidden />
        {pending ? 'Creating the account…' : 'Create the admin account'}
      </Button>
    </form>
  );
}
