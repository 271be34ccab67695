'use client';

import { KeyRound } from 'lucide-react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

import { NewPasswordFields } from './new-password-fields';
import { withoutRepeat } from './repeat-password';

export type ChangePassword = (input: FormData) => Promise<ActionResult<{ sessionsEnded: number }>>;

const changed = ({ sessionsEnded: ended }: { sessionsEnded: number }) =>
  `Your password is changed. ${ended === 0 ? 'You were signed in nowhere else.' : `You were signed out of ${ended} other session${ended === 1 ? '' : 's'}.`}`;

export function ChangePasswordForm({ changePassword }: { changePassword: ChangePassword }) {
  const change = useAction(changePassword, { success: changed, resetForm: true, refresh: false });
  const problems = change.fieldErrors;

  return (
    <form onSubmit={(event) => change.submit(event, (data) => withoutRepeat(data, change.refuse, 'newPassword'))} noValidate className="max-w-md space-y-4">
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" error={problems.currentPassword} />
      <NewPasswordFields name="newPassword" label="New password" errors={problems} />
      <FormMessage error={change.error} success={change.success} testId="password-form-message" />
      <SubmitButton pending={change.pending} pendingLabel="Changing…" icon={<KeyRound className="size-4" aria-hidden />}>
        Change password
      </SubmitButton>
    </form>
  );
}
