import 'server-only';

import { inArray } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { users } from '../db/schema';

const PERSON = /^user:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * How a "who" column reads to a person. Gantry writes 'user:<userId>' for a person and
 * 'agent:<builderId>' for a builder (actorOf); agents, CI and older rows may hold free labels
 * ('ci:github-actions', 'ben'). People are shown by their current name (a removed account as
 * 'a former member'), builders by their id, anything else as written.
 */
export async function resolveActors(tx: Database, actors: Iterable<string | null | undefined>): Promise<(actor: string | null | undefined) => string> {
  const ids = [...new Set([...actors].flatMap((a) => (a ? [PERSON.exec(a)?.[1]].filter((id): id is string => !!id) : [])))];
  const rows = ids.length ? await tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return (actor) => {
    if (!actor) return 'unknown';
    const person = PERSON.exec(actor)?.[1];
    if (person) return names.get(person) ?? 'a former member';
    if (actor.startsWith('token:')) return 'an API token';
    return actor.replace(/^(user|agent):/, '');
  };
}
