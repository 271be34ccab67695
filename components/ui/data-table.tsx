import type { ComponentProps, Key, ReactNode } from 'react';

import { cn } from '@/lib/utils';

export interface Column<T> {
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Classes of the column's cells (they start as `px-5 py-2`). */
  className?: string;
  /** Classes of its header cell (it starts as `px-5 py-2 font-medium`). */
  headerClassName?: string;
}

/**
 * A plain table inside a card: a muted header row, one row per item, lines between rows. On a
 * narrow screen it scrolls sideways inside its own box instead of widening the page.
 */
export function DataTable<T>({
  rows,
  rowKey,
  columns,
  className,
  headerRowClassName,
  ...table
}: Omit<ComponentProps<'table'>, 'children'> & { rows: readonly T[]; rowKey: (row: T) => Key; columns: Column<T>[]; headerRowClassName?: string }) {
  return (
    <div className="max-w-full overflow-x-auto" data-testid="data-table-scroller">
      <table className={cn('w-full text-sm', className)} {...table}>
        <thead className="text-left text-xs text-muted-foreground">
          <tr className={headerRowClassName}>
            {columns.map((column, i) => (
              <th key={i} scope="col" className={cn('px-5 py-2 font-medium', column.headerClassName)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) => (
                <td key={i} className={cn('px-5 py-2', column.className)}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
