import { Users } from 'lucide-react';

import { Badge } from '@/components/ui/badge';
import { Card, CardHeader } from '@/components/ui/card';
import type { MemberSummary } from '@/lib/auth/memberships';
import { ROLE_LABELS } from '@/lib/auth/permissions';

import { formatDate } from './format';
import { MemberRoleForm, type ChangeMemberRole } from './member-role-form';

export function MembersCard({
  members,
  currentUserId,
  changeMemberRole,
}: {
  members: MemberSummary[];
  currentUserId: string;
  /** Present for owners only: they manage members. */
  changeMemberRole?: ChangeMemberRole;
}) {
  return (
    <Card aria-labelledby="members-heading">
      <CardHeader>
        <Users className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
        <div>
          <h2 id="members-heading" className="font-semibold">
            Members
          </h2>
          <p className="text-sm text-muted-foreground">
            {changeMemberRole ? 'As an owner, you choose each member’s role. An organisation keeps at least one owner.' : 'Owners choose each member’s role.'}
          </p>
        </div>
      </CardHeader>
      <ul className="divide-y divide-border" data-testid="members">
        {members.map((member) => (
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
            {changeMemberRole ? (
              <MemberRoleForm member={member} changeMemberRole={changeMemberRole} />
            ) : (
              <Badge tone={member.role === 'owner' ? 'violet' : 'neutral'}>{ROLE_LABELS[member.role]}</Badge>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
