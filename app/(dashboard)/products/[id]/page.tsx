import { Bug, CalendarClock, GitPullRequest, Puzzle } from 'lucide-react';

import { Section } from '@/components/builders/section';
import { BugsByVersion, CrLines, ReleaseLines } from '@/components/portfolio/lists';
import { EditProductButton } from '@/components/plan/product-form';
import { NewFeatureButton } from '@/components/plan/feature-form';
import { NewReleaseButton } from '@/components/plan/release-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { can } from '@/lib/organisations/permissions';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { WatchButton } from '@/components/inbox/watch-button';
import { EntityPageHeader } from '@/components/portfolio/page-header';
import { DataTable } from '@/components/ui/data-table';
import { EntityLink } from '@/components/ui/entity-link';
import { StatTile, StatTiles, StatValue } from '@/components/ui/stat-tile';
import { StatusBadge } from '@/components/ui/status';
import { getProductPage } from '@/lib/portfolio/pages';
import { watchItem } from '../../inbox/actions';

import { entityMetadata, requireEntity, type EntityParams } from '../../entity-page';
import { ItemHistory } from '@/components/history/item-history';
import { restoreFieldValue } from '../../audit/actions';

export const generateMetadata = entityMetadata('Product');

export default async function ProductPage({ params }: { params: EntityParams }) {
  const { member, page } = await requireEntity(params, getProductPage);
  const { product } = page;

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.portfolio} />
      <EntityPageHeader
        trail={[
          { label: 'Overview', href: '/' },
          { label: product.program.name, href: `/programs/${encodeURIComponent(product.program.id)}` },
        ]}
        actions={
          <>
            <WatchButton member={member} kind="product" id={product.id} action={watchItem} />
            {can(member.role, 'plan:edit') ? (
              <>
                <NewFeatureButton productId={product.id} variant="secondary" />
                <NewReleaseButton productId={product.id} variant="secondary" />
                <EditProductButton id={product.id} name={product.name} />
                <DeletePlanItemButton kind="product" id={product.id} name={product.name} goTo={`/programs/${encodeURIComponent(product.program.id)}`} />
              </>
            ) : undefined}
          </>
        }
        kind="Product"
        id={product.id}
        title={product.name}
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
      >
        {product.description}
      </EntityPageHeader>

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
      <ItemHistory member={member} kind="product" id={product.id} restore={restoreFieldValue} />
    </div>
  );
}
