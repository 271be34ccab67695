import type { ActionResult } from '@/lib/procedure/result';
import type { WorkItemDetails } from '@/lib/board/details';
import { formatScope, type BoardFilters, type BoardKind, type BoardScope } from '@/lib/board/kinds';
import type { MoveWorkItemInput } from '@/lib/board/move';
import type { BoardCard, BoardChanges, MoveResult } from '@/lib/board/types';

/** The board's reads over its API routes (GET, so the browser may run them while an action is on its way). */

export class BoardRequestError extends Error {}

async function get<T>(path: string, params: Record<string, string | number | undefined>): Promise<T> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const response = await fetch(`${path}?${search.toString()}`, { headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as ActionResult<T> | null;
  if (!body) throw new BoardRequestError(`The server answered ${response.status}.`);
  if (!body.ok) throw new BoardRequestError(body.error.message);
  return body.data;
}

export interface BoardKey {
  kind: BoardKind;
  scope: BoardScope;
  filters: BoardFilters;
}

const boardParams = ({ kind, scope, filters }: BoardKey) => ({ kind, scope: formatScope(scope), ...filters });

export function fetchColumnPage(board: BoardKey, status: string, after: BoardCard | undefined) {
  return get<{ cards: BoardCard[]; hasMore: boolean }>('/api/board/column', { ...boardParams(board), status, afterRank: after?.rank, afterId: after?.id });
}

export function fetchChanges(board: BoardKey, since: number) {
  return get<BoardChanges>('/api/board/changes', { ...boardParams(board), since });
}

export function fetchItem(kind: BoardKind, id: string) {
  return get<WorkItemDetails>(`/api/board/items/${encodeURIComponent(kind)}/${encodeURIComponent(id)}`, {});
}

/**
 * A move, to POST /api/board/move (answered before Next's router on PostgreSQL, in one round trip:
 * lib/board/move-fast-path.ts). A refusal comes back as the result; an answer that is not one (the
 * server unreachable) throws, and the board puts the card back.
 */
export async function postMove(input: MoveWorkItemInput): Promise<ActionResult<MoveResult>> {
  const response = await fetch('/api/board/move', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json().catch(() => null)) as ActionResult<MoveResult> | null;
  if (!body || typeof body.ok !== 'boolean') throw new BoardRequestError(`The server answered ${response.status}.`);
  return body;
}
