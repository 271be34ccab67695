import { DependencyGraph } from '@/components/graph/dependency-graph';
import { EditChangeRequestButton } from '@/components/plan/cr-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { DependencyEditor } from '@/components/roadmap/dependency-editor';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { Detail, Details } from '@/components/ui/details';
import { StatusBadge } from '@/components/ui/status';
import { EntityLink } from '@/components/ui/entity-link';
import { can } from '@/lib/organisations/permissions';
import { CR_DEPENDENCY_TYPES, getChangeRequest } from '@/lib/roadmap/change-requests';

import { entityMetadata, requireEntity, type EntityParams } from '../../entity-page';
import { addCrDependency, removeCrDependency } from '../actions';
import { watchItem } from '../../inbox/actions';
import { WatchButton } from '@/components/inbox/watch-button';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { ItemHistory } from '@/components/history/item-history';
import { restoreFieldValue } from '../../audit/actions';

export const generateMetadata = entityMetadata();

export default async function ChangeRequestPage({ params }: { params: EntityParams }) {
  const { member, page: cr } = await requireEntity(params, (member, id) => getChangeRequest(member, { id }));
  const actions = can(member.role, 'plan:edit') ? ({ kind: 'cr', add: addCrDependency, remove: removeCrDependency } as const) : ({ kind: 'cr' } as const);

  return (
    <div className="space-y-5">
      <LiveRefresh on={LIVE.changeRequest} />
      <div>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="font-mono text-xs text-muted-foreground">{cr.id}</p>
            <h1 className="text-2xl font-semibold tracking-tight">{cr.title}</h1>
          </div>
          <div className="flex flex-wrap items-start gap-2">
            <WatchButton member={member} kind="cr" id={cr.id} action={watchItem} />
            {can(member.role, 'plan:edit') && (
              <>
                <EditChangeRequestButton id={cr.id} title={cr.title} />
                <DeletePlanItemButton kind="cr" id={cr.id} name={cr.title} goTo="/board?kind=cr" />
              </>
            )}
          </div>
        </div>
        <div className="mt-2 flex flex-wrap items-center gap-1.5">
          <StatusBadge domain="cr" status={cr.status.key} label={cr.status.label} />
          <Badge>{cr.type.label}</Badge>
          <Badge>Size {cr.size}</Badge>
        </div>
      </div>
      <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-5">
          <Card>
            <CardHeading title="Dependencies" description="blocks: must be done first; related: worth reading together; supersedes: replaces the older one." />
            <CardBody className="space-y-5">
              {cr.graph.edges.length > 0 && <DependencyGraph data={cr.graph} edgeTypes={CR_DEPENDENCY_TYPES} itemHref="cr" actions={actions} height={320} />}
              <DependencyEditor subject={cr.id} actions={actions} types={CR_DEPENDENCY_TYPES} dependsOn={cr.dependsOn} dependents={cr.dependents} />
            </CardBody>
          </Card>
        </div>
        <Card>
          <CardHeading title="Details" />
          <CardBody className="space-y-4 text-sm">
            {cr.description && <p className="text-muted-foreground">{cr.description}</p>}
            <Details>
              <Detail label="Owner">{cr.owner}</Detail>
              <Detail label="Product">
                {cr.product && (
                  <EntityLink kind="product" id={cr.product.id}>
                    {cr.product.name}
                  </EntityLink>
                )}
              </Detail>
              <Detail label="Feature">
                {cr.feature && (
                  <EntityLink kind="feature" id={cr.feature.id}>
                    {cr.feature.name}
                  </EntityLink>
                )}
              </Detail>
              <Detail label="Target version">{cr.targetVersion}</Detail>
              <Detail label="Completed in">{cr.completedVersion}</Detail>
              <Detail label="Created">{cr.createdAt.toISOString().slice(0, 10)}</Detail>
            </Details>
            {cr.roadmapItems.length > 0 && (
              <div className="space-y-1.5">
                <h3 className="font-semibold">Roadmap items</h3>
                <ul className="space-y-1">
                  {cr.roadmapItems.map((item) => (
                    <li key={item.id} className="flex items-center gap-2">
                      <EntityLink kind="roadmap" id={item.id} variant="mono" />
                      <span className="min-w-0 flex-1 truncate">{item.title}</span>
                      <StatusBadge domain="roadmap" status={item.status.key} label={item.status.label} />
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </CardBody>
        </Card>
      </div>
      <ItemHistory member={member} kind="cr" id={cr.id} restore={restoreFieldValue} />
    </div>
  );
}
