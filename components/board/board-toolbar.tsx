'use client';

import { X } from 'lucide-react';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';

import { FilterField, FilterSelect, filterControl, SearchInput } from '@/components/ui/filter-bar';
import { Link } from '@/components/ui/link';
import { BOARD_KINDS, FILTER_LABELS, KINDS, type BoardFilters, type BoardKind } from '@/lib/board/kinds';
import type { FilterOption } from '@/lib/board/page-data';
import type { ScopeOption } from '@/lib/board/types';
import { cn } from '@/lib/utils';

interface Props {
  kind: BoardKind;
  scope: string | null;
  scopes: ScopeOption[];
  filters: BoardFilters;
  options: Partial<Record<'type' | 'size' | 'severity' | 'phase', FilterOption[]>>;
}

/** The board's kind, scope and filters; every choice lives in the URL, so a view can be shared. */
export function BoardToolbar({ kind, scope, scopes, filters, options }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [text, setText] = useState(filters.q ?? '');
  const [owner, setOwner] = useState(filters.owner ?? '');

  const navigate = (changes: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    params.set('kind', kind);
    if (scope) params.set('scope', scope);
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    for (const [key, value] of Object.entries(changes)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    startTransition(() => router.replace(`${pathname}?${params.toString()}`, { scroll: false }));
  };

  // Typing filters after a pause, not on every key.
  const typing = useRef<ReturnType<typeof setTimeout>>(undefined);
  const search = (value: string) => {
    setText(value);
    clearTimeout(typing.current);
    typing.current = setTimeout(() => navigate({ q: value.trim() || undefined }), 300);
  };
  useEffect(() => () => clearTimeout(typing.current), []);

  const groups = [...new Set(scopes.map((s) => s.group))];
  const active = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-3" aria-busy={pending}>
      <nav aria-label="Kind of work" className="flex flex-wrap gap-1 rounded-lg border border-border bg-surface p-1 text-sm shadow-sm sm:w-fit">
        {BOARD_KINDS.map((k) => (
          <Link
            key={k}
            href={`/board?kind=${k}`}
            aria-current={k === kind ? 'page' : undefined}
            className={cn(
              'rounded-md px-3 py-1.5 font-medium transition-colors',
              k === kind ? 'bg-primary text-primary-foreground shadow-sm' : 'text-muted-foreground hover:bg-muted hover:text-foreground',
            )}
          >
            {KINDS[k].label}
          </Link>
        ))}
      </nav>
      <form role="search" className="flex flex-wrap items-end gap-2" onSubmit={(e) => e.preventDefault()}>
        <FilterField label="Board">
          <select className={cn(filterControl, 'min-w-56')} value={scope ?? ''} onChange={(e) => navigate({ scope: e.target.value })} data-testid="board-scope">
            {!scope && <option value="">Choose…</option>}
            {groups.map((group) => (
              <optgroup key={group} label={group}>
                {scopes
                  .filter((s) => s.group === group)
                  .map((s) => (
                    <option key={s.value} value={s.value}>
                      {s.label}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </FilterField>
        {KINDS[kind].filters.includes('owner') && (
          <FilterField label={FILTER_LABELS.owner}>
            <input
              className={cn(filterControl, 'w-36')}
              value={owner}
              placeholder="Anyone"
              onChange={(e) => setOwner(e.target.value)}
              onBlur={() => owner.trim() !== (filters.owner ?? '') && navigate({ owner: owner.trim() || undefined })}
              onKeyDown={(e) => e.key === 'Enter' && navigate({ owner: owner.trim() || undefined })}
            />
          </FilterField>
        )}
        {(['type', 'size', 'severity', 'phase'] as const)
          .filter((key) => options[key]?.length)
          .map((key) => (
            <FilterSelect
              key={key}
              label={FILTER_LABELS[key]}
              value={filters[key] ?? ''}
              onChange={(e) => navigate({ [key]: e.target.value || undefined })}
              options={options[key]}
            />
          ))}
        <FilterField label="Search titles" className="min-w-48 flex-1 sm:max-w-xs">
          <SearchInput type="search" className="w-full" value={text} placeholder="Words in the title" onChange={(e) => search(e.target.value)} />
        </FilterField>
        {active && (
          <button
            type="button"
            className="inline-flex h-9 items-center gap-1 rounded-md px-2.5 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
            onClick={() => {
              setText('');
              setOwner('');
              startTransition(() => router.replace(`${pathname}?kind=${kind}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}`, { scroll: false }));
            }}
          >
            <X className="size-4" aria-hidden /> Clear filters
          </button>
        )}
      </form>
    </div>
  );
}
