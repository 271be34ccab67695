import 'server-only';

import { and, eq, isNull, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';

/**
 * Updates one live row of the caller's organisation and answers its id; a missing or deleted
 * row is a 404 in words ("There is no live product motus-x.").
 */
export async function updateLive<T extends PgTable>(
  tx: Database,
  table: T,
  columns: { organisationId: PgColumn; id: PgColumn; deletedAt: PgColumn },
  where: { organisationId: string; id: string; noun: string },
  values: Partial<T['$inferInsert']>,
): Promise<{ id: string }> {
  const condition: SQL = and(eq(columns.organisationId, where.organisationId), eq(columns.id, where.id), isNull(columns.deletedAt))!;
  // Drizzle's update builder is typed per table; the generic table needs the cast.
  const updated = (await (
    tx as unknown as { update: (t: PgTable) => { set: (v: unknown) => { where: (c: SQL) => { returning: (r: unknown) => Promise<{ id: string }[]> } } } }
  )
    .update(table)
    .set(values)
    .where(condition)
    .returning({ id: columns.id })) as { id: string }[];
  if (updated.length === 0) throw new ActionError('not_found', `There is no ${where.noun} ${where.id} (it may be in the Trash).`);
  return { id: String(updated[0]!.id) };
}
