import { Link } from '@/components/ui/link';
import { deskHref, type DeskQuery } from '@/lib/blockers/filters';
import type { BlockerPage } from '@/lib/blockers/desk';

/** Page links under the table; the server reads one page at a time. */
export function DeskPagination({ results, query }: { results: BlockerPage; query: DeskQuery }) {
  const { total, capped, page, size, rows } = results;
  const pages = Math.max(1, Math.ceil(total / size));
  const from = rows.length ? (page - 1) * size + 1 : 0;
  const to = (page - 1) * size + rows.length;
  const link = 'rounded-md border border-border px-3 py-1.5 text-sm hover:bg-muted';
  return (
    <nav className="flex flex-wrap items-center justify-between gap-3 px-3 py-3 text-sm" aria-label="Pages">
      <p className="text-muted-foreground" data-testid="desk-range">
        {from}–{to} of {total.toLocaleString('en-GB')}
        {capped ? '+' : ''}
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link className={link} href={deskHref({ ...query, page: page - 1 })} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={`${link} pointer-events-none opacity-50`} aria-disabled="true">
            Previous
          </span>
        )}
        <span className="tabular-nums text-muted-foreground">
          Page {page} of {pages.toLocaleString('en-GB')}
          {capped ? '+' : ''}
        </span>
        {page < pages || capped ? (
          <Link className={link} href={deskHref({ ...query, page: page + 1 })} rel="next">
            Next
          </Link>
        ) : (
          <span className={`${link} pointer-events-none opacity-50`} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
