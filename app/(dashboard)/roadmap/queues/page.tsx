import { AssignForm } from '@/components/roadmap/assign-form';
import { BlockedQueue, ReadyQueue, UnassignedPrerequisites } from '@/components/roadmap/queue-lists';
import { RoadmapView } from '@/components/roadmap/roadmap-nav';
import { Card, CardBody, CardHeading, HeadedCard } from '@/components/ui/card';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { parseLimit } from '@/lib/roadmap/filters';
import { getRoadmapQueues } from '@/lib/roadmap/queues';

import { assignRoadmapItem } from '../actions';

export const metadata = { title: 'Ready and blocked · Roadmap' };

const PAGE = 50;
const MAX = 500;

export default async function RoadmapQueuesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const limit = parseLimit((await searchParams).limit, { fallback: PAGE, max: MAX });
  const queues = await getRoadmapQueues(member, { limit });
  const more = (queues.moreReady || queues.moreBlocked) && limit < MAX;

  return (
    <RoadmapView
      current="queues"
      title="Ready and blocked"
      description="What can start now, what waits and on what. Completing a blocking item moves the items that wait for it to the ready queue."
    >
      {can(member.role, 'plan:edit') && (
        <Card>
          <CardHeading
            title="Assign an item"
            description="The assignment lists the item’s open prerequisites and who holds each; those nobody holds are surfaced."
          />
          <CardBody>
            <AssignForm items={[...queues.ready, ...queues.blocked].map(({ id, title }) => ({ id, title }))} assignRoadmapItem={assignRoadmapItem} />
          </CardBody>
        </Card>
      )}
      <div className="grid items-start gap-5 xl:grid-cols-2">
        <HeadedCard headingId="ready-heading" title="Ready to start" description="Pending, with every blocking dependency completed; by phase and rank.">
          <CardBody className="p-0">
            <ReadyQueue items={queues.ready} />
          </CardBody>
        </HeadedCard>
        <HeadedCard headingId="blocked-heading" title="Blocked" description="Open items with blocking dependencies not yet completed.">
          <CardBody className="p-0">
            <BlockedQueue items={queues.blocked} />
          </CardBody>
        </HeadedCard>
      </div>
      <HeadedCard headingId="unassigned-heading" title="Surfaced prerequisites nobody holds">
        <CardBody className="p-0">
          <UnassignedPrerequisites items={queues.unassigned} />
        </CardBody>
      </HeadedCard>
      {more && (
        <Link href={`/roadmap/queues?limit=${Math.min(MAX, limit + PAGE)}`} className="text-sm font-medium text-primary hover:underline" scroll={false}>
          Show {PAGE} more of each queue
        </Link>
      )}
    </RoadmapView>
  );
}
