import { z } from 'zod';

/**
 * Field schemas for action and route inputs. Inputs arrive as JSON (numbers, strings) or as form
 * fields (strings only), so a number may come as its decimal text; nothing else is coerced: a
 * boolean, an array, '1e20', ' 7 ' or '0x10' where an integer belongs is refused, not turned into
 * 1, 0 or a huge number. Every string has a maximum length (lib/procedure/procedures.test.ts checks
 * every action's input for it).
 */

const INTEGER_TEXT = /^-?\d{1,15}$/;
const DECIMAL_TEXT = /^-?\d{1,15}(\.\d{1,15})?$/;

/** A whole number from `min` to `max`, as a JSON number or its decimal text. */
export function integer({ min, max, message }: { min: number; max: number; message?: string }) {
  const error = message ?? `Give a whole number from ${min} to ${max}`;
  return z
    .union([z.number({ error }), z.string({ error }).max(40, { message: error }).regex(INTEGER_TEXT, { message: error }).transform(Number)], { error })
    .pipe(z.number().int({ message: error }).min(min, { message: error }).max(max, { message: error }));
}

/** A finite number from `min` to `max` (decimals allowed), as a JSON number or its decimal text. */
export function decimal({ min, max, message }: { min: number; max: number; message?: string }) {
  const error = message ?? `Give a number from ${min} to ${max}`;
  return z
    .union([z.number({ error }), z.string({ error }).max(40, { message: error }).regex(DECIMAL_TEXT, { message: error }).transform(Number)], { error })
    .pipe(z.number().finite({ message: error }).min(min, { message: error }).max(max, { message: error }));
}

/** The row version a caller saw (optimistic concurrency). */
export const rowVersion = integer({ min: 1, max: 2_147_483_647, message: 'The version you saw is missing or not a whole number; reload and try again.' });

/** Text of at most `max` characters, trimmed. */
export function text(max: number, message = `At most ${max} characters.`) {
  return z.string().trim().max(max, { message });
}

/** Longest email address (RFC 5321 path limit). */
export const EMAIL_MAX = 254;

/**
 * Where evidence is: an http(s) URL, or a path in the project's repository (no scheme). Any
 * other scheme (javascript:, data:, file: …) is refused (also by the database, CHECK
 * evidence_uri_scheme).
 */
export function evidenceUri(max = 2000) {
  return z
    .string()
    .trim()
    .min(1, { message: 'Say where the evidence is' })
    .max(max, { message: `At most ${max} characters.` })
    .refine((uri) => isSafeEvidenceUri(uri), { message: 'Use an http(s) link or a path in the repository' });
}

export function isSafeEvidenceUri(uri: string): boolean {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri)?.[1];
  if (scheme === undefined) return !/^\s*\/\//.test(uri) && !/[\u0000-\u001f]/.test(uri);
  return /^https?$/i.test(scheme) && URL.canParse(uri);
}
