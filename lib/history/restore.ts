import 'server-only';

import { sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { bugs, changeRequests, features, products, roadmapItems } from '../db/schema';
import { rowsOf } from '../db/sql';
import { openedAt } from '../plan/fields';
import { updateLive } from '../plan/write';
import { ActionError } from '../procedure/result';
import { readHistory, type HistoryEntry } from './versions';

type Columns = { organisationId: PgColumn; id: PgColumn; deletedAt: PgColumn };

/**
 * The versioned kinds, their tables, and the fields a restore may write back: the ones their edit
 * forms edit. Status, owner and parents have flows and checks of their own (the status form, the
 * board, assignment), so their history is shown but not restored from here.
 */
export const VERSIONED = {
  cr: { table: changeRequests, noun: 'change request', fields: { title: 'title', type_key: 'typeKey', size: 'size', target_version: 'targetVersion' } },
  product: { table: products, noun: 'product', fields: { name: 'name', version: 'version' } },
  feature: { table: features, noun: 'feature', fields: { name: 'name', version: 'version' } },
  bug: { table: bugs, noun: 'bug', fields: { title: 'title', severity_key: 'severityKey', feature_version: 'featureVersion' } },
  roadmap_item: { table: roadmapItems, noun: 'roadmap item', fields: { title: 'title', phase_key: 'phaseKey', target_date: 'targetDate' } },
} as const satisfies Record<string, { table: PgTable & Columns; noun: string; fields: Record<string, string> }>;
export type VersionedKind = keyof typeof VERSIONED;
export const VERSIONED_KINDS = Object.keys(VERSIONED) as VersionedKind[];

export interface ItemHistory {
  kind: VersionedKind;
  id: string;
  entries: HistoryEntry[];
  /** The item's updated_at as read with its history: a restore sends it back (the version check). */
  openedAt: string;
  /** The snapshot fields a restore may write back. */
  restorable: string[];
}

async function updatedAtOf(tx: Database, kind: VersionedKind, organisationId: string, id: string): Promise<string | null> {
  const { table } = VERSIONED[kind];
  const [row] = rowsOf<{ at: string }>(
    await tx.execute(
      sql`SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM ${table} WHERE organisation_id = ${organisationId} AND id = ${id}`,
    ),
  );
  return row?.at ?? null;
}

/** An item's history for its page (null when there is no such item). */
export async function getItemHistory(member: OrganisationCaller, kind: VersionedKind, id: string): Promise<ItemHistory | null> {
  return withOrganisation(member.organisationId, async (tx) => {
    const opened = await updatedAtOf(tx, kind, member.organisationId, id);
    if (!opened) return null;
    const entries = await readHistory(tx, member.organisationId, kind, id);
    return { kind, id, entries, openedAt: opened, restorable: Object.keys(VERSIONED[kind].fields) };
  });
}

export const restoreFieldInput = z.object({
  kind: z.enum(VERSIONED_KINDS as [VersionedKind, ...VersionedKind[]], { message: 'Gantry keeps no history of that kind of item.' }),
  id: z.string().trim().min(1, 'Name the item.').max(200, 'At most 200 characters.'),
  version: z.coerce.number().int('A version number.').min(2, 'The first version has nothing before it to restore.').max(1_000_000, 'A version number.'),
  field: z.string().trim().min(1, 'Name the field.').max(100, 'At most 100 characters.'),
  openedAt,
});
export type RestoreFieldInput = z.output<typeof restoreFieldInput>;

/**
 * Writes back the value a field had before version `version` changed it, as a new edit through
 * updateLive (so the database's rules and the version check apply: an item changed since the
 * history was read is refused in words), recorded as the caller's change like any edit.
 */
export async function restoreField(tx: Database, caller: OrganisationCaller, input: RestoreFieldInput): Promise<{ id: string; field: string }> {
  const spec = VERSIONED[input.kind];
  const property = (spec.fields as Record<string, string>)[input.field];
  if (!property)
    throw new ActionError(
      'invalid_input',
      `The ${input.field.replace(/_/g, ' ')} of a ${spec.noun} is not restored from its history; change it with its own form.`,
    );
  const rows = rowsOf<{ version: number; data: Record<string, unknown> | string; reason: string | null }>(
    await tx.execute(sql`SELECT version, data, change_reason AS reason FROM entity_versions
                         WHERE organisation_id = ${caller.organisationId} AND entity_type = ${input.kind} AND entity_id = ${input.id}
                           AND version IN (${input.version - 1}, ${input.version}) ORDER BY version`),
  );
  const snapshot = (n: number) => {
    const row = rows.find((r) => Number(r.version) === n);
    return row ? (typeof row.data === 'string' ? (JSON.parse(row.data) as Record<string, unknown>) : row.data) : undefined;
  };
  const before = snapshot(input.version - 1);
  const after = snapshot(input.version);
  if (!before || !after) throw new ActionError('not_found', `The ${spec.noun} ${input.id} has no version ${input.version} to restore from.`);
  if (!(input.field in before))
    throw new ActionError('invalid_input', `Version ${input.version - 1} of ${input.id} did not record its ${input.field.replace(/_/g, ' ')}.`);
  const value = before[input.field] ?? null;
  if (value === null && property !== 'targetDate' && property !== 'targetVersion') {
    throw new ActionError('invalid_input', `The ${input.field.replace(/_/g, ' ')} had no value before version ${input.version}; there is nothing to restore.`);
  }
  await updateLive(tx, spec.table, spec.table, { organisationId: caller.organisationId, id: input.id, noun: spec.noun, openedAt: input.openedAt }, {
    [property]: value,
  } as never);
  return { id: input.id, field: input.field };
}
