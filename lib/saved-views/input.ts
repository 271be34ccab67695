import { z } from 'zod';

/** The pages whose filters a view can hold (the board and the lists with filters in their URL). */
export const VIEW_PATHS = ['/board', '/blockers', '/builders', '/releases'] as const;
export type ViewPath = (typeof VIEW_PATHS)[number];

const name = z.string({ error: 'Give the view a name.' }).trim().min(1, { message: 'Give the view a name.' }).max(100, { message: 'At most 100 characters.' });

/**
 * A page's search parameters as the address bar has them, without '?'. Empty values are dropped
 * and the keys sorted, so the same filters make the same view.
 */
export function normaliseQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ''));
  const kept = [...params.entries()].filter(([key, value]) => key && value.trim()).sort(([a], [b]) => a.localeCompare(b));
  return new URLSearchParams(kept).toString();
}

export const saveViewInput = z.object({
  name,
  path: z.enum(VIEW_PATHS, { message: 'Views can be saved of the board and the lists only.' }),
  query: z.string().max(2000, { message: 'These filters are too long to save (at most 2,000 characters).' }).default('').transform(normaliseQuery),
});

export const renameViewInput = z.object({ id: z.uuid({ message: 'Which view?' }), name });
export const viewIdInput = z.object({ id: z.uuid({ message: 'Which view?' }) });

/** Where a view opens: its path with its query. */
export function viewHref(view: { path: string; query: string }): string {
  return view.query ? `${view.path}?${view.query}` : view.path;
}
