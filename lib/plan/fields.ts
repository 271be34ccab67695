import { z } from 'zod';

import { text } from '../validation/fields';

/**
 * Field schemas shared by the plan's create and edit inputs (built on lib/validation/fields.ts).
 * A form sends every field as text; an empty optional field means "none" (null).
 */

/** A required name or title. */
export function required(max: number, message: string) {
  return text(max).pipe(z.string().min(1, { message }));
}

/** Optional text: '' and absent are null. */
export function optional(max: number) {
  return text(max)
    .transform((v) => (v === '' ? null : v))
    .nullish()
    .transform((v) => v ?? null);
}

/** The id of an existing item, as a form's select sends it. */
export function reference(message: string) {
  return z.string({ error: message }).trim().min(1, { message }).max(200, { message: 'At most 200 characters.' });
}

/** An optional reference: '' is none. */
export const optionalReference = optional(200);

/** A terminology key (the database's terminology trigger decides whether it exists in its domain). */
export function termKey(message: string) {
  return z.string({ error: message }).trim().min(1, { message }).max(100, { message });
}

/** A date as YYYY-MM-DD (an `<input type="date">`), or '' for none. */
export const optionalDate = z
  .string()
  .trim()
  .max(10, { message: 'Give a date as YYYY-MM-DD.' })
  .refine((v) => v === '' || isCalendarDate(v), { message: 'Give a date as YYYY-MM-DD.' })
  .transform((v) => (v === '' ? null : v))
  .nullish()
  .transform((v) => v ?? null);

/** A version number such as 1.2.0 (free text, short). */
export const optionalVersion = optional(50);

/** An http(s) link, or '' for none. */
export const optionalUrl = text(2000)
  .refine((v) => v === '' || (/^https?:\/\//i.test(v) && URL.canParse(v)), { message: 'Use an http(s) link.' })
  .transform((v) => (v === '' ? null : v))
  .nullish()
  .transform((v) => v ?? null);

/** One item per line (a program's objectives). */
export const lines = text(4000)
  .optional()
  .transform((v) =>
    (v ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );

/** The id of the item being edited. */
export const itemId = reference('Which item?');

/**
 * When the edit form was opened: the row's updated_at as the form read it (PostgreSQL's own
 * text, to the microsecond). An edit that carries it is refused if the row changed since.
 */
export const openedAt = z
  .string()
  .trim()
  .max(64, { message: 'At most 64 characters.' })
  .refine((v) => v === '' || !Number.isNaN(Date.parse(v)), { message: 'Open the form again: it did not say when it was opened.' })
  .transform((v) => (v === '' ? null : v))
  .nullish()
  .transform((v) => v ?? null);

/** '2027-02-28' yes, '2027-02-30' no. */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}
