'use client';

import { KeyRound } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

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
  const issue = useAction(issuePasswordReset, {
    refresh: false,
    onSuccess: (data) => onIssued({ url: `${window.location.origin}/reset-password/${data.token}`, expiresAt: new Date(data.expiresAt) }),
  });

  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        variant="ghost"
        size="sm"
        onClick={() => issue.run({ userId: member.userId })}
        disabled={issue.pending}
        aria-label={`Password-reset link for ${member.name}`}
      >
        <KeyRound className="size-4" aria-hidden />
        {issue.pending ? 'Making…' : 'Reset link'}
      </Button>
      <p aria-live="polite" className="max-w-64 text-right text-xs text-red-600 dark:text-red-400">
        {issue.error}
      </p>
    </div>
  );
}
