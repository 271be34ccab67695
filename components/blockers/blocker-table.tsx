'use client';

import {
  columnGroupingFeature,
  createExpandedRowModel,
  createGroupedRowModel,
  flexRender,
  rowExpandingFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { ArrowDown, ArrowUp, ArrowUpDown, Lock } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EntityLink } from '@/components/ui/entity-link';
import { Link } from '@/components/ui/link';
import type { BlockerRow } from '@/lib/blockers/desk';
import { deskHref, type DeskQuery, type SortKey } from '@/lib/blockers/filters';
import { kindLabel, RESOLUTION_ACTION_LABELS, TARGET_LABELS } from '@/lib/blockers/kinds';

import { EscalateDialog } from './escalate-dialog';
import { formatAge, kindTone, severityTone } from './format';
import { ResolveDialog } from './resolve-dialog';
import type { BlockerActions } from './types';

/** Table columns that sort on the server, by the desk's sort key. */
const SORTABLE: Record<string, SortKey> = { kind: 'kind', severity: 'severity', raisedBy: 'raisedBy', age: 'detected', resolved: 'resolved' };

/** Sorting is the server's (manualSorting); grouping and expanding group the page in the browser. */
const features = tableFeatures({
  rowSortingFeature,
  columnGroupingFeature,
  groupedRowModel: createGroupedRowModel(),
  rowExpandingFeature,
  expandedRowModel: createExpandedRowModel(),
});
type Column = ColumnDef<typeof features, BlockerRow>;

const instant = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/**
 * The desk's table (TanStack Table). Sorting, filtering and paging happen on the server (the
 * URL holds them), so the table only ever holds one page; grouping by classification groups
 * that page, which the server sorts by classification first.
 */
export function BlockerTable({
  rows,
  query,
  now,
  actions,
  canResolve,
  canAttach,
}: {
  rows: BlockerRow[];
  query: DeskQuery;
  now: number;
  actions: BlockerActions;
  canResolve: boolean;
  canAttach: boolean;
}) {
  const router = useRouter();
  const [dialog, setDialog] = useState<{ kind: 'resolve' | 'escalate'; row: BlockerRow } | null>(null);
  const history = query.tab === 'history';
  const activeSort = query.sort ?? (history ? 'resolved' : 'detected');
  const activeDir = query.dir ?? (activeSort === 'resolved' ? 'desc' : 'asc');
  const sorting: SortingState = Object.entries(SORTABLE)
    .filter(([, key]) => key === activeSort)
    .map(([id]) => ({ id, desc: activeDir === 'desc' }));

  const columns = useMemo<Column[]>(() => {
    const kind: Column = {
      id: 'kind',
      header: 'Classification',
      accessorFn: (row) => row.kind ?? 'unclassified',
      cell: ({ row }) => <Badge tone={kindTone(row.original.kind)}>{kindLabel(row.original.kind)}</Badge>,
    };
    const severity: Column = {
      id: 'severity',
      header: 'Severity',
      accessorFn: (row) => row.severity,
      cell: ({ row }) => <Badge tone={severityTone(row.original.severity)}>{row.original.severity ?? '—'}</Badge>,
    };
    const blocker: Column = {
      id: 'blocker',
      header: 'Blocker',
      cell: ({ row: { original: b } }) => (
        <div className="min-w-64 space-y-0.5">
          <p className="font-medium">{b.title}</p>
          {b.description && b.description !== b.title && <p className="line-clamp-2 text-xs text-muted-foreground">{b.description}</p>}
          {b.needs && !history && (
            <p className="text-xs">
              <span className="text-muted-foreground">Needs:</span> {b.needs}
            </p>
          )}
          {b.escalatedTo && !history && <p className="text-xs text-violet-700 dark:text-violet-300">Escalated to {b.escalatedTo}</p>}
        </div>
      ),
    };
    const item: Column = {
      id: 'item',
      header: 'Blocked item',
      cell: ({ row: { original: b } }) => (
        <div className="min-w-40">
          <span className="block text-xs text-muted-foreground">{TARGET_LABELS[b.target.type]}</span>
          {b.target.href ? (
            <Link href={b.target.href} className="font-medium text-primary hover:underline">
              {b.target.label}
            </Link>
          ) : (
            <span className="font-medium">{b.target.label}</span>
          )}
          {b.program && (
            <EntityLink kind="program" id={b.program.id} variant="subtle" className="block text-xs text-muted-foreground">
              {b.program.name}
            </EntityLink>
          )}
        </div>
      ),
    };
    const raisedBy: Column = { id: 'raisedBy', header: 'Raised by', accessorFn: (row) => row.raisedBy };
    const age: Column = {
      id: 'age',
      header: 'Age',
      cell: ({ row: { original: b } }) => (
        <time dateTime={b.detectedAt.toISOString()} title={instant(b.detectedAt)} className="whitespace-nowrap tabular-nums">
          {formatAge(b.detectedAt, now)}
        </time>
      ),
    };
    if (history) {
      return [
        kind,
        blocker,
        item,
        {
          id: 'resolved',
          header: 'Resolved',
          cell: ({ row: { original: b } }) => (
            <div className="min-w-32 text-xs">
              <time dateTime={b.resolvedAt?.toISOString()} className="block whitespace-nowrap">
                {b.resolvedAt ? instant(b.resolvedAt) : '—'}
              </time>
              <span className="text-muted-foreground">by {b.resolvedBy ?? 'unknown'}</span>
            </div>
          ),
        },
        {
          id: 'resolution',
          header: 'Resolution',
          cell: ({ row: { original: b } }) => (
            <div className="min-w-56 space-y-1">
              <p className="text-sm">{b.resolution}</p>
              <p className="flex flex-wrap items-center gap-1.5">
                {b.resolutionAction && (
                  <Badge>{RESOLUTION_ACTION_LABELS[b.resolutionAction as keyof typeof RESOLUTION_ACTION_LABELS] ?? b.resolutionAction}</Badge>
                )}
                <Badge tone={b.justification === 'waiver' ? 'violet' : 'green'}>{b.justification === 'waiver' ? 'Waiver' : 'Evidence'}</Badge>
                <span className="inline-flex items-center gap-1 text-xs text-muted-foreground" title="A resolution cannot be changed">
                  <Lock className="size-3" aria-hidden /> Final
                </span>
              </p>
            </div>
          ),
        },
      ];
    }
    return [
      kind,
      severity,
      blocker,
      item,
      raisedBy,
      age,
      {
        id: 'actions',
        header: () => <span className="sr-only">Actions</span>,
        cell: ({ row: { original: b } }) =>
          canResolve ? (
            <div className="flex flex-col items-stretch gap-1.5">
              <Button size="sm" onClick={() => setDialog({ kind: 'resolve', row: b })} aria-label={`Resolve ${b.title}`}>
                Resolve
              </Button>
              <Button size="sm" variant="secondary" onClick={() => setDialog({ kind: 'escalate', row: b })} aria-label={`Escalate ${b.title}`}>
                Escalate
              </Button>
            </div>
          ) : null,
      },
    ];
  }, [history, now, canResolve]);

  const table = useTable({
    features,
    data: rows,
    columns,
    getRowId: (row) => row.id,
    state: { sorting, grouping: query.group === 'kind' ? ['kind'] : [], expanded: true },
    manualSorting: true,
    enableSortingRemoval: false,
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (!first) return;
      router.push(deskHref({ ...query, sort: SORTABLE[first.id], dir: first.desc ? 'desc' : 'asc', page: 1 }));
    },
  });

  return (
    <>
      <div className="overflow-x-auto">
        <table className="w-full border-collapse text-sm" data-testid={history ? 'blocker-history' : 'open-blockers'}>
          <thead className="bg-muted/60 text-left text-xs uppercase tracking-wide text-muted-foreground">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sortable =
                    header.column.id in SORTABLE &&
                    (history ? header.column.id === 'resolved' || header.column.id === 'kind' : header.column.id !== 'resolved');
                  const sorted = header.column.getIsSorted();
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      className="px-3 py-2 font-medium"
                      aria-sort={sorted ? (sorted === 'desc' ? 'descending' : 'ascending') : undefined}
                    >
                      {sortable ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex items-center gap-1 uppercase hover:text-foreground"
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          {sorted === 'asc' ? (
                            <ArrowUp className="size-3" aria-hidden />
                          ) : sorted === 'desc' ? (
                            <ArrowDown className="size-3" aria-hidden />
                          ) : (
                            <ArrowUpDown className="size-3 opacity-50" aria-hidden />
                          )}
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody className="divide-y divide-border">
            {table.getRowModel().rows.map((row) =>
              row.getIsGrouped() ? (
                <tr key={row.id} className="bg-muted/30">
                  <th scope="rowgroup" colSpan={columns.length} className="px-3 py-2 text-left text-xs font-semibold">
                    {kindLabel(String(row.groupingValue))} <span className="font-normal text-muted-foreground">· {row.subRows.length} on this page</span>
                  </th>
                </tr>
              ) : (
                <tr key={row.id} className="align-top hover:bg-muted/30" data-testid={`blocker-${row.id}`}>
                  {row.getAllCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2.5">
                      {cell.getIsPlaceholder() ? null : flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      {dialog?.kind === 'resolve' && (
        <ResolveDialog blocker={dialog.row} open onOpenChange={(open) => !open && setDialog(null)} actions={actions} canAttach={canAttach} />
      )}
      {dialog?.kind === 'escalate' && <EscalateDialog blocker={dialog.row} open onOpenChange={(open) => !open && setDialog(null)} actions={actions} />}
    </>
  );
}
