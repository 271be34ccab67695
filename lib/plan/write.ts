import 'server-only';

import { and, eq, getTableColumns, isNull, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';

/**
 * Updates one live row of the caller's organisation and answers its id; a missing or deleted
 * row is a 404 in words ("There is no live product motus-x."). With `openedAt` (the row's
 * updated_at when its edit form was opened, as the form read it), a row changed since then is
 * left as it is and the edit is refused in words, instead of silently overwriting the change.
 */
export async function updateLive<T extends PgTable>(
  tx: Database,
  table: T,
  columns: { organisationId: PgColumn; id: PgColumn; deletedAt: PgColumn },
  where: { organisationId: string; id: string; noun: string; openedAt?: string | null },
  values: Partial<T['$inferInsert']>,
): Promise<{ id: string }> {
  const live: SQL = and(eq(columns.organisationId, where.organisationId), eq(columns.id, where.id), isNull(columns.deletedAt))!;
  // Every table of the plan keeps updated_at current by trigger (set_updated_at).
  const condition = where.openedAt ? and(live, sql`updated_at = ${where.openedAt}::timestamptz`)! : live;
  // Drizzle's update builder is typed per table; the generic table needs the cast.
  const updated = (await (
    tx as unknown as { update: (t: PgTable) => { set: (v: unknown) => { where: (c: SQL) => { returning: (r: unknown) => Promise<{ id: string }[]> } } } }
  )
    .update(table)
    .set(values)
    .where(condition)
    .returning({ id: columns.id })) as { id: string }[];
  if (updated.length === 0) {
    if (where.openedAt) {
      const [still] = (await (tx as unknown as { select: (f: unknown) => { from: (t: PgTable) => { where: (c: SQL) => Promise<{ id: unknown }[]> } } })
        .select({ id: columns.id })
        .from(table)
        .where(live)) as { id: unknown }[];
      if (still) {
        throw new ActionError(
          'stale',
          `The ${where.noun} ${where.id} changed since you opened it (someone else saved it meanwhile). Close the form and open it again to see the change; nothing was saved.`,
        );
      }
    }
    throw new ActionError('not_found', `There is no ${where.noun} ${where.id} (it may be in the Trash).`);
  }
  return { id: String(updated[0]!.id) };
}

/**
 * Saves a plan item's edit form: `input` names the row (`id`, and `openedAt`, the updated_at its
 * form read) and carries its new values, which updateLive writes to the caller's live row.
 * `idColumn`: the key column of a table whose id is not `id` (tasks.task_id, waves.wave_id).
 */
export function saveEdit<T extends PgTable>(
  tx: Database,
  organisationId: string,
  noun: string,
  table: T,
  input: { id: string; openedAt?: string | null } & Partial<T['$inferInsert']>,
  idColumn?: PgColumn,
): Promise<{ id: string }> {
  const { id, openedAt, ...values } = input;
  const columns = getTableColumns(table) as unknown as { organisationId: PgColumn; id: PgColumn; deletedAt: PgColumn };
  const key = { organisationId: columns.organisationId, id: idColumn ?? columns.id, deletedAt: columns.deletedAt };
  // What is left of the input once its key is taken out are the table's values; TypeScript cannot
  // narrow an Omit of a generic table's insert type back to it.
  return updateLive(tx, table, key, { organisationId, id, noun, openedAt }, values as unknown as Partial<T['$inferInsert']>);
}
