import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';

import { formatDay } from '@/components/overview/dates';
import { Link } from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status';
import { EntityLink } from '@/components/ui/entity-link';
import type { ReleaseListQuery, ReleaseRow } from '@/lib/releases/list';
import { describeTally, PROBLEM_LABELS, type Verdict } from '@/lib/releases/verdict';

import { VerdictBadge } from './verdict-badge';

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
      <Link
        href={listHref(query, { sort, dir: nextDir, page: 1 })}
        className="inline-flex items-center gap-1 hover:text-foreground"
        aria-label={`Sort by ${children.toLowerCase()}`}
      >
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
            <SortHeader query={query} sort="name">
              Release
            </SortHeader>
            <SortHeader query={query} sort="product">
              Product
            </SortHeader>
            <SortHeader query={query} sort="type">
              Type
            </SortHeader>
            <SortHeader query={query} sort="status">
              Status
            </SortHeader>
            <SortHeader query={query} sort="target">
              Target date
            </SortHeader>
            <th
              scope="col"
              className="text-right"
              title="Every result ever recorded for the release (v_compliance_status): standards checked, results passed and failed"
            >
              Results recorded
            </th>
            <SortHeader query={query} sort="verdict">
              Verdict
            </SortHeader>
          </tr>
        </thead>
        <tbody className="divide-y divide-border [&_td]:px-4 [&_td]:py-2.5">
          {rows.map((row) => (
            <tr key={row.id} className="hover:bg-muted/50" data-testid="release-row" data-release-id={row.id}>
              <td className="font-medium">
                <EntityLink kind="release" id={row.id}>
                  {row.name}
                </EntityLink>
              </td>
              <td className="whitespace-nowrap">
                <EntityLink kind="product" id={row.product.id} variant="subtle">
                  {row.product.name}
                </EntityLink>
              </td>
              <td className="whitespace-nowrap text-muted-foreground">{row.type.label}</td>
              <td>
                <StatusBadge domain="release" status={row.status.key} label={row.status.label} />
              </td>
              <td className="whitespace-nowrap text-muted-foreground">
                {row.targetDate ? <time dateTime={row.targetDate}>{formatDay(row.targetDate)}</time> : '—'}
              </td>
              <td className="whitespace-nowrap text-right text-xs tabular-nums text-muted-foreground" data-testid="tally" title={describeTally(row.tally)}>
                {row.tally.checks === 0 ? (
                  'none'
                ) : (
                  <>
                    {row.tally.checks} checked · <span className="text-emerald-700 dark:text-emerald-300">{row.tally.passed} passed</span> ·{' '}
                    <span className="text-red-700 dark:text-red-300">{row.tally.failed} failed</span>
                  </>
                )}
              </td>
              <td data-testid="verdict" data-verdict={row.verdict.key}>
                <VerdictBadge verdict={row.verdict} />
                <VerdictReasons verdict={row.verdict} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SHOWN_REASONS = 3;

/** What stands in the way, named: the standards that do not pass (waived ones aside). */
function VerdictReasons({ verdict }: { verdict: Verdict }) {
  const open = verdict.reasons.filter((r) => r.problem !== 'waived');
  if (open.length === 0) return null;
  const hidden = open.length - SHOWN_REASONS;
  return (
    <p className="mt-1 max-w-72 text-xs text-muted-foreground" data-testid="verdict-reasons" title={verdict.summary}>
      {open
        .slice(0, SHOWN_REASONS)
        .map((r) => `${r.standardId} ${PROBLEM_LABELS[r.problem]}`)
        .join(', ')}
      {hidden > 0 && `, +${hidden} more`}
    </p>
  );
}
