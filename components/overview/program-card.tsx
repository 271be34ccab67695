import { Package, UserRound } from 'lucide-react';

import { VerdictBadge } from '@/components/releases/verdict-badge';
import { Badge, Dot } from '@/components/ui/badge';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { EntityLink } from '@/components/ui/entity-link';
import { Progress } from '@/components/ui/progress';
import { StatusBadge, statusTone } from '@/components/ui/status';
import type { ProductSummary, ProgramSummary } from '@/lib/portfolio/overview';

import { formatDay } from './dates';

export function ProgramCard({ program }: { program: ProgramSummary }) {
  return (
    <Card aria-labelledby={`program-${program.id}`} data-testid="program-card">
      <CardHeader className="flex-col gap-3">
        <div className="flex w-full flex-wrap items-start justify-between gap-2">
          <div className="min-w-0">
            <h2 id={`program-${program.id}`} className="text-lg font-semibold tracking-tight">
              <EntityLink kind="program" id={program.id} variant="subtle" data-testid="program-link">
                {program.name}
              </EntityLink>
            </h2>
            <p className="font-mono text-xs text-muted-foreground">{program.id}</p>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            <Badge>{program.type.label}</Badge>
            <StatusBadge domain="product" status={program.status.key} label={program.status.label} />
            <StatusBadge domain="foreman" status={program.state} />
          </div>
        </div>
        {program.description && <p className="text-sm text-muted-foreground">{program.description}</p>}
        <div className="flex w-full items-center gap-3">
          <Progress value={program.progress} label={`${program.name} progress`} />
          <span className="w-10 text-right text-sm font-medium tabular-nums">{program.progress}%</span>
          {program.owner && (
            <span className="flex items-center gap-1 text-xs text-muted-foreground" title="Owner">
              <UserRound className="size-3.5" aria-hidden />
              {program.owner}
            </span>
          )}
        </div>
      </CardHeader>
      <CardBody className="p-0">
        {program.products.length === 0 ? (
          <p className="px-5 py-4 text-sm text-muted-foreground">
            No products yet. A product is what builders ship; add the first one on{' '}
            <EntityLink kind="program" id={program.id}>
              the program’s page
            </EntityLink>
            , then its features and a release.
          </p>
        ) : (
          <ul className="divide-y divide-border">
            {program.products.map((product) => (
              <ProductRow key={product.id} product={product} />
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}

function ProductRow({ product }: { product: ProductSummary }) {
  const hidden = product.featureCount - product.features.length;
  return (
    <li className="grid gap-3 px-5 py-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,16rem)]" data-testid="product-row">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-2">
          <Package className="size-4 text-muted-foreground" aria-hidden />
          <h3 className="font-medium">
            <EntityLink kind="product" id={product.id} variant="subtle">
              {product.name}
            </EntityLink>
          </h3>
          <span className="font-mono text-xs text-muted-foreground">v{product.version}</span>
          <StatusBadge domain="product" status={product.status.key} label={product.status.label} />
        </div>
        {product.features.length > 0 ? (
          <ul className="mt-2.5 flex flex-wrap gap-1.5" aria-label={`${product.name} features`}>
            {product.features.map((feature) => (
              <li key={feature.id}>
                <EntityLink
                  kind="feature"
                  id={feature.id}
                  variant="subtle"
                  title={feature.status.label}
                  className="flex items-center gap-1.5 rounded-md border border-border px-2 py-0.5 text-xs hover:bg-muted"
                >
                  <Dot tone={statusTone('feature', feature.status.key)} />
                  {feature.name}
                  <span className="sr-only">({feature.status.label})</span>
                </EntityLink>
              </li>
            ))}
            {hidden > 0 && (
              <li className="px-1 py-0.5 text-xs">
                <EntityLink kind="product" id={product.id}>
                  +{hidden} more
                </EntityLink>
              </li>
            )}
          </ul>
        ) : (
          <p className="mt-2 text-xs text-muted-foreground">No features yet.</p>
        )}
      </div>
      <div>
        <h4 className="mb-1.5 text-xs font-medium uppercase tracking-wide text-muted-foreground">Releases</h4>
        {product.releases.length === 0 ? (
          <p className="text-xs text-muted-foreground">None planned.</p>
        ) : (
          <ul className="space-y-1.5">
            {product.releases.map((release) => (
              <li key={release.id} className="text-sm" data-testid="product-release" data-release-id={release.id}>
                <div className="flex items-center justify-between gap-2">
                  <EntityLink kind="release" id={release.id} variant="subtle" className="min-w-0 truncate">
                    {release.name}
                  </EntityLink>
                  {release.targetDate && (
                    <time dateTime={release.targetDate} className="shrink-0 text-xs text-muted-foreground">
                      {formatDay(release.targetDate)}
                    </time>
                  )}
                </div>
                <div className="mt-1 flex flex-wrap items-center gap-1.5">
                  <StatusBadge domain="release" status={release.status.key} label={release.status.label} />
                  <VerdictBadge verdict={release.verdict} />
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}
