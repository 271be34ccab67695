'use client';

import { UserPlus } from 'lucide-react';
import { useState } from 'react';

import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { AddMemberResult } from '@/lib/organisations/members';
import { ROLE_LABELS, ROLES } from '@/lib/organisations/permissions';
import type { ActionResult } from '@/lib/procedure/result';

import { formatInstant } from './format';
import { OneTimeSecret } from './one-time-secret';

export type AddMember = (input: FormData) => Promise<ActionResult<AddMemberResult>>;

/**
 * An owner adds someone by email. A person with an account joins at once; for anyone else the
 * form shows, once, the invitation link the owner sends them (Gantry sends no email).
 */
export function AddMemberForm({ addMember }: { addMember: AddMember }) {
  const [invitation, setInvitation] = useState<{ link: string; email: string; role: string; expiresAt: Date } | null>(null);
  const add = useAction(addMember, {
    resetForm: true,
    success: (added) => (added.kind === 'added' ? `${added.name} (${added.email}) joined as ${ROLE_LABELS[added.role].toLowerCase()}.` : ''),
    onSuccess: (added) =>
      setInvitation(
        added.kind === 'added'
          ? null
          : {
              link: `${window.location.origin}/invite/${added.token}`,
              email: added.email,
              role: ROLE_LABELS[added.role].toLowerCase(),
              expiresAt: new Date(added.expiresAt),
            },
      ),
  });
  const problems = add.fieldErrors;

  return (
    <div className="space-y-4">
      <form
        onSubmit={(event) => {
          setInvitation(null);
          add.submit(event);
        }}
        noValidate
        className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-start"
      >
        <TextField
          label="Email address"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="off"
          idPrefix="member"
          placeholder="e.g. grace@example.com"
          error={problems.email}
        />
        <SelectField label="Role" name="role" idPrefix="member" defaultValue="viewer" error={problems.role}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <SubmitButton className="sm:mt-[1.625rem]" pending={add.pending} pendingLabel="Adding…" icon={<UserPlus className="size-4" aria-hidden />}>
          Add member
        </SubmitButton>
      </form>
      <FormMessage error={add.error} success={add.success} testId="member-form-message" />
      <div aria-live="polite">
        {invitation && (
          <OneTimeSecret
            title={`${invitation.email} has no Gantry account yet. Send them this invitation link; Gantry shows it only now.`}
            value={invitation.link}
            copyLabel="Copy the invitation link"
            testId="new-invitation"
          >
            Whoever opens it creates an account for {invitation.email} and joins as {invitation.role}. It works once, until{' '}
            {formatInstant(invitation.expiresAt)}.
          </OneTimeSecret>
        )}
      </div>
    </div>
  );
}
