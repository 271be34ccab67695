import { Download } from 'lucide-react';

/** "Export CSV": downloads what the page lists, with the filters it shows (the export route reads the same query). */
export function ExportCsvLink({ href, label = 'Export CSV' }: { href: string; label?: string }) {
  return (
    <a
      href={href}
      download
      data-testid="export-csv"
      className="inline-flex h-8 items-center justify-center gap-2 rounded-md border border-border bg-surface px-3 text-sm font-medium text-foreground shadow-sm transition-colors hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary"
    >
      <Download className="size-3.5" aria-hidden />
      {label}
    </a>
  );
}
