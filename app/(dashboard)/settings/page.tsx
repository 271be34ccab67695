import { ApiTokensCard } from '@/components/settings/api-tokens-card';
import { MembersCard } from '@/components/settings/members-card';
import { NewOrganisationCard } from '@/components/settings/new-organisation-card';
import { PersonalTokensCard } from '@/components/settings/personal-tokens-card';
import { RolesCard } from '@/components/settings/roles-card';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { getAccessSettings } from '@/lib/organisations/settings';
import { getCurrentOrganisation } from '@/lib/organisations/current-organisation';

import { createOrganisation } from '../actions';
import {
  addMember,
  changeMemberRole,
  createApiToken,
  createPersonalApiToken,
  issuePasswordReset,
  removeMember,
  revokeApiToken,
  revokeInvitation,
  revokePersonalApiToken,
} from './actions';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Settings' };

export default async function SettingsPage() {
  const member = await requireMember();
  const [organisation, settings] = await Promise.all([getCurrentOrganisation(), getAccessSettings(member)]);
  const owner = can(member.role, 'members:manage');

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.settings} />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
        <p className="text-sm text-muted-foreground">Members, roles and API tokens of {organisation.name}.</p>
        <div className="flex flex-wrap gap-x-4">
          <Link href="/settings/standards" className="text-sm text-primary hover:underline">
            Standards and charter documents →
          </Link>
          {can(member.role, 'organisation:configure') && (
            <Link href="/settings/webhooks" className="text-sm text-primary hover:underline">
              Webhooks →
            </Link>
          )}
        </div>
      </div>
      <div className="max-w-5xl space-y-6">
        <MembersCard
          members={settings.members}
          invitations={settings.invitations}
          currentUserId={member.userId}
          actions={owner ? { changeMemberRole, addMember, removeMember, revokeInvitation, issuePasswordReset } : undefined}
        />
        <ApiTokensCard tokens={settings.tokens} builderIds={settings.builderIds} createApiToken={createApiToken} revokeApiToken={revokeApiToken} />
        <PersonalTokensCard
          tokens={settings.personalTokens}
          role={member.role}
          createPersonalApiToken={createPersonalApiToken}
          revokePersonalApiToken={revokePersonalApiToken}
        />
        <RolesCard role={member.role} />
        {owner && <NewOrganisationCard createOrganisation={createOrganisation} />}
      </div>
    </div>
  );
}
