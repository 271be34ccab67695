import { ClipboardCheck } from 'lucide-react';

import { NewReleaseButton } from '@/components/plan/release-form';
import { ComplianceTrendCard } from '@/components/releases/compliance-trend-card';
import { ReleaseFilters } from '@/components/releases/release-filters';
import { listHref, ReleaseTable } from '@/components/releases/release-table';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { listReleases, releaseListQuery } from '@/lib/releases/list';
import { getCurrentOrganisation } from '@/lib/organisations/current-organisation';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { ListActions } from '@/components/exports/list-actions';

export const metadata = { title: 'Releases' };

export default async function ReleasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const organisation = await getCurrentOrganisation();
  const params = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = releaseListQuery.parse(params);
  const list = await listReleases(member, { query });
  const filtered = Boolean(query.q || query.product || query.type || query.status || query.verdict);

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.releases} />
      <div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Releases</h1>
          <div className="flex flex-wrap items-center gap-2">
            <ListActions
              exportHref={
                list.total
                  ? `/api/export/releases?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString()}`
                  : null
              }
            />
            {can(member.role, 'plan:edit') && <NewReleaseButton />}
          </div>
        </div>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Every release of {organisation.name} with its compliance. The <strong className="font-medium text-foreground">verdict</strong> reads the latest result
          of each standard that applies: <em>Ready</em> when every blocking one passes or is waived, <em>Not ready</em> while one is unchecked, skipped or
          errored, <em>Blocked</em> when one fails. <strong className="font-medium text-foreground">Results recorded</strong> counts every result ever recorded
          (a failure stays counted after a later pass).
        </p>
      </div>
      <ReleaseFilters query={query} options={list.options} />
      {list.total === 0 ? (
        <EmptyState Icon={ClipboardCheck} title={filtered ? 'No release matches these filters' : 'No releases yet'}>
          {filtered ? (
            <Link href="/releases" className="text-primary hover:underline">
              Clear the filters
            </Link>
          ) : (
            'Releases appear here once a product plans one.'
          )}
        </EmptyState>
      ) : (
        <Card aria-label="Releases">
          <ReleaseTable rows={list.rows} query={query} />
          <nav aria-label="Pages" className="flex items-center justify-between gap-3 border-t border-border px-4 py-3 text-sm text-muted-foreground">
            <span data-testid="release-count">
              {list.total} release{list.total === 1 ? '' : 's'} · page {list.page} of {list.pageCount}
            </span>
            <span className="flex gap-2">
              {list.page > 1 && (
                <Link className="rounded-md border border-border px-3 py-1 hover:bg-muted" href={listHref(query, { page: list.page - 1 })}>
                  Previous
                </Link>
              )}
              {list.page < list.pageCount && (
                <Link className="rounded-md border border-border px-3 py-1 hover:bg-muted" href={listHref(query, { page: list.page + 1 })}>
                  Next
                </Link>
              )}
            </span>
          </nav>
        </Card>
      )}
      <ComplianceTrendCard chart={list.chart} products={list.options.products} query={query} />
    </div>
  );
}
