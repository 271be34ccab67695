import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import Link from 'next/link';

import { formatDay } from '@/components/overview/dates';
import { Badge } from '@/components/ui/badge';
import { StatusBadge } from '@/components/ui/status';
import type { ReleaseListQuery, ReleaseRow } from '@/lib/releases/list';

import { rollupLabel, verdictLabel, verdictTone } from './tones';

type SortKey = ReleaseListQuery['sort'];

/** The list's URL with some parameters changed (filters, sort and page live in the URL). */
export function listHref(query: ReleaseListQuery, change: Partial<Record<keyof ReleaseListQuery, string | number | undefined>>): string {
  const params = new URLSearchParams();
  const merged = { ...query, ...change } as Record<string, unknown>;
  for (const [key, value] of Object.entries(merged)) {
    if (value === undefined || value === '') continue;
    if ((key === 'page' && value === 1) || (key === 'sort' && value === 'target') || (key === 'dir' && value === 'desc')) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/releases?${search}` : '/releases';
}

function SortHeader({ query, sort, children, className }: { query: ReleaseListQuery; sort: SortKey; children: string; className?: string }) {
  const active = query.sort === sort;
  const nextDir = active && query.dir === 'asc' ? 'desc' : 'asc';
  const Icon = !active ? ArrowUpDown : query.dir === 'asc' ? ArrowUp : ArrowDown;
  return (
    <th scope="col" aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={className}>
      <Link href={listHref(query, { sort, dir: nextDir, page: 1 })} className="inline-flex items-center gap-1 hover:text-foreground" aria-label={`Sort by ${children.toLowerCase()}`}>
        {children}
        <Icon className={active ? 'size-3.5' : 'size-3.5 opacity-40'} aria-hidden />
      </Link>
    </th>
  );
}

export function ReleaseTable({ rows, query }: { rows: ReleaseRow[]; query: ReleaseListQuery }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="release-table">
        <thead className="border-b border-border text-left text-xs font-medium text-muted-foreground [&_th]:px-4 [&_th]:py-2.5 [&_th]:whitespace-nowrap">
          <tr>
            <SortHeader query={query} sort="name">Release</SortHeader>
            <SortHeader query={query} sort="product">Product</SortHeader>
            <SortHeader query={query} sort="type">Type</SortHeader>
            <SortHeader query={query} sort="status">Status</SortHeader>
            <SortHeader query={query} sort="target">Target date</SortHeader>
            <th scope="col" className="text-right">Checks</th>
            <th scope="col" className="text-right">Passed</th>
            <th scope="col" className="text-right">Failed</th>
            <SortHeader query={query} sort="rollup">Roll-up</SortHeader>
            <th scope="col" title="From each applicable standard's latest result">Verdict now</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border [&_td]:px-4 [&_td]:py-2.5">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-muted/50" data-testid="release-row" data-release-id={row.id}>
              <td className="font-medium">
                <Link href={`/releases/${encodeURIComponent(row.id)}`} className="text-primary hover:underline">
                  {row.name}
                </Link>
              </td>
              <td className="whitespace-nowrap">{row.product.name}</td>
              <td className="whitespace-nowrap text-muted-foreground">{row.type.label}</td>
              <td>
                <StatusBadge domain="release" status={row.status.key} label={row.status.label} />
              </td>
              <td className="whitespace-nowrap text-muted-foreground">{row.targetDate ? <time dateTime={row.targetDate}>{formatDay(row.targetDate)}</time> : '—'}</td>
              <td className="text-right tabular-nums">{row.rollup.checks}</td>
              <td className="text-right tabular-nums text-emerald-700 dark:text-emerald-300">{row.rollup.passed}</td>
              <td className="text-right tabular-nums text-red-700 dark:text-red-300">{row.rollup.failed}</td>
              <td data-testid="rollup-status">
                <Badge tone={verdictTone[row.rollup.status]}>{rollupLabel[row.rollup.status]}</Badge>
              </td>
              <td data-testid="verdict">
                <Badge tone={verdictTone[row.verdict]}>{verdictLabel[row.verdict]}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
