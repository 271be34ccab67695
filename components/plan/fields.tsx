'use client';

import { createContext, useContext, type ComponentProps, type ReactNode } from 'react';

import { SelectField, TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';

export type PlanItem = Record<string, unknown>;
export type Errors = Record<string, string | undefined>;

/** `value ?? ''` as text, for a field's defaultValue. */
export function text(item: PlanItem | undefined, key: string, fallback = ''): string {
  const value = item?.[key];
  if (value === null || value === undefined) return fallback;
  return Array.isArray(value) ? value.join('\n') : String(value);
}

interface PlanFieldsState {
  errors: Errors;
  /** Editing: the item as it is; creating: undefined. */
  item?: PlanItem;
  idPrefix: string;
}

const PlanFieldsContext = createContext<PlanFieldsState | null>(null);

/** PlanFormDialog gives its fields the form's errors, the item being edited and the id prefix. */
export function PlanFieldsProvider({ children, ...state }: PlanFieldsState & { children: ReactNode }) {
  return <PlanFieldsContext.Provider value={state}>{children}</PlanFieldsContext.Provider>;
}

/**
 * What a field named `name` of the open plan form shows: its error, its id prefix and (editing)
 * the item's value as text, `fallback` when the item has none.
 */
function usePlanField(name: string, fallback = '') {
  const state = useContext(PlanFieldsContext);
  if (!state) throw new Error(`The plan field ${name} is rendered outside a plan form.`);
  return { error: state.errors[name], idPrefix: state.idPrefix, value: state.item ? text(state.item, name, fallback) : undefined };
}

/** `wide`: the field spans both columns of the form's grid. */
function Span({ wide, children }: { wide?: boolean; children: ReactNode }) {
  return wide ? <div className="sm:col-span-2">{children}</div> : children;
}

type Bound<P> = Omit<P, 'error' | 'idPrefix'> & { wide?: boolean };

/** A text input of a plan form, filled (editing) with the item's value of `name`. */
export function PlanTextField({ name, wide, ...input }: Bound<ComponentProps<typeof TextField>>) {
  const field = usePlanField(name);
  return (
    <Span wide={wide}>
      <TextField name={name} defaultValue={field.value} error={field.error} idPrefix={field.idPrefix} {...input} />
    </Span>
  );
}

/** A textarea of a plan form, filled (editing) with the item's value of `name` (a list one a line). */
export function PlanTextAreaField({ name, wide, ...textarea }: Bound<ComponentProps<typeof TextAreaField>>) {
  const field = usePlanField(name);
  return (
    <Span wide={wide}>
      <TextAreaField name={name} defaultValue={field.value} error={field.error} idPrefix={field.idPrefix} {...textarea} />
    </Span>
  );
}

/** A select of terminology terms for `name`, on the item's term when editing. */
export function PlanTermSelect({ name, value, ...select }: Bound<ComponentProps<typeof TermSelect>>) {
  const field = usePlanField(name);
  return <TermSelect name={name} value={value ?? field.value} error={field.error} idPrefix={field.idPrefix} {...select} />;
}

/** A select of items by name for `name`, on the item's choice when editing. */
export function PlanItemSelect({ name, value, ...select }: Bound<ComponentProps<typeof ItemSelect>>) {
  const field = usePlanField(name);
  return <ItemSelect name={name} value={value ?? field.value} error={field.error} idPrefix={field.idPrefix} {...select} />;
}

/** A select of fixed choices (a key, or a key and its label), on the item's value or `fallback`. */
export function PlanChoiceSelect({
  label,
  name,
  choices,
  fallback,
}: {
  label: string;
  name: string;
  choices: readonly (string | readonly [key: string, label: string])[];
  fallback: string;
}) {
  const field = usePlanField(name, fallback);
  return (
    <SelectField label={label} name={name} defaultValue={field.value} error={field.error} idPrefix={field.idPrefix}>
      {choices.map((choice) => {
        const [key, choiceLabel] = typeof choice === 'string' ? [choice, choice] : choice;
        return (
          <option key={key} value={key}>
            {choiceLabel}
          </option>
        );
      })}
    </SelectField>
  );
}
