import { BackLink } from '@/components/ui/back-link';
import { ChartersCard } from '@/components/standards/charters-card';
import { StandardsCard } from '@/components/standards/standards-card';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { getStandardsSettings } from '@/lib/standards/standards';

import { activateCharterDoc, addCharterDoc, assignStandard, createStandard, unassignStandard, updateStandard } from './actions';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Standards and charters' };

export default async function StandardsSettingsPage() {
  const member = await requireMember();
  const settings = await getStandardsSettings(member);
  const manage = can(member.role, 'standards:manage');
  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.standards} />
      <div className="space-y-2">
        <BackLink href="/settings">Settings</BackLink>
        <h1 className="text-2xl font-semibold tracking-tight">Standards and charters</h1>
        <p className="text-sm text-muted-foreground">The quality gates releases are held to, where they apply, and the documents that govern the work.</p>
      </div>
      <div className="max-w-5xl space-y-6">
        <StandardsCard
          settings={settings}
          actions={manage ? { create: createStandard, update: updateStandard, assign: assignStandard, unassign: unassignStandard } : undefined}
        />
        <ChartersCard
          charters={settings.charters}
          types={settings.charterTypes}
          actions={manage ? { add: addCharterDoc, activate: activateCharterDoc } : undefined}
        />
      </div>
    </div>
  );
}
