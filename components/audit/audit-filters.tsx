import { Download } from 'lucide-react';

import { FilterField, FilterSelect, filterControl, FilterApplyButton } from '@/components/ui/filter-bar';
import { Link } from '@/components/ui/link';
import type { ActorChoice } from '@/lib/audit/page';
import type { AuditFilter } from '@/lib/audit/query';

/** The filters as a query string (no cursor): the page's link, and the export's. */
export function auditQuery(filter: AuditFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

const TYPES = [
  'roadmap_item',
  'cr',
  'bug',
  'feature',
  'product',
  'program',
  'release',
  'task',
  'wave',
  'membership',
  'invitation',
  'api_token',
  'attempt',
  'blocker',
];
const ACTIONS = ['update', 'create', 'delete', 'restore', 'role_change', 'remove', 'revoke', 'accept', 'heartbeat', 'claim', 'complete'];

/** A plain GET form: the filters live in the URL (a filtered view is a link) and work without JavaScript. */
export function AuditFilters({ filter, actors, actorName }: { filter: AuditFilter; actors: ActorChoice[]; actorName: string | null }) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <form method="get" action="/audit" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter the audit log">
        <FilterSelect label="Who" name="actor" defaultValue={filter.actor ?? ''} allLabel="Anyone" className="w-48" data-testid="audit-actor">
          {actors.map((a) => (
            <option key={a.value} value={a.value}>
              {a.label}
            </option>
          ))}
          {actorName && filter.actor && <option value={filter.actor}>{actorName}</option>}
        </FilterSelect>
        <FilterField label="Action">
          <input name="action" list="audit-actions" defaultValue={filter.action ?? ''} maxLength={100} placeholder="Any" className={`${filterControl} w-32`} />
        </FilterField>
        <FilterField label="Kind of item">
          <input name="type" list="audit-types" defaultValue={filter.type ?? ''} maxLength={100} placeholder="Any" className={`${filterControl} w-36`} />
        </FilterField>
        <FilterField label="Item id">
          <input name="entity" defaultValue={filter.entity ?? ''} maxLength={300} placeholder="e.g. RI-012" className={`${filterControl} w-36`} />
        </FilterField>
        <FilterField label="From">
          <input type="date" name="from" defaultValue={filter.from?.slice(0, 10) ?? ''} className={filterControl} />
        </FilterField>
        <FilterField label="To">
          <input type="date" name="to" defaultValue={filter.to?.slice(0, 10) ?? ''} className={filterControl} />
        </FilterField>
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
        <datalist id="audit-types">
          {TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <FilterApplyButton />
        <Link
          href="/audit"
          className="inline-flex h-9 items-center px-1 text-sm text-muted-foreground underline-offset-2 hover:text-foreground hover:underline"
        >
          Clear
        </Link>
      </form>
      <div className="flex gap-2" aria-label="Export these entries">
        {(['csv', 'json'] as const).map((format) => (
          <a
            key={format}
            href={`/api/audit/export${auditQuery(filter, { format })}`}
            download
            data-testid={`audit-export-${format}`}
            className="inline-flex h-9 items-center gap-1.5 rounded-md border border-border bg-surface px-3 text-sm font-medium shadow-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
          >
            <Download className="size-4" aria-hidden /> {format.toUpperCase()}
          </a>
        ))}
      </div>
    </div>
  );
}
