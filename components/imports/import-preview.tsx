import { DataTable } from '@/components/ui/data-table';
import { describeRowError, type CheckedImport, type RowError } from '@/lib/imports/check';
import { IMPORT_COLUMNS, type ImportKind } from '@/lib/imports/kinds';

/** How many row problems the page lists (all are counted). */
const ERRORS_SHOWN = 200;

/** The problems found, row by row (row, line, column, reason). */
export function RowErrors({ errors }: { errors: RowError[] }) {
  if (!errors.length) return null;
  const rows = new Set(errors.map((e) => e.row)).size;
  return (
    <div className="space-y-2" data-testid="import-errors">
      <p role="alert" className="text-sm font-medium text-red-700 dark:text-red-300">
        {rows} row{rows === 1 ? '' : 's'} need{rows === 1 ? 's' : ''} another look; nothing will be imported until the file is corrected.
      </p>
      <DataTable
        rows={errors.slice(0, ERRORS_SHOWN)}
        rowKey={(e) => `${e.row}|${e.column}`}
        aria-label="Problems by row"
        columns={[
          { header: 'Row', cell: (e) => e.row, className: 'tabular-nums' },
          {
            header: 'Line',
            cell: (e) => e.line ?? '—',
            className: 'hidden tabular-nums text-muted-foreground sm:table-cell',
            headerClassName: 'hidden sm:table-cell',
          },
          { header: 'Column', cell: (e) => <code className="text-xs">{e.column || '(row)'}</code> },
          { header: 'Reason', cell: (e) => <span title={describeRowError(e)}>{e.reason}</span>, className: 'min-w-56' },
        ]}
      />
      {errors.length > ERRORS_SHOWN && <p className="text-xs text-muted-foreground">and {errors.length - ERRORS_SHOWN} more problems.</p>}
    </div>
  );
}

/** The file's first rows as read, a row with a problem marked. */
export function RowPreview({ kind, checked }: { kind: ImportKind; checked: CheckedImport }) {
  const bad = new Set(checked.errors.map((e) => e.row));
  const columns = IMPORT_COLUMNS[kind];
  return (
    <div className="space-y-2">
      <DataTable
        rows={checked.preview}
        rowKey={(r) => r.row}
        aria-label="The file’s first rows"
        columns={[
          {
            header: 'Row',
            cell: (r) => (
              <span className={bad.has(r.row) ? 'font-semibold text-red-700 dark:text-red-300' : 'text-muted-foreground'}>
                {r.row}
                {bad.has(r.row) ? ' ✕' : ''}
              </span>
            ),
            className: 'tabular-nums whitespace-nowrap',
          },
          ...columns.map((c) => ({
            header: <code className="text-xs">{c.column}</code>,
            cell: (r: (typeof checked.preview)[number]) => <span className="line-clamp-2 max-w-64 break-words">{r.values[c.column] ?? ''}</span>,
          })),
        ]}
      />
      {checked.total > checked.preview.length && (
        <p className="text-xs text-muted-foreground">
          The first {checked.preview.length} of {checked.total.toLocaleString('en')} rows.
        </p>
      )}
    </div>
  );
}
