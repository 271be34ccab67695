import { SaveViewButton } from '@/components/views/save-view-button';

import { ExportCsvLink } from './export-csv-link';

/** A list's "Export CSV" (with the filters it shows) and "Save view", at the end of its heading. */
export function ListActions({ exportHref }: { exportHref: string | null }) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {exportHref && <ExportCsvLink href={exportHref} />}
      <SaveViewButton />
    </div>
  );
}

/** A page's search parameters as a query string (first value of each), for its export link. */
export function queryOf(params: Record<string, string | string[] | undefined>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first) out.set(key, first);
  }
  return out.toString();
}
