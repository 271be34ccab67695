import { Search } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';

import { cn } from '@/lib/utils';

import { Button } from './button';

/** The compact control of a filter bar (lists keep their filters in the URL). */
export const filterControl =
  'h-9 rounded-md border border-border bg-surface px-2.5 text-sm shadow-sm outline-none focus-visible:border-primary focus-visible:ring-2 focus-visible:ring-primary/30';

/** A filter's small label above its control. */
export function FilterField({ label, className, children }: { label: ReactNode; className?: string; children: ReactNode }) {
  return (
    <label className={cn('flex flex-col gap-1 text-xs font-medium text-muted-foreground', className)}>
      {label}
      {children}
    </label>
  );
}

/** A choice of a filter: a term of the terminology table, or a record by id and name. */
export type FilterChoice = { key: string; label: string } | { id: string; name: string };
const choice = (c: FilterChoice) => ('key' in c ? { value: c.key, label: c.label } : { value: c.id, label: c.name });

/** A labelled select whose first choice is "all" (no filter). */
export function FilterSelect({
  label,
  allLabel = 'All',
  options,
  fieldClassName,
  className,
  children,
  ...select
}: ComponentProps<'select'> & {
  label: ReactNode;
  allLabel?: string;
  options?: readonly FilterChoice[];
  /** Classes of the label around the select. */
  fieldClassName?: string;
}) {
  return (
    <FilterField label={label} className={fieldClassName}>
      <select className={cn(filterControl, className)} {...select}>
        <option value="">{allLabel}</option>
        {options?.map(choice).map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
    </FilterField>
  );
}

/** A search box with its magnifier. */
export function SearchInput({ className, ...input }: ComponentProps<'input'>) {
  return (
    <span className="relative">
      <Search className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-muted-foreground" aria-hidden />
      <input className={cn(filterControl, 'pl-8', className)} {...input} />
    </span>
  );
}

/** The submit button of a filter form whose filters apply on demand (not on every change). */
export function FilterApplyButton() {
  return (
    <Button type="submit" variant="secondary" size="sm" className="h-9">
      Apply
    </Button>
  );
}
