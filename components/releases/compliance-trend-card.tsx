import { ChartColumn } from 'lucide-react';

import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import type { ReleaseList, ReleaseListQuery } from '@/lib/releases/list';

import { ComplianceChart } from './compliance-chart';

export function ComplianceTrendCard({
  chart,
  products,
  query,
}: {
  chart: ReleaseList['chart'];
  products: { id: string; name: string }[];
  query: ReleaseListQuery;
}) {
  return (
    <Card aria-labelledby="trend-heading">
      <CardHeader className="flex-wrap items-center justify-between">
        <div className="flex items-start gap-3">
          <ChartColumn className="mt-0.5 size-4 text-muted-foreground" aria-hidden />
          <div>
            <h2 id="trend-heading" className="font-semibold">
              Compliance over releases{chart.product ? `: ${chart.product.name}` : ''}
            </h2>
            <p className="text-sm text-muted-foreground">Result rows passed and failed per release (its latest twelve), and the share that passed.</p>
          </div>
        </div>
        <form method="get" action="/releases" className="flex items-center gap-2">
          {Object.entries(query).map(([key, value]) =>
            key === 'chart' || value === undefined ? null : <input key={key} type="hidden" name={key} value={String(value)} />,
          )}
          <label htmlFor="chart-product" className="sr-only">
            Product to chart
          </label>
          <select
            id="chart-product"
            name="chart"
            defaultValue={chart.product?.id ?? ''}
            className="h-8 rounded-md border border-border bg-surface px-2 text-sm"
          >
            {products.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <Button type="submit" variant="secondary" size="sm">
            Show
          </Button>
        </form>
      </CardHeader>
      <CardBody>
        {chart.product && chart.points.length > 0 ? (
          <ComplianceChart points={chart.points} productName={chart.product.name} />
        ) : (
          <p className="py-6 text-center text-sm text-muted-foreground">This product has no release yet.</p>
        )}
      </CardBody>
    </Card>
  );
}
