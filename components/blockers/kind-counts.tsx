import { Link } from '@/components/ui/link';
import { deskHref, type DeskQuery } from '@/lib/blockers/filters';
import { kindLabel } from '@/lib/blockers/kinds';
import { cn } from '@/lib/utils';

import { kindTone } from './format';
import { Dot } from '@/components/ui/badge';

/** Open blockers per classification or reason code; each count filters the desk to it. */
export function KindCounts({ counts, query }: { counts: { kind: string; count: number }[]; query: DeskQuery }) {
  if (counts.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-2" aria-label="Open blockers by classification" data-testid="kind-counts">
      {counts.map(({ kind, count }) => {
        const active = query.kind === kind;
        return (
          <li key={kind}>
            <Link
              href={deskHref({ ...query, tab: 'open', kind: active ? undefined : kind, page: 1 })}
              aria-current={active ? 'true' : undefined}
              className={cn(
                'inline-flex items-center gap-2 rounded-lg border border-border bg-surface px-3 py-1.5 text-sm shadow-sm hover:bg-muted',
                active && 'border-primary ring-2 ring-primary/30',
              )}
            >
              <Dot tone={kindTone(kind)} />
              <span>{kindLabel(kind)}</span>
              <span className="font-semibold tabular-nums">{count}</span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
