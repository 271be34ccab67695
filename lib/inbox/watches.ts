import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { ActionError } from '../procedure/result';
import { inboxOwnerOf } from './inbox';
import { WATCH_TABLE_OF, type WatchableKind } from './kinds';

const kinds = Object.keys(WATCH_TABLE_OF) as [WatchableKind, ...WatchableKind[]];

export const setWatchInput = z.object({
  kind: z.enum(kinds, { error: 'Say what kind of item to watch' }),
  id: z.string({ error: 'Name the item' }).trim().min(1, { message: 'Name the item' }).max(200, { message: 'An id has at most 200 characters' }),
  watch: z.boolean({ error: 'Say whether to watch or stop watching' }),
});

export async function isWatching(
  tx: Database,
  { organisationId, userId, kind, id }: { organisationId: string; userId: string; kind: WatchableKind; id: string },
) {
  const [row] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      SELECT count(*)::int AS n FROM watches
      WHERE organisation_id = ${organisationId} AND user_id = ${userId} AND entity_type = ${WATCH_TABLE_OF[kind]}
        AND entity_id = ${id} AND deleted_at IS NULL`),
  );
  return (row?.n ?? 0) > 0;
}

/**
 * Watches or stops watching one item for the caller: a new watch row (the database checks the
 * item exists here), or the live one soft-deleted with who did it. Idempotent either way.
 */
export async function setWatch(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof setWatchInput> }) {
  const userId = inboxOwnerOf(caller);
  const table = WATCH_TABLE_OF[input.kind];
  if (input.watch) {
    await tx.execute(sql`
      INSERT INTO watches (organisation_id, user_id, entity_type, entity_id)
      SELECT ${caller.organisationId}, ${userId}, ${table}, ${input.id}
      WHERE NOT EXISTS (
        SELECT 1 FROM watches WHERE organisation_id = ${caller.organisationId} AND user_id = ${userId}
          AND entity_type = ${table} AND entity_id = ${input.id} AND deleted_at IS NULL)
      ON CONFLICT DO NOTHING`);
  } else {
    await tx.execute(sql`
      UPDATE watches SET deleted_at = now(), deleted_by = current_actor()
      WHERE organisation_id = ${caller.organisationId} AND user_id = ${userId} AND entity_type = ${table}
        AND entity_id = ${input.id} AND deleted_at IS NULL`);
  }
  const watching = await isWatching(tx, { organisationId: caller.organisationId, userId, kind: input.kind, id: input.id });
  if (watching !== input.watch) throw new ActionError('conflict', 'The watch did not change; reload and try again.');
  return { kind: input.kind, id: input.id, watching };
}
