'use client';

import { Search } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FilterSelect, filterControl } from '@/components/ui/filter-bar';
import { AGE_FILTERS, AGE_LABELS, deskHref, type AgeFilter, type DeskQuery } from '@/lib/blockers/filters';
import { CLASSIFICATIONS, KIND_LABELS, REASON_CODES } from '@/lib/blockers/kinds';

/** The desk's filters: each change is a new URL, so a filtered desk can be shared and reloaded. */
export function DeskFilters({ query, programs }: { query: DeskQuery; programs: { id: string; name: string }[] }) {
  const router = useRouter();
  const [search, setSearch] = useState(query.q ?? '');
  const go = (change: Partial<DeskQuery>) => router.push(deskHref({ ...query, ...change, page: 1 }));

  function submit(event: FormEvent) {
    event.preventDefault();
    go({ q: search.trim() || undefined });
  }

  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter blockers">
      <form onSubmit={submit} className="flex items-end gap-2">
        <label className="space-y-1 text-xs font-medium text-muted-foreground">
          <span className="block">Search</span>
          <input
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Title, description, id, who"
            className={`${filterControl} w-64`}
            name="q"
          />
        </label>
        <Button type="submit" size="sm" variant="secondary" className="h-9" aria-label="Search">
          <Search className="size-4" aria-hidden />
        </Button>
      </form>
      <FilterSelect label="Classification" value={query.kind ?? ''} onChange={(e) => go({ kind: e.target.value || undefined })}>
        <optgroup label="Foreman classifications">
          {CLASSIFICATIONS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </optgroup>
        <optgroup label="Kernel reason codes">
          {REASON_CODES.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </optgroup>
      </FilterSelect>
      <FilterSelect
        label="Program"
        className="max-w-56"
        value={query.program ?? ''}
        onChange={(e) => go({ program: e.target.value || undefined })}
        options={programs}
      />
      <FilterSelect label="Severity" value={query.severity ?? ''} onChange={(e) => go({ severity: (e.target.value || undefined) as DeskQuery['severity'] })}>
        <option value="blocking">Blocking</option>
        <option value="warning">Warning</option>
      </FilterSelect>
      <FilterSelect
        label="Age"
        allLabel="Any"
        value={query.age ?? ''}
        onChange={(e) => go({ age: (e.target.value || undefined) as AgeFilter | undefined })}
        options={(Object.keys(AGE_FILTERS) as AgeFilter[]).map((age) => ({ key: age, label: AGE_LABELS[age] }))}
      />
      <label className="flex h-9 items-center gap-2 text-sm">
        <input type="checkbox" checked={query.group === 'kind'} onChange={(e) => go({ group: e.target.checked ? 'kind' : undefined })} />
        Group by classification
      </label>
    </div>
  );
}
