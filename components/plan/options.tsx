'use client';

import { SelectField } from '@/components/ui/field';
import type { PlanOptions } from '@/lib/plan/options';
import type { Term } from '@/lib/portfolio/terminology';

/** A select of terminology terms (their display names), the column's default first unless `value` says otherwise. */
export function TermSelect({
  label,
  name,
  terms,
  value,
  error,
  idPrefix,
}: {
  label: string;
  name: string;
  terms: Term[];
  value?: string;
  error?: string;
  idPrefix: string;
}) {
  return (
    <SelectField label={label} name={name} defaultValue={value ?? terms[0]?.key} error={error} idPrefix={idPrefix}>
      {terms.map((t) => (
        <option key={t.key} value={t.key}>
          {t.label}
        </option>
      ))}
    </SelectField>
  );
}

/** A select of items by name; `none` adds an empty choice first. */
export function ItemSelect({
  label,
  name,
  items,
  value,
  error,
  idPrefix,
  none,
  hint,
}: {
  label: string;
  name: string;
  items: { id: string; name: string }[];
  value?: string;
  error?: string;
  idPrefix: string;
  none?: string;
  hint?: string;
}) {
  return (
    <SelectField label={label} name={name} defaultValue={value ?? (none !== undefined ? '' : items[0]?.id)} error={error} idPrefix={idPrefix} hint={hint}>
      {none !== undefined && <option value="">{none}</option>}
      {items.map((i) => (
        <option key={i.id} value={i.id}>
          {i.name}
        </option>
      ))}
    </SelectField>
  );
}

/** The change requests to choose from, named by id and title. */
export function changeRequestChoices(options: PlanOptions) {
  return options.changeRequests.map((c) => ({ id: c.id, name: `${c.id} · ${c.title}` }));
}
