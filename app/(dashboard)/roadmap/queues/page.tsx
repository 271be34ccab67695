import Link from 'next/link';

import { AssignForm } from '@/components/roadmap/assign-form';
import { BlockedQueue, ReadyQueue, UnassignedPrerequisites } from '@/components/roadmap/queue-lists';
import { RoadmapHeader } from '@/components/roadmap/roadmap-nav';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/auth/permissions';
import { parseLimit } from '@/lib/roadmap/filters';
import { getRoadmapQueues } from '@/lib/roadmap/queues';

import { assignRoadmapItem } from '../actions';

export const metadata = { title: 'Ready and blocked · Roadmap' };

const PAGE = 50;
const MAX = 500;

export default async function RoadmapQueuesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const limit = parseLimit((await searchParams).limit, { fallback: PAGE, max: MAX });
  const queues = await getRoadmapQueues({ organisationId: member.organisationId, limit });
  const more = (queues.moreReady || queues.moreBlocked) && limit < MAX;

  return (
    <div className="space-y-5">
      <RoadmapHeader
        current="queues"
        title="Ready and blocked"
        description="What can start now, what waits and on what. Completing a blocking item moves the items that wait for it to the ready queue."
      />
      {can(member.role, 'plan:edit') && (
        <Card>
          <CardHeader>
            <div>
              <h2 className="font-semibold">Assign an item</h2>
              <p className="text-sm text-muted-foreground">The assignment lists the item’s open prerequisites and who holds each; those nobody holds are surfaced.</p>
            </div>
          </CardHeader>
          <CardBody>
            <AssignForm items={[...queues.ready, ...queues.blocked].map(({ id, title }) => ({ id, title }))} assignRoadmapItem={assignRoadmapItem} />
          </CardBody>
        </Card>
      )}
      <div className="grid items-start gap-5 xl:grid-cols-2">
        <Card aria-labelledby="ready-heading">
          <CardHeader>
            <div>
              <h2 id="ready-heading" className="font-semibold">
                Ready to start
              </h2>
              <p className="text-sm text-muted-foreground">Pending, with every blocking dependency completed; by phase and rank.</p>
            </div>
          </CardHeader>
          <CardBody className="p-0">
            <ReadyQueue items={queues.ready} />
          </CardBody>
        </Card>
        <Card aria-labelledby="blocked-heading">
          <CardHeader>
            <div>
              <h2 id="blocked-heading" className="font-semibold">
                Blocked
              </h2>
              <p className="text-sm text-muted-foreground">Open items with blocking dependencies not yet completed.</p>
            </div>
          </CardHeader>
          <CardBody className="p-0">
            <BlockedQueue items={queues.blocked} />
          </CardBody>
        </Card>
      </div>
      <Card aria-labelledby="unassigned-heading">
        <CardHeader>
          <h2 id="unassigned-heading" className="font-semibold">
            Surfaced prerequisites nobody holds
          </h2>
        </CardHeader>
        <CardBody className="p-0">
          <UnassignedPrerequisites items={queues.unassigned} />
        </CardBody>
      </Card>
      {more && (
        <Link href={`/roadmap/queues?limit=${Math.min(MAX, limit + PAGE)}`} className="text-sm font-medium text-primary hover:underline" scroll={false}>
          Show {PAGE} more of each queue
        </Link>
      )}
    </div>
  );
}
