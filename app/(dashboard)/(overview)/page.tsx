import { FolderKanban } from 'lucide-react';

import { Figures } from '@/components/overview/figures';
import { NeedsAttention } from '@/components/overview/needs-attention';
import { ProgramCard } from '@/components/overview/program-card';
import { ProgramPages } from '@/components/overview/program-pages';
import { UpcomingReleases } from '@/components/overview/upcoming-releases';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { getAttention } from '@/lib/portfolio/attention';
import { getOverview, overviewQuery, PROGRAMS_PER_PAGE } from '@/lib/portfolio/overview';
import { getCurrentOrganisation } from '@/lib/organisations/current-organisation';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Overview' };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const organisation = await getCurrentOrganisation();

  const today = new Date().toISOString().slice(0, 10);
  const { page } = overviewQuery.parse(await searchParams);
  const [overview, attention] = await Promise.all([getOverview(member, { today, page }), getAttention(member)]);

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.overview} />
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Overview</h1>
        <p className="text-sm text-muted-foreground">Every program of {organisation.name}, what needs attention, and the releases coming up.</p>
      </div>
      {overview.figures.programs === 0 ? (
        <EmptyState Icon={FolderKanban} title="Start with a program">
          <p>
            A program is the plan Gantry keeps: create one first, then a product in it (what builders ship), the product’s features, and a release to aim for.
            Change requests and bugs then go on the board, and builders take the work.
          </p>
          <p className="mt-4">
            <Link
              href="/programs"
              className="inline-flex h-10 items-center rounded-md bg-primary px-4 text-sm font-medium text-primary-foreground shadow-sm hover:opacity-90"
              data-testid="empty-create-program"
            >
              Create the first program
            </Link>
          </p>
        </EmptyState>
      ) : (
        <>
          <Figures figures={overview.figures} />
          <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_22rem]">
            <div className="min-w-0 space-y-6">
              <NeedsAttention attention={attention} today={today} />
              <div className="space-y-6" data-testid="programs">
                {overview.programs.map((program) => (
                  <ProgramCard key={program.id} program={program} />
                ))}
              </div>
              <ProgramPages
                page={overview.page}
                pageCount={overview.pageCount}
                first={(overview.page - 1) * PROGRAMS_PER_PAGE + 1}
                shown={overview.programs.length}
                total={overview.figures.programs}
              />
            </div>
            <div className="min-w-0 xl:sticky xl:top-20">
              <UpcomingReleases releases={overview.upcoming} today={today} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
