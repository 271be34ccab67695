import { Link } from '@/components/ui/link';

/** Which programs the overview shows, and links to the pages before and after. */
export function ProgramPages({ page, pageCount, first, shown, total }: { page: number; pageCount: number; first: number; shown: number; total: number }) {
  if (pageCount <= 1 && page === 1) return null;
  return (
    <nav aria-label="Programs" className="flex items-center justify-between gap-3 text-sm text-muted-foreground" data-testid="program-pages">
      <span>
        Programs {shown === 0 ? 'none' : `${first}–${first + shown - 1}`} of {total} · page {page} of {pageCount}
      </span>
      <span className="flex gap-2">
        {page > 1 && (
          <Link className="rounded-md border border-border px-3 py-1 hover:bg-muted" href={page === 2 ? '/' : `/?page=${page - 1}`}>
            Previous
          </Link>
        )}
        {page < pageCount && (
          <Link className="rounded-md border border-border px-3 py-1 hover:bg-muted" href={`/?page=${page + 1}`}>
            Next
          </Link>
        )}
      </span>
    </nav>
  );
}
