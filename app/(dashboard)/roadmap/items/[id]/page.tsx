import { GitFork } from 'lucide-react';

import { BackLink } from '@/components/ui/back-link';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { EditRoadmapItemButton } from '@/components/plan/roadmap-item-form';
import { AssignForm } from '@/components/roadmap/assign-form';
import { DependencyEditor } from '@/components/roadmap/dependency-editor';
import { EvidenceForm } from '@/components/roadmap/evidence-form';
import { StatusForm } from '@/components/roadmap/status-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { Detail, Details } from '@/components/ui/details';
import { Link } from '@/components/ui/link';
import { StatusBadge, statusLabel } from '@/components/ui/status';
import { EntityLink } from '@/components/ui/entity-link';
import { can } from '@/lib/organisations/permissions';
import { DEPENDENCY_TYPES } from '@/lib/roadmap/dependencies';
import { EVIDENCE_TYPES } from '@/lib/roadmap/evidence';
import { getRoadmapItem } from '@/lib/roadmap/item';

import { entityMetadata, requireEntity, type EntityParams } from '../../../entity-page';
import { addRoadmapDependency, assignRoadmapItem, attachRoadmapEvidence, removeRoadmapDependency, setRoadmapItemStatus } from '../../actions';
import { watchItem } from '../../../inbox/actions';
import { WatchButton } from '@/components/inbox/watch-button';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { ItemHistory } from '@/components/history/item-history';
import { restoreFieldValue } from '../../../audit/actions';

export const generateMetadata = entityMetadata();

export default async function RoadmapItemPage({ params }: { params: EntityParams }) {
  const { member, page: item } = await requireEntity(params, (member, id) => getRoadmapItem(member, { id }));
  const canPlan = can(member.role, 'plan:edit');
  const canAttach = can(member.role, 'evidence:attach');

  return (
    <div className="space-y-5">
      <LiveRefresh on={LIVE.roadmap} />
      <BackLink href="/roadmap">Roadmap</BackLink>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="font-mono text-xs text-muted-foreground">{item.id}</p>
          <h1 className="text-2xl font-semibold tracking-tight">{item.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-1.5" data-testid="item-badges">
            <StatusBadge domain="roadmap" status={item.status.key} label={item.status.label} />
            <Badge>{item.phase.label}</Badge>
            {item.type.key !== 'work' && <Badge tone="violet">{item.type.label}</Badge>}
          </div>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          <WatchButton member={member} kind="roadmap" id={item.id} action={watchItem} />
          {canPlan && <EditRoadmapItemButton id={item.id} title={item.title} />}
          {canPlan && <DeletePlanItemButton kind="roadmap" id={item.id} name={item.title} goTo="/roadmap" />}
          <Link
            href={`/roadmap/graph?focus=${encodeURIComponent(item.id)}`}
            className="inline-flex h-9 items-center gap-2 rounded-md border border-border bg-surface px-3 text-sm font-medium shadow-sm hover:bg-muted"
          >
            <GitFork className="size-4" aria-hidden /> Show in the graph
          </Link>
        </div>
      </div>

      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-5">
          <Card>
            <CardHeading title="Dependencies" />
            <CardBody>
              <DependencyEditor
                subject={item.id}
                actions={canPlan ? { kind: 'roadmap', add: addRoadmapDependency, remove: removeRoadmapDependency } : { kind: 'roadmap' }}
                types={DEPENDENCY_TYPES}
                dependsOn={item.prerequisites}
                dependents={item.dependents}
              />
            </CardBody>
          </Card>
          {canPlan && (
            <Card>
              <CardHeading title="Assign" />
              <CardBody>
                <AssignForm itemId={item.id} assignRoadmapItem={assignRoadmapItem} />
              </CardBody>
            </Card>
          )}
          <ItemHistory member={member} kind="roadmap_item" id={item.id} restore={restoreFieldValue} />
        </div>
        <div className="min-w-0 space-y-5">
          <Card>
            <CardHeading title="Details" />
            <CardBody className="space-y-4">
              {item.description && <p className="text-sm text-muted-foreground">{item.description}</p>}
              <Details className="text-sm">
                <Detail label="Owner">{item.owner}</Detail>
                <Detail label="Program">
                  {item.program && (
                    <EntityLink kind="program" id={item.program.id}>
                      {item.program.name}
                    </EntityLink>
                  )}
                </Detail>
                <Detail label="Product">
                  {item.product && (
                    <EntityLink kind="product" id={item.product.id}>
                      {item.product.name}
                    </EntityLink>
                  )}
                </Detail>
                <Detail label="Change request">
                  {item.changeRequest && (
                    <EntityLink kind="cr" id={item.changeRequest.id}>
                      {item.changeRequest.title}
                    </EntityLink>
                  )}
                </Detail>
                <Detail label="Target date">{item.targetDate}</Detail>
                <Detail label="Assigned">
                  {item.assignments.length ? item.assignments.map((a) => `${a.agentId} (${a.role}, ${a.status})`).join('; ') : null}
                </Detail>
              </Details>
              {canPlan && <StatusForm item={item} statuses={item.statuses} setRoadmapItemStatus={setRoadmapItemStatus} />}
            </CardBody>
          </Card>
          <Card>
            <CardHeading title="Evidence" />
            <CardBody className="space-y-4">
              {item.evidence.length === 0 ? (
                <p className="text-sm text-muted-foreground">None yet. An item is completed only once evidence names it.</p>
              ) : (
                <ul className="space-y-2 text-sm" aria-label="Evidence" data-testid="evidence-list">
                  {item.evidence.map((e) => (
                    <li key={e.id} className="rounded-md border border-border px-3 py-2">
                      <div className="flex items-center justify-between gap-2">
                        <span className="font-medium">{e.title ?? statusLabel(e.type)}</span>
                        <Badge>{statusLabel(e.type)}</Badge>
                      </div>
                      <p className="truncate font-mono text-xs text-muted-foreground" title={e.uri}>
                        {e.uri}
                      </p>
                      <p className="text-xs text-muted-foreground">
                        {e.createdBy}, {e.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC
                      </p>
                    </li>
                  ))}
                </ul>
              )}
              {canAttach && <EvidenceForm workId={item.id} types={EVIDENCE_TYPES} attachRoadmapEvidence={attachRoadmapEvidence} />}
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
