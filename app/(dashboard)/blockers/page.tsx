import { CircleCheckBig, History, SearchX } from 'lucide-react';

import { BlockerTable } from '@/components/blockers/blocker-table';
import { DeskFilters } from '@/components/blockers/desk-filters';
import { ListActions, queryOf } from '@/components/exports/list-actions';
import { KindCounts } from '@/components/blockers/kind-counts';
import { DeskPagination } from '@/components/blockers/pagination';
import { RaiseBlockerButton } from '@/components/blockers/raise-dialog';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { getBlockerDesk } from '@/lib/blockers/desk';
import { deskHref, parseDeskQuery } from '@/lib/blockers/filters';
import { cn } from '@/lib/utils';

import { blockerActionsFor } from './member-actions';
import { ListPage } from '@/components/ui/list-page';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Blockers' };

export default async function BlockersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const params = await searchParams;
  const query = parseDeskQuery(params);
  const desk = await getBlockerDesk(member, { query });
  const now = desk.asOf;
  const canResolve = can(member.role, 'blockers:resolve');
  const actions = blockerActionsFor(member);
  const filtered = Boolean(query.kind || query.program || query.severity || query.age || query.q);
  const tab = (name: 'open' | 'history', label: string, count?: number) => (
    <Link
      href={deskHref({ tab: name, group: query.group })}
      role="tab"
      aria-selected={query.tab === name}
      className={cn(
        'border-b-2 px-3 py-2 text-sm font-medium',
        query.tab === name ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
      )}
    >
      {label}
      {count !== undefined && <span className="ml-1.5 rounded-full bg-muted px-1.5 py-0.5 text-xs tabular-nums">{count}</span>}
    </Link>
  );

  return (
    <ListPage
      live={LIVE.blockers}
      title="Blockers"
      summary={
        <>
          Every open blocker across programs, waves, tasks, roadmap items and attempts. Each is resolved only with a written resolution and evidence or a
          waiver.
        </>
      }
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <ListActions exportHref={`/api/export/blockers?${queryOf(params)}`} />
          <RaiseBlockerButton actions={actions} />
        </div>
      }
    >
      <KindCounts counts={desk.openByKind} query={query} />

      <Card>
        <div className="flex flex-wrap items-end justify-between gap-3 border-b border-border px-3 pt-2">
          <div role="tablist" aria-label="Open or resolved" className="flex">
            {tab('open', 'Open', desk.openTotal)}
            {tab('history', 'History')}
          </div>
        </div>
        <div className="border-b border-border px-3 py-3">
          <DeskFilters key={JSON.stringify(query)} query={query} programs={desk.programs} />
        </div>
        {desk.results.rows.length === 0 ? (
          <div className="p-4">
            {filtered ? (
              <EmptyState Icon={SearchX} title="No blockers match these filters">
                <Link href={deskHref({ tab: query.tab })} className="text-primary hover:underline">
                  Clear the filters
                </Link>
              </EmptyState>
            ) : query.tab === 'open' ? (
              <EmptyState Icon={CircleCheckBig} title="Nothing is blocked">
                No open blocker in this organisation. Builders and people raise them on tasks, waves, programs, roadmap items and attempts.
              </EmptyState>
            ) : (
              <EmptyState Icon={History} title="No resolved blockers yet">
                Resolved blockers stay here, with their resolution and its justification, for good.
              </EmptyState>
            )}
          </div>
        ) : (
          <>
            <BlockerTable
              rows={desk.results.rows}
              query={query}
              now={now}
              actions={actions}
              canResolve={canResolve}
              canAttach={can(member.role, 'evidence:attach')}
            />
            <div className="border-t border-border">
              <DeskPagination results={desk.results} query={query} />
            </div>
          </>
        )}
      </Card>
    </ListPage>
  );
}
