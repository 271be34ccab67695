'use client';

import { KeyRound } from 'lucide-react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/lib/auth/password-rules';
import type { ActionResult } from '@/lib/procedure/result';

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
      <FormMessage error={change.error} success={change.success} testId="password-form-message" />
      <SubmitButton pending={change.pending} pendingLabel="Changing…" icon={<KeyRound className="size-4" aria-hidden />}>
        Change password
      </SubmitButton>
    </form>
  );
}
