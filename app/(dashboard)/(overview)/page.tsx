import { FolderKanban } from 'lucide-react';

import { Figures } from '@/components/overview/figures';
import { ProgramCard } from '@/components/overview/program-card';
import { UpcomingReleases } from '@/components/overview/upcoming-releases';
import { EmptyState } from '@/components/ui/empty-state';
import { requireMember } from '@/lib/auth/current-member';
import { getOverview } from '@/lib/portfolio/overview';
import { getCurrentOrganisation } from '@/lib/organisations/current-organisation';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const member = await requireMember();
  const organisation = await getCurrentOrganisation();

  const today = new Date().toISOString().slice(0, 10);
  const overview = await getOverview(member, { today });

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.overview} />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">Every program of {organisation.name}, its products, features and releases.</p>
      </div>
      <Figures figures={overview.figures} />
      {overview.programs.length === 0 ? (
        <EmptyState Icon={FolderKanban} title="No programs yet">
          Programs group the products your builders work on. Run <code className="font-mono">npm run db:seed</code> for demo data.
        </EmptyState>
      ) : (
        <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_20rem]">
          <div className="min-w-0 space-y-6" data-testid="programs">
            {overview.programs.map((program) => (
              <ProgramCard key={program.id} program={program} />
            ))}
          </div>
          <div className="min-w-0 xl:sticky xl:top-20">
            <UpcomingReleases releases={overview.upcoming} today={today} />
          </div>
        </div>
      )}
    </div>
  );
}
