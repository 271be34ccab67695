import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { Detail, Details } from '@/components/ui/details';
import { EditBugButton } from '@/components/plan/bug-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { Badge } from '@/components/ui/badge';
import { EntityLink } from '@/components/ui/entity-link';
import { StatusBadge, statusTone } from '@/components/ui/status';
import { getBugPage } from '@/lib/portfolio/pages';

import { entityMetadata, requireEntity, type EntityParams } from '../../entity-page';
import { PlanEntityPage } from '../../plan-entity-page';

export const generateMetadata = entityMetadata('Bug');

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function BugPage({ params }: { params: EntityParams }) {
  const { member, page } = await requireEntity(params, getBugPage);
  const { bug } = page;

  return (
    <PlanEntityPage
      member={member}
      kind="bug"
      id={bug.id}
      title={bug.title}
      parents={{ program: bug.program, product: bug.product, feature: bug.feature }}
      edit={
        <>
          <EditBugButton id={bug.id} title={bug.title} />
          <DeletePlanItemButton kind="bug" id={bug.id} name={bug.title} goTo={`/features/${encodeURIComponent(bug.feature.id)}`} />
        </>
      }
      badges={
        <>
          <Badge tone={statusTone('severity', bug.severity.key)}>{bug.severity.label}</Badge>
          <StatusBadge domain="bug" status={bug.status.key} label={bug.status.label} />
        </>
      }
    >
      <Card aria-labelledby="bug-details" className="max-w-3xl">
        <CardHeading id="bug-details" title="Details" />
        <CardBody className="space-y-4 text-sm">
          {bug.description && <p className="whitespace-pre-line leading-relaxed">{bug.description}</p>}
          <Details className="grid-cols-[10rem_1fr]">
            <Detail label="Feature">
              <EntityLink kind="feature" id={bug.feature.id}>
                {bug.feature.name}
              </EntityLink>{' '}
              <span className="font-mono text-xs text-muted-foreground">v{bug.featureVersion}</span>
            </Detail>
            <Detail label="Product">
              <EntityLink kind="product" id={bug.product.id}>
                {bug.product.name}
              </EntityLink>
            </Detail>
            <Detail label="Fix">
              {bug.fixCr ? (
                <span className="flex flex-wrap items-center gap-2">
                  <EntityLink kind="cr" id={bug.fixCr.id} variant="mono" />
                  <span>{bug.fixCr.title}</span>
                  <StatusBadge domain="cr" status={bug.fixCr.status.key} label={bug.fixCr.status.label} />
                </span>
              ) : (
                'No change request fixes it yet.'
              )}
            </Detail>
            <Detail label="Fixed in">{bug.fixedInVersion}</Detail>
            <Detail label="Reported by">{bug.reportedBy}</Detail>
            <Detail label="Assigned to">{bug.assignedTo ?? 'Nobody yet'}</Detail>
            <Detail label="Reported">{day(bug.createdAt)}</Detail>
            <Detail label="Resolved">{bug.resolvedAt && day(bug.resolvedAt)}</Detail>
          </Details>
        </CardBody>
      </Card>
    </PlanEntityPage>
  );
}
