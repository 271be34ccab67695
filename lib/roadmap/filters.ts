/**
 * The roadmap's filters, as they travel in the URL (`?program=motus-cli&status=blocked`). Safe for
 * client components: the filter bar writes them, the pages read them.
 */
export const ITEM_TYPES = ['work', 'gate', 'holding', 'integration'] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const FILTER_KEYS = ['program', 'product', 'owner', 'status', 'type'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type RoadmapFilters = Partial<Record<FilterKey, string>>;

type SearchParams = Record<string, string | string[] | undefined>;

/** The filters named in a page's search parameters; blank or repeated values are ignored or take the first. */
export function parseRoadmapFilters(params: SearchParams): RoadmapFilters {
  const filters: RoadmapFilters = {};
  for (const key of FILTER_KEYS) {
    const raw = params[key];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) filters[key] = value.slice(0, 200);
  }
  return filters;
}

export function hasFilters(filters: RoadmapFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key]);
}

/** `?program=…&status=…` for links that keep the filters (plus any extra parameters). */
export function filterSearch(filters: RoadmapFilters, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  for (const [key, value] of Object.entries(extra)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** A page size from the URL, within bounds. */
export function parseLimit(raw: string | string[] | undefined, { fallback, max }: { fallback: number; max: number }): number {
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(value) && value > 0 ? Math.min(value, max) : fallback;
}
