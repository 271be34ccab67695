'use client';

import { KeyRound } from 'lucide-react';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/result';

import { formatInstant } from './format';
import { OneTimeSecret } from './one-time-secret';

export type IssuePasswordReset = (input: { userId: string }) => Promise<ActionResult<{ token: string; name: string; email: string; expiresAt: Date }>>;

/** An owner makes a one-time link with which a member sets a new password; it is shown here once. */
export function ResetLinkButton({ member, issuePasswordReset }: { member: { userId: string; name: string }; issuePasswordReset: IssuePasswordReset }) {
  const [link, setLink] = useState<{ url: string; expiresAt: Date } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function issue() {
    setPending(true);
    const result = await issuePasswordReset({ userId: member.userId }).catch(() => null);
    setPending(false);
    if (!result) return setError('Gantry could not be reached. Try again.');
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setLink({ url: `${window.location.origin}/reset-password/${result.data.token}`, expiresAt: new Date(result.data.expiresAt) });
  }

  return (
    <div className="flex basis-full flex-col items-end gap-2 sm:basis-auto">
      <Button variant="ghost" size="sm" onClick={issue} disabled={pending} aria-label={`Password-reset link for ${member.name}`}>
        <KeyRound className="size-4" aria-hidden />
        {pending ? 'Making…' : 'Reset link'}
      </Button>
      <div aria-live="polite" className="w-full max-w-xl">
        {error && <p className="text-right text-xs text-red-600 dark:text-red-400">{error}</p>}
        {link && (
          <OneTimeSecret title={`Send ${member.name} this link; Gantry shows it only now.`} value={link.url} copyLabel="Copy the password-reset link" testId="new-reset-link">
            With it, {member.name} sets a new password and is signed out everywhere. It works once, until {formatInstant(link.expiresAt)}.
          </OneTimeSecret>
        )}
      </div>
    </div>
  );
}
