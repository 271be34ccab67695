import { z } from 'zod';

import { BLOCKER_KINDS, SEVERITIES } from './kinds';

/** Older than: the age filter's choices, in hours. */
export const AGE_FILTERS = { '1h': 1, '1d': 24, '7d': 24 * 7, '30d': 24 * 30 } as const;
export type AgeFilter = keyof typeof AGE_FILTERS;
export const AGE_LABELS: Record<AgeFilter, string> = {
  '1h': 'Older than an hour',
  '1d': 'Older than a day',
  '7d': 'Older than a week',
  '30d': 'Older than 30 days',
};

/** detected: when the problem was seen (age); resolved: when it was resolved (history). */
export const SORT_KEYS = ['detected', 'severity', 'kind', 'raisedBy', 'resolved'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export const PAGE_SIZES = [25, 50, 100] as const;

const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values).optional().catch(undefined);

/**
 * The blocker desk's state, kept in the URL: which tab, the filters, the sort and the page. A
 * value that does not parse is dropped rather than refused (a stale link still opens).
 */
export const deskQuery = z.object({
  tab: z.enum(['open', 'history']).catch('open').default('open'),
  kind: optionalEnum(BLOCKER_KINDS as unknown as [string, ...string[]]),
  program: z.string().trim().min(1).max(200).optional().catch(undefined),
  severity: optionalEnum(SEVERITIES),
  age: optionalEnum(Object.keys(AGE_FILTERS) as [AgeFilter, ...AgeFilter[]]),
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((v) => v || undefined),
  sort: optionalEnum(SORT_KEYS),
  dir: z.enum(['asc', 'desc']).optional().catch(undefined),
  group: z.enum(['kind']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce
    .number()
    .int()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(50)
    .default(50),
});
export type DeskQuery = z.output<typeof deskQuery>;

/** Reads the desk's state from a page's search parameters (first value of each). */
export function parseDeskQuery(params: Record<string, string | string[] | undefined>): DeskQuery {
  const flat = Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return deskQuery.parse(flat);
}

/** The URL query for a desk state, leaving out defaults. */
export function deskHref(query: Partial<DeskQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (key === 'tab' && value === 'open') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'size' && value === 50) continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `/blockers?${search}` : '/blockers';
}
