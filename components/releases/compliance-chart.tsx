'use client';

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { ChartPoint } from '@/lib/releases/list';

/** Passed and failed result rows per release (bars) and the pass rate (line), oldest release first. */
export function ComplianceChart({ points, productName }: { points: ChartPoint[]; productName: string }) {
  const summary = points.map((p) => `${p.name}: ${p.passRate === null ? 'no results' : `${p.passRate}% passed`}`).join('; ');
  return (
    <figure className="h-64 w-full" aria-label={`Compliance of ${productName} over its releases`}>
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={{ stroke: 'var(--border)' }} />
          <YAxis yAxisId="rows" allowDecimals={false} tick={{ fontSize: 12, fill: 'var(--muted-foreground)' }} tickLine={false} axisLine={false} />
          <YAxis
            yAxisId="rate"
            orientation="right"
            domain={[0, 100]}
            unit="%"
            tick={{ fontSize: 12, fill: 'var(--muted-foreground)' }}
            tickLine={false}
            axisLine={false}
          />
          <Tooltip
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12, color: 'var(--foreground)' }}
            cursor={{ fill: 'var(--muted)' }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar yAxisId="rows" dataKey="passed" name="Passed" stackId="r" fill="#10b981" radius={[0, 0, 0, 0]} isAnimationActive={false} />
          <Bar yAxisId="rows" dataKey="failed" name="Failed" stackId="r" fill="#ef4444" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Line
            yAxisId="rate"
            dataKey="passRate"
            name="Pass rate"
            stroke="var(--primary)"
            strokeWidth={2}
            dot={{ r: 3 }}
            connectNulls
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
