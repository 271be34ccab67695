'use client';

import { UserPlus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, TextField } from '@/components/ui/field';
import type { AddMemberResult } from '@/lib/auth/members';
import { ROLE_LABELS, ROLES } from '@/lib/auth/permissions';
import type { ActionResult } from '@/lib/auth/result';

import { formatInstant } from './format';
import { OneTimeSecret } from './one-time-secret';

export type AddMember = (input: FormData) => Promise<ActionResult<AddMemberResult>>;

/**
 * An owner adds someone by email. A person with an account joins at once; for anyone else the
 * form shows, once, the invitation link the owner sends them (Gantry sends no email).
 */
export function AddMemberForm({ addMember }: { addMember: AddMember }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [success, setSuccess] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<{ link: string; email: string; role: string; expiresAt: Date } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setPending(true);
    setSuccess(null);
    setInvitation(null);
    const result = await addMember(new FormData(form)).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    const added = result.data;
    if (added.kind === 'added') {
      setSuccess(`${added.name} (${added.email}) joined as ${ROLE_LABELS[added.role].toLowerCase()}.`);
    } else {
      setInvitation({
        link: `${window.location.origin}/invite/${added.token}`,
        email: added.email,
        role: ROLE_LABELS[added.role].toLowerCase(),
        expiresAt: new Date(added.expiresAt),
      });
    }
    form.reset();
    router.refresh();
  }

  return (
    <div className="space-y-4">
      <form onSubmit={submit} noValidate className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-start">
        <TextField label="Email address" name="email" type="email" inputMode="email" autoComplete="off" idPrefix="member" placeholder="e.g. grace@example.com" error={problems.email} />
        <SelectField label="Role" name="role" idPrefix="member" defaultValue="viewer" error={problems.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <Button type="submit" className="sm:mt-[1.625rem]" disabled={pending}>
          <UserPlus className="size-4" aria-hidden />
          {pending ? 'Adding…' : 'Add member'}
        </Button>
      </form>
      <FormMessage error={problems.form} success={success} testId="member-form-message" />
      <div aria-live="polite">
        {invitation && (
          <OneTimeSecret
            title={`${invitation.email} has no Gantry account yet. Send them this invitation link; Gantry shows it only now.`}
            value={invitation.link}
            copyLabel="Copy the invitation link"
            testId="new-invitation"
          >
            Whoever opens it creates an account for {invitation.email} and joins as {invitation.role}. It works once, until {formatInstant(invitation.expiresAt)}.
          </OneTimeSecret>
        )}
      </div>
    </div>
  );
}
