'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';

import { Button } from '@/components/ui/button';
import { FILTER_KEYS, type FilterKey, type RoadmapFilters } from '@/lib/roadmap/filters';
import type { RoadmapOptions } from '@/lib/roadmap/types';

const select =
  'h-9 w-full rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary';

/** Filters of the phases view, kept in the URL so that a filtered roadmap can be shared and reloaded. */
export function RoadmapFilterBar({ filters, options }: { filters: RoadmapFilters; options: RoadmapOptions }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  function apply(key: FilterKey, value: string) {
    const next = new URLSearchParams(params.toString());
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'program' && filters.product) {
      const product = options.products.find((p) => p.id === filters.product);
      if (value && product && product.programId !== value) next.delete('product');
    }
    next.delete('limit');
    startTransition(() => router.replace(`${pathname}${next.size ? `?${next}` : ''}`, { scroll: false }));
  }

  const products = filters.program ? options.products.filter((p) => p.programId === filters.program) : options.products;
  const active = FILTER_KEYS.some((key) => filters[key]);

  return (
    <form
      role="search"
      aria-label="Filter the roadmap"
      aria-busy={pending}
      className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3 lg:grid-cols-6"
      onSubmit={(event) => {
        event.preventDefault();
        const owner = new FormData(event.currentTarget).get('owner');
        apply('owner', typeof owner === 'string' ? owner.trim() : '');
      }}
    >
      <Labelled label="Program" id="filter-program">
        <select id="filter-program" className={select} value={filters.program ?? ''} onChange={(e) => apply('program', e.target.value)}>
          <option value="">All programs</option>
          {options.programs.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled label="Product" id="filter-product">
        <select id="filter-product" className={select} value={filters.product ?? ''} onChange={(e) => apply('product', e.target.value)}>
          <option value="">All products</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled label="Status" id="filter-status">
        <select id="filter-status" className={select} value={filters.status ?? ''} onChange={(e) => apply('status', e.target.value)}>
          <option value="">Any status</option>
          {options.statuses.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled label="Item type" id="filter-type">
        <select id="filter-type" className={select} value={filters.type ?? ''} onChange={(e) => apply('type', e.target.value)}>
          <option value="">Any type</option>
          {options.types.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled label="Owner" id="filter-owner">
        <input
          id="filter-owner"
          name="owner"
          key={filters.owner ?? ''}
          defaultValue={filters.owner ?? ''}
          placeholder="e.g. ben"
          className={select}
          onBlur={(e) => e.target.value.trim() !== (filters.owner ?? '') && apply('owner', e.target.value.trim())}
        />
      </Labelled>
      <div className="flex items-end">
        <Button
          variant="ghost"
          size="sm"
          disabled={!active}
          onClick={() => startTransition(() => router.replace(pathname, { scroll: false }))}
        >
          Clear filters
        </Button>
      </div>
    </form>
  );
}

function Labelled({ label, id, children }: { label: string; id: string; children: React.ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium text-muted-foreground">
        {label}
      </label>
      {children}
    </div>
  );
}
