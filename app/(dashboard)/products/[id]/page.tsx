import { Bug, CalendarClock, GitPullRequest, Puzzle } from 'lucide-react';

import { Section } from '@/components/builders/section';
import { BugsByVersion, CrLines, ReleaseLines } from '@/components/portfolio/lists';
import { EditProductButton } from '@/components/plan/product-form';
import { NewFeatureButton } from '@/components/plan/feature-form';
import { NewReleaseButton } from '@/components/plan/release-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { DataTable } from '@/components/ui/data-table';
import { EntityLink } from '@/components/ui/entity-link';
import { StatTile, StatTiles, StatValue } from '@/components/ui/stat-tile';
import { StatusBadge } from '@/components/ui/status';
import { getProductPage } from '@/lib/portfolio/pages';

import { entityMetadata, requireEntity, type EntityParams } from '../../entity-page';
import { PlanEntityPage } from '../../plan-entity-page';

export const generateMetadata = entityMetadata('Product');

export default async function ProductPage({ params }: { params: EntityParams }) {
  const { member, page } = await requireEntity(params, getProductPage);
  const { product } = page;

  return (
    <PlanEntityPage
      member={member}
      kind="product"
      id={product.id}
      title={product.name}
      parents={{ program: product.program }}
      edit={
        <>
          <NewFeatureButton productId={product.id} variant="secondary" />
          <NewReleaseButton productId={product.id} variant="secondary" />
          <EditProductButton id={product.id} name={product.name} />
          <DeletePlanItemButton kind="product" id={product.id} name={product.name} goTo={`/programs/${encodeURIComponent(product.program.id)}`} />
        </>
      }
      badges={
        <>
          <span className="font-mono text-xs text-muted-foreground">v{product.version}</span>
          <StatusBadge domain="product" status={product.status.key} label={product.status.label} />
          {product.repositoryUrl && (
            <a href={product.repositoryUrl} className="text-xs text-primary hover:underline" rel="noreferrer">
              Repository
            </a>
          )}
        </>
      }
      description={product.description}
    >
      <StatTiles>
        <StatTile label="Features">
          <StatValue>{product.features}</StatValue>
        </StatTile>
        <StatTile label="Releases">
          <StatValue>{page.releases.length}</StatValue>
        </StatTile>
        <StatTile label="Open change requests">
          <StatValue>{product.openCrs}</StatValue>
        </StatTile>
        <StatTile label="Open bugs">
          <StatValue alert={product.openBugs > 0}>{product.openBugs}</StatValue>
        </StatTile>
      </StatTiles>

      <Section Icon={Puzzle} title="Features" empty={page.features.length === 0 && 'No features yet.'}>
        <DataTable
          aria-label="Features"
          rows={page.features}
          rowKey={(f) => f.id}
          columns={[
            {
              header: 'Feature',
              cell: (f) => (
                <EntityLink kind="feature" id={f.id} className="font-medium">
                  {f.name}
                </EntityLink>
              ),
            },
            { header: 'Status', cell: (f) => <StatusBadge domain="feature" status={f.status.key} label={f.status.label} /> },
            { header: 'Version', className: 'font-mono text-xs text-muted-foreground', cell: (f) => f.version ?? '—' },
          ]}
        />
      </Section>

      <Section
        Icon={CalendarClock}
        title="Releases"
        summary="The verdict says whether it may ship, and what stands in the way."
        empty={page.releases.length === 0 && 'No releases planned.'}
      >
        <ReleaseLines releases={page.releases} showProduct={false} />
      </Section>

      <Section Icon={GitPullRequest} title="Open change requests" empty={page.openCrs.length === 0 && 'No open change requests.'}>
        <CrLines crs={page.openCrs} />
      </Section>

      <Section Icon={Bug} title="Bugs by version" empty={page.bugs.length === 0 && 'No bugs reported.'}>
        <BugsByVersion bugs={page.bugs} />
      </Section>
    </PlanEntityPage>
  );
}
