import { FilterField, FilterSelect, SearchInput, FilterApplyButton } from '@/components/ui/filter-bar';
import type { Term } from '@/lib/portfolio/terminology';
import type { ReleaseListQuery } from '@/lib/releases/list';
import { VERDICT_KEYS, VERDICT_LABELS } from '@/lib/releases/verdict';

/** A plain GET form: the filters live in the URL, and work without JavaScript. */
export function ReleaseFilters({
  query,
  options,
}: {
  query: ReleaseListQuery;
  options: { products: { id: string; name: string }[]; types: Term[]; statuses: Term[] };
}) {
  return (
    <form method="get" action="/releases" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter releases">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <FilterField label="Search">
        <SearchInput name="q" defaultValue={query.q ?? ''} placeholder="Release name or id" className="w-52" />
      </FilterField>
      <FilterSelect label="Product" name="product" defaultValue={query.product ?? ''} allLabel="All products" options={options.products} />
      <FilterSelect label="Type" name="type" defaultValue={query.type ?? ''} allLabel="All types" options={options.types} />
      <FilterSelect label="Status" name="status" defaultValue={query.status ?? ''} allLabel="All statuses" options={options.statuses} />
      <FilterSelect
        label="Verdict"
        name="verdict"
        defaultValue={query.verdict ?? ''}
        allLabel="Any verdict"
        options={VERDICT_KEYS.map((key) => ({ key, label: VERDICT_LABELS[key] }))}
      />
      <FilterApplyButton />
    </form>
  );
}
