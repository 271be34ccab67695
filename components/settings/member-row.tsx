'use client';

import { useState } from 'react';

import { ConfirmButton } from '@/components/ui/confirm-button';
import type { MemberSummary } from '@/lib/organisations/memberships';
import type { ActionResult } from '@/lib/procedure/result';

import type { AddMember } from './add-member-form';
import { formatDate, formatInstant } from './format';
import { MemberRoleForm, type ChangeMemberRole } from './member-role-form';
import { OneTimeSecret } from './one-time-secret';
import { ResetLinkButton, type IssuedResetLink, type IssuePasswordReset } from './reset-link-button';

/** What an owner may do here; absent for everyone else. */
export interface MemberActions {
  changeMemberRole: ChangeMemberRole;
  addMember: AddMember;
  removeMember: (input: { userId: string }) => Promise<ActionResult<unknown>>;
  revokeInvitation: (input: { invitationId: string }) => Promise<ActionResult<unknown>>;
  issuePasswordReset: IssuePasswordReset;
}

/** One member as an owner sees them: role, a password-reset link, removal. */
export function MemberRow({ member, you, actions }: { member: MemberSummary; you: boolean; actions: MemberActions }) {
  const [resetLink, setResetLink] = useState<IssuedResetLink | null>(null);

  return (
    <li className="space-y-3 px-5 py-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="truncate text-sm font-medium">
            {member.name}
            {you && <span className="ml-2 text-xs font-normal text-muted-foreground">(you)</span>}
          </p>
          <p className="truncate text-xs text-muted-foreground">
            {member.email} · member since {formatDate(member.since)}
          </p>
        </div>
        <div className="flex flex-wrap items-start justify-end gap-1">
          <MemberRoleForm member={member} changeMemberRole={actions.changeMemberRole} />
          {!you && <ResetLinkButton member={member} issuePasswordReset={actions.issuePasswordReset} onIssued={setResetLink} />}
          <ConfirmButton
            label={you ? 'Leave' : 'Remove'}
            accessibleLabel={you ? 'Leave this organisation' : `Remove ${member.name}`}
            question={you ? 'Leave for good?' : `Remove ${member.name}?`}
            confirmLabel={you ? 'Leave' : 'Remove'}
            pendingLabel={you ? 'Leaving…' : 'Removing…'}
            action={actions.removeMember}
            input={{ userId: member.userId }}
          />
        </div>
      </div>
      <div aria-live="polite">
        {resetLink && (
          <OneTimeSecret
            title={`Send ${member.name} this link; Gantry shows it only now.`}
            value={resetLink.url}
            copyLabel="Copy the password-reset link"
            testId="new-reset-link"
          >
            With it, {member.name} sets a new password and is signed out everywhere. It works once, until {formatInstant(resetLink.expiresAt)}.
          </OneTimeSecret>
        )}
      </div>
    </li>
  );
}
