import 'server-only';

import { inArray } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { users } from '../db/schema';

/**
 * checked_by and triggered_by name who acted: 'user:<id>' for a member (written by Gantry),
 * or a free label from an agent or CI ('agent:builder-2', 'ci:github-actions', 'user:ben').
 * Members are shown by name; anything else as written, without a 'user:' prefix.
 */
export async function resolveActors(tx: Database, actors: Iterable<string | null>): Promise<(actor: string | null) => string> {
  const ids = [...new Set([...actors].flatMap((a) => (a && /^user:[0-9a-f-]{36}$/.test(a) ? [a.slice(5)] : [])))];
  const rows = ids.length ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const names = new Map(rows.map((r) => [`user:${r.id}`, r.name]));
  return (actor) => {
    if (!actor) return 'unknown';
    const name = names.get(actor);
    if (name) return name;
    if (/^user:[0-9a-f-]{36}$/.test(actor)) return 'a former member';
    return actor.replace(/^user:/, '');
  };
}

/** How Gantry records a person or a token as the actor. */
export function actorLabel(caller: { kind: 'member'; userId: string } | { kind: 'token'; builderId: string | null; userId: string | null }): string {
  // A member's personal token acts as the member.
  return caller.kind === 'token' && caller.builderId !== null ? `agent:${caller.builderId}` : `user:${caller.userId}`;
}
