import { Map as MapIcon } from 'lucide-react';

import { PhaseBoard } from '@/components/roadmap/phase-board';
import { RoadmapFilterBar } from '@/components/roadmap/roadmap-filters';
import { RoadmapView } from '@/components/roadmap/roadmap-nav';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { filterSearch, parseLimit, parseRoadmapFilters } from '@/lib/roadmap/filters';
import { getRoadmapPhases } from '@/lib/roadmap/phases';

import { moveRoadmapItem } from '../actions';

export const metadata = { title: 'Roadmap' };

// Per lane: seven lanes of 25 cards fill two screens; more on request.
const PAGE = 25;
const MAX = 500;

export default async function RoadmapPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const params = await searchParams;
  const filters = parseRoadmapFilters(params);
  const limit = parseLimit(params.limit, { fallback: PAGE, max: MAX });
  const roadmap = await getRoadmapPhases(member, { filters, limit });
  const canEdit = can(member.role, 'plan:edit');
  const items = roadmap.lanes.reduce((n, lane) => n + lane.progress.total, 0);
  const more = roadmap.lanes.some((lane) => lane.progress.total > lane.items.length);

  return (
    <RoadmapView
      current="phases"
      title="Roadmap"
      description={
        canEdit
          ? 'Phases as lanes, each with its progress and its limit of active items. Drag an item to another phase or place; the keyboard works too (Space, arrows, Space).'
          : 'Phases as lanes, each with its progress and its limit of active items.'
      }
    >
      <RoadmapFilterBar filters={filters} options={roadmap.options} />
      {items === 0 ? (
        <EmptyState Icon={MapIcon} title={roadmap.filtered ? 'No item matches these filters' : 'No roadmap items yet'}>
          {roadmap.filtered ? 'Clear a filter to see more of the roadmap.' : 'Roadmap items appear here, one lane per phase, once they are planned.'}
        </EmptyState>
      ) : (
        <PhaseBoard lanes={roadmap.lanes} moveRoadmapItem={canEdit ? moveRoadmapItem : undefined} />
      )}
      {more && limit < MAX && (
        <p className="text-sm">
          <Link
            href={`/roadmap${filterSearch(filters, { limit: Math.min(MAX, limit + PAGE) })}`}
            className="font-medium text-primary hover:underline"
            scroll={false}
          >
            Show {PAGE} more per phase
          </Link>
        </p>
      )}
    </RoadmapView>
  );
}
