import { Search } from 'lucide-react';

import { Button } from '@/components/ui/button';
import type { Term } from '@/lib/portfolio/terminology';
import type { ReleaseListQuery } from '@/lib/releases/list';
import { VERDICT_KEYS, VERDICT_LABELS } from '@/lib/releases/verdict';

const control = 'h-9 rounded-md border border-border bg-surface px-2.5 text-sm shadow-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30';

/** A plain GET form: the filters live in the URL, and work without JavaScript. */
export function ReleaseFilters({ query, options }: { query: ReleaseListQuery; options: { products: { id: string; name: string }[]; types: Term[]; statuses: Term[] } }) {
  return (
    <form method="get" action="/releases" className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter releases">
      <input type="hidden" name="sort" value={query.sort} />
      <input type="hidden" name="dir" value={query.dir} />
      <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
        Search
        <span className="relative">
          <Search className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-muted-foreground" aria-hidden />
          <input name="q" defaultValue={query.q ?? ''} placeholder="Release name or id" className={`${control} w-52 pl-8`} />
        </span>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
        Product
        <select name="product" defaultValue={query.product ?? ''} className={control}>
          <option value="">All products</option>
          {options.products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
        Type
        <select name="type" defaultValue={query.type ?? ''} className={control}>
          <option value="">All types</option>
          {options.types.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
        Status
        <select name="status" defaultValue={query.status ?? ''} className={control}>
          <option value="">All statuses</option>
          {options.statuses.map((t) => (
            <option key={t.key} value={t.key}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
        Verdict
        <select name="verdict" defaultValue={query.verdict ?? ''} className={control}>
          <option value="">Any verdict</option>
          {VERDICT_KEYS.map((key) => (
            <option key={key} value={key}>
              {VERDICT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="secondary" size="sm" className="h-9">
        Apply
      </Button>
    </form>
  );
}
