'use client';

import { KeyRound } from 'lucide-react';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/result';

export type IssuePasswordReset = (input: { userId: string }) => Promise<ActionResult<{ token: string; name: string; email: string; expiresAt: Date }>>;
export interface IssuedResetLink {
  url: string;
  expiresAt: Date;
}

/** An owner makes a one-time link with which a member sets a new password; the row shows it once. */
export function ResetLinkButton({
  member,
  issuePasswordReset,
  onIssued,
}: {
  member: { userId: string; name: string };
  issuePasswordReset: IssuePasswordReset;
  onIssued: (link: IssuedResetLink) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function issue() {
    setPending(true);
    const result = await issuePasswordReset({ userId: member.userId }).catch(() => null);
    setPending(false);
    if (!result) return setError('Gantry could not be reached. Try again.');
    if (!result.ok) return setError(result.error.message);
    setError(null);
    onIssued({ url: `${window.location.origin}/reset-password/${result.data.token}`, expiresAt: new Date(result.data.expiresAt) });
  }

  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="ghost" size="sm" onClick={issue} disabled={pending} aria-label={`Password-reset link for ${member.name}`}>
        <KeyRound className="size-4" aria-hidden />
        {pending ? 'Making…' : 'Reset link'}
      </Button>
      <p aria-live="polite" className="max-w-64 text-right text-xs text-red-600 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
