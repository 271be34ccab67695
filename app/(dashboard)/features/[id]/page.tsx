import { Bug, GitPullRequest, Map as MapIcon } from 'lucide-react';

import { Section } from '@/components/builders/section';
import { BugsByVersion, CrLines } from '@/components/portfolio/lists';
import { EditFeatureButton } from '@/components/plan/feature-form';
import { NewBugButton } from '@/components/plan/bug-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { DataTable } from '@/components/ui/data-table';
import { EntityLink } from '@/components/ui/entity-link';
import { StatusBadge } from '@/components/ui/status';
import { getFeaturePage } from '@/lib/portfolio/pages';

import { entityMetadata, requireEntity, type EntityParams } from '../../entity-page';
import { PlanEntityPage } from '../../plan-entity-page';

export const generateMetadata = entityMetadata('Feature');

export default async function FeaturePage({ params }: { params: EntityParams }) {
  const { member, page } = await requireEntity(params, getFeaturePage);
  const { feature } = page;
  const versions = [
    feature.version && `version ${feature.version}`,
    feature.introducedIn && `introduced in ${feature.introducedIn}`,
    feature.deprecatedIn && `deprecated in ${feature.deprecatedIn}`,
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <PlanEntityPage
      member={member}
      kind="feature"
      id={feature.id}
      title={feature.name}
      parents={{ program: feature.program, product: feature.product }}
      edit={
        <>
          <NewBugButton featureId={feature.id} label="New bug" />
          <EditFeatureButton id={feature.id} name={feature.name} />
          <DeletePlanItemButton kind="feature" id={feature.id} name={feature.name} goTo={`/products/${encodeURIComponent(feature.product.id)}`} />
        </>
      }
      badges={
        <>
          <StatusBadge domain="feature" status={feature.status.key} label={feature.status.label} />
          {versions && <span className="text-xs text-muted-foreground">{versions}</span>}
        </>
      }
      description={feature.description}
    >
      <Section
        Icon={Bug}
        title="Bugs by version"
        summary="From v_bugs_by_version: worst first within each version."
        empty={page.bugs.length === 0 && 'No bugs reported against this feature.'}
      >
        <BugsByVersion bugs={page.bugs} showFeature={false} />
      </Section>

      <Section Icon={GitPullRequest} title="Change requests" summary="Open ones first." empty={page.crs.length === 0 && 'No change requests for this feature.'}>
        <CrLines crs={page.crs} showProduct={false} />
      </Section>

      <Section Icon={MapIcon} title="Roadmap items" empty={page.roadmapItems.length === 0 && 'No roadmap items for this feature.'}>
        <DataTable
          aria-label="Roadmap items"
          rows={page.roadmapItems}
          rowKey={(i) => i.id}
          columns={[
            { header: 'Id', className: 'whitespace-nowrap', cell: (i) => <EntityLink kind="roadmap" id={i.id} variant="mono" /> },
            {
              header: 'Title',
              cell: (i) => (
                <EntityLink kind="roadmap" id={i.id} variant="subtle">
                  {i.title}
                </EntityLink>
              ),
            },
            { header: 'Phase', className: 'text-muted-foreground', cell: (i) => i.phase.label },
            { header: 'Status', cell: (i) => <StatusBadge domain="roadmap" status={i.status.key} label={i.status.label} /> },
          ]}
        />
      </Section>
    </PlanEntityPage>
  );
}
