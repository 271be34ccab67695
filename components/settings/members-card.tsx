import { Mail, Users } from 'lucide-react';

import { DividedList } from '@/components/ui/divided-list';
import { Badge } from '@/components/ui/badge';
import { CardBody, HeadedCard } from '@/components/ui/card';
import { ConfirmButton } from '@/components/ui/confirm-button';
import type { InvitationSummary } from '@/lib/organisations/members';
import type { MemberSummary } from '@/lib/organisations/memberships';
import { ROLE_LABELS } from '@/lib/organisations/permissions';

import { AddMemberForm } from './add-member-form';
import { formatDate, formatInstant } from './format';
import { MemberRow, type MemberActions } from './member-row';

export function MembersCard({
  members,
  invitations,
  currentUserId,
  actions,
}: {
  members: MemberSummary[];
  /** Open invitations; owners only. */
  invitations: InvitationSummary[];
  currentUserId: string;
  actions?: MemberActions;
}) {
  return (
    <HeadedCard
      headingId="members-heading"
      icon={Users}
      title="Members"
      description={
        actions
          ? 'As an owner, you add and remove members and choose each one’s role. An organisation keeps at least one owner.'
          : 'Owners add and remove members and choose their roles.'
      }
    >
      {actions && (
        <CardBody className="border-b border-border">
          <AddMemberForm addMember={actions.addMember} />
        </CardBody>
      )}
      <ul className="divide-y divide-border" data-testid="members">
        {members.map((member) =>
          actions ? (
            <MemberRow key={member.userId} member={member} you={member.userId === currentUserId} actions={actions} />
          ) : (
            <li key={member.userId} className="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">
                  {member.name}
                  {member.userId === currentUserId && <span className="ml-2 text-xs font-normal text-muted-foreground">(you)</span>}
                </p>
                <p className="truncate text-xs text-muted-foreground">
                  {member.email} · member since {formatDate(member.since)}
                </p>
              </div>
              <Badge tone={member.role === 'owner' ? 'violet' : 'neutral'}>{ROLE_LABELS[member.role]}</Badge>
            </li>
          ),
        )}
      </ul>
      {actions && invitations.length > 0 && (
        <div className="border-t border-border">
          <h3 className="flex items-center gap-2 px-5 pt-4 text-sm font-medium">
            <Mail className="size-4 text-muted-foreground" aria-hidden />
            Open invitations
          </h3>
          <DividedList items={invitations} testId="invitations" itemClassName="flex flex-wrap items-center justify-between gap-3 px-5 py-3">
            {(invitation) => (
              <>
                <div className="min-w-0">
                  <p className="flex items-center gap-2 text-sm font-medium">
                    <span className="truncate">{invitation.email}</span>
                    <Badge tone="neutral">{ROLE_LABELS[invitation.role]}</Badge>
                    {invitation.expired ? <Badge tone="amber">Expired</Badge> : <Badge tone="blue">Waiting</Badge>}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    Invited by {invitation.invitedBy} on {formatDate(invitation.createdAt)} · {invitation.expired ? 'expired' : 'works until'}{' '}
                    {formatInstant(invitation.expiresAt)}
                    {invitation.expired ? '; add the address again for a new link' : ''}
                  </p>
                </div>
                <ConfirmButton
                  label="Revoke"
                  accessibleLabel={`Revoke the invitation of ${invitation.email}`}
                  question="Revoke the link?"
                  confirmLabel="Revoke"
                  pendingLabel="Revoking…"
                  action={actions.revokeInvitation}
                  input={{ invitationId: invitation.id }}
                />
              </>
            )}
          </DividedList>
        </div>
      )}
    </HeadedCard>
  );
}
