'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useTransition } from 'react';

import { Button } from '@/components/ui/button';
import { FilterField, FilterSelect, filterControl } from '@/components/ui/filter-bar';
import { FILTER_KEYS, type FilterKey, type RoadmapFilters } from '@/lib/roadmap/filters';
import type { RoadmapOptions } from '@/lib/roadmap/types';
import { cn } from '@/lib/utils';

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
      <FilterSelect
        label="Program"
        className="w-full"
        value={filters.program ?? ''}
        onChange={(e) => apply('program', e.target.value)}
        allLabel="All programs"
        options={options.programs}
      />
      <FilterSelect
        label="Product"
        className="w-full"
        value={filters.product ?? ''}
        onChange={(e) => apply('product', e.target.value)}
        allLabel="All products"
        options={products}
      />
      <FilterSelect
        label="Status"
        className="w-full"
        value={filters.status ?? ''}
        onChange={(e) => apply('status', e.target.value)}
        allLabel="Any status"
        options={options.statuses}
      />
      <FilterSelect
        label="Item type"
        className="w-full"
        value={filters.type ?? ''}
        onChange={(e) => apply('type', e.target.value)}
        allLabel="Any type"
        options={options.types}
      />
      <FilterField label="Owner">
        <input
          name="owner"
          key={filters.owner ?? ''}
          defaultValue={filters.owner ?? ''}
          placeholder="e.g. ben"
          className={cn(filterControl, 'w-full')}
          onBlur={(e) => e.target.value.trim() !== (filters.owner ?? '') && apply('owner', e.target.value.trim())}
        />
      </FilterField>
      <div className="flex items-end">
        <Button variant="ghost" size="sm" disabled={!active} onClick={() => startTransition(() => router.replace(pathname, { scroll: false }))}>
          Clear filters
        </Button>
      </div>
    </form>
  );
}
