import { GitFork } from 'lucide-react';

import { DependencyGraph } from '@/components/graph/dependency-graph';
import { RoadmapView } from '@/components/roadmap/roadmap-nav';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { DEPENDENCY_TYPES } from '@/lib/roadmap/dependencies';
import { parseLimit } from '@/lib/roadmap/filters';
import { getDependencyGraph } from '@/lib/roadmap/graph';

import { addRoadmapDependency, removeRoadmapDependency } from '../actions';

export const metadata = { title: 'Dependency graph · Roadmap' };

export default async function RoadmapGraphPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const params = await searchParams;
  const focus = (Array.isArray(params.focus) ? params.focus[0] : params.focus)?.trim() || undefined;
  const hops = parseLimit(params.hops, { fallback: 2, max: 4 });
  const fullChain = params.chain === 'full';
  const graph = await getDependencyGraph(member, { focus, hops, fullChain });
  const canPlan = can(member.role, 'plan:edit');

  return (
    <RoadmapView
      current="graph"
      title="Dependency graph"
      description="Items and their typed dependencies, left to right in the order the work can be done. Focus on an item to follow its chain."
    >
      <form action="/roadmap/graph" className="flex flex-wrap items-end gap-2" role="search" aria-label="Focus the graph">
        <div className="space-y-1">
          <label htmlFor="graph-focus" className="block text-xs font-medium text-muted-foreground">
            Focus on item
          </label>
          <input
            id="graph-focus"
            name="focus"
            defaultValue={focus ?? ''}
            placeholder="RI-…"
            className="h-9 w-48 rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary"
          />
        </div>
        <div className="space-y-1">
          <label htmlFor="graph-hops" className="block text-xs font-medium text-muted-foreground">
            Neighbourhood
          </label>
          <select
            id="graph-hops"
            name="hops"
            defaultValue={String(hops)}
            className="h-9 rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary"
          >
            {[1, 2, 3, 4].map((h) => (
              <option key={h} value={h}>
                {h} {h === 1 ? 'step' : 'steps'}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" size="sm" variant="secondary" className="h-9">
          Show
        </Button>
        {focus && (
          <Link href="/roadmap/graph" className="px-2 text-sm text-muted-foreground hover:text-foreground">
            Clear focus
          </Link>
        )}
      </form>
      {focus && !graph.focus && (
        <p className="text-sm text-red-700 dark:text-red-300">There is no roadmap item {focus}; showing the roadmap without a focus.</p>
      )}

      {graph.needsFocus ? (
        <EmptyState Icon={GitFork} title="Choose an item to focus on">
          <p>This roadmap has more than a few hundred items, so the graph shows one item’s neighbourhood at a time. Blocked items are a good start:</p>
          <ul className="mt-3 flex flex-wrap justify-center gap-2">
            {graph.suggestions.map((s) => (
              <li key={s.id}>
                <Link href={`/roadmap/graph?focus=${encodeURIComponent(s.id)}`} className="font-mono text-xs text-primary hover:underline" title={s.title}>
                  {s.id}
                </Link>
              </li>
            ))}
          </ul>
        </EmptyState>
      ) : graph.nodes.length === 0 ? (
        <EmptyState Icon={GitFork} title="No roadmap items yet">
          Items and their dependencies appear here once they are planned.
        </EmptyState>
      ) : (
        <>
          {graph.truncated && (
            <p className="text-sm text-muted-foreground">
              Showing the {graph.nodes.length} items nearest to {graph.focus?.id} ({graph.hops} {graph.hops === 1 ? 'step' : 'steps'} either way, at most 120),
              never the whole roadmap.
            </p>
          )}
          <DependencyGraph
            data={graph}
            edgeTypes={DEPENDENCY_TYPES}
            itemHref="roadmap"
            actions={canPlan ? { kind: 'roadmap', add: addRoadmapDependency, remove: removeRoadmapDependency } : { kind: 'roadmap' }}
          />
          {graph.focus && graph.chain && (
            <Card>
              <CardHeader>
                <div>
                  <h2 className="font-semibold">
                    Prerequisite chain of{' '}
                    <Link href={`/roadmap/items/${encodeURIComponent(graph.focus.id)}`} className="text-primary hover:underline">
                      {graph.focus.id}
                    </Link>
                  </h2>
                  <p className="text-sm text-muted-foreground">
                    {graph.chain.total === 0
                      ? `It depends on nothing through blocking edges${graph.chain.steps ? ` within ${graph.chain.steps} steps` : ''}.`
                      : `${graph.chain.total} item${graph.chain.total === 1 ? '' : 's'} through blocking edges${graph.chain.steps ? ` within ${graph.chain.steps} steps` : ''}, ${graph.chain.open} not completed${graph.chain.total > graph.chain.items.length ? `; the nearest ${graph.chain.items.length} below` : ''}.`}
                    {graph.chain.steps && (
                      <>
                        {' '}
                        <Link
                          href={`/roadmap/graph?focus=${encodeURIComponent(graph.focus.id)}&hops=${graph.hops}&chain=full`}
                          className="text-primary hover:underline"
                        >
                          Walk the whole chain
                        </Link>{' '}
                        (on a roadmap this large it can take seconds).
                      </>
                    )}
                  </p>
                </div>
              </CardHeader>
              {graph.chain.items.length > 0 && (
                <CardBody className="p-0">
                  <ol className="divide-y divide-border text-sm" aria-label="Prerequisite chain">
                    {graph.chain.items.map((c) => (
                      <li key={c.id} className="flex items-center gap-2 px-5 py-2">
                        <span className="w-16 text-xs text-muted-foreground">depth {c.depth}</span>
                        <Link href={`/roadmap/graph?focus=${encodeURIComponent(c.id)}`} className="font-mono text-xs text-primary hover:underline">
                          {c.id}
                        </Link>
                        <span className="min-w-0 flex-1 truncate">{c.title}</span>
                        <StatusBadge domain="roadmap" status={c.status.key} label={c.status.label} />
                      </li>
                    ))}
                  </ol>
                </CardBody>
              )}
            </Card>
          )}
        </>
      )}
    </RoadmapView>
  );
}
