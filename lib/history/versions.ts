import 'server-only';

import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';

import type { Database } from '../db/connection';
import { entityVersions } from '../db/schema';
import { rowsOf } from '../db/sql';
import { resolveActors } from '../organisations/actors';

/**
 * The history of a versioned item (entity_versions: change requests, products, features, bugs,
 * roadmap items), one reader for the board's panel and every item page: each version with who,
 * when and each changed field old → new (components/history/history-list.tsx shows it).
 */

export interface FieldChange {
  /** The snapshot's column (title, phase_key): what a restore names. */
  key: string;
  field: string;
  /** undefined for the oldest version (what it was before is not recorded). */
  from?: string | null;
  to: string | null;
}

export interface HistoryEntry {
  version: number;
  /** Who made the change, by name (a person) or id (a builder). */
  changedBy: string;
  at: number;
  /** The state before the first recorded change (written by the database, not anyone's change). */
  baseline: boolean;
  changes: FieldChange[];
}

const v = alias(entityVersions, 'v');

/** entity_versions.change_reason of the version capture_entity_version records before an entity's first change (migration actor_rules). */
const BASELINE_REASON = 'state before the first recorded change';

/** Versions the soft-delete rules record (migration plan_soft_delete): a delete or a restore, not a change of fields. */
const TRASH_EVENTS: Record<string, FieldChange[]> = {
  deleted: [{ key: 'deleted_at', field: 'deleted', to: 'moved to the Trash' }],
  restored: [{ key: 'deleted_at', field: 'restored', to: 'back from the Trash' }],
};

export async function readHistory(tx: Database, org: string, entityType: string, id: string): Promise<HistoryEntry[]> {
  const rows = rowsOf<{ version: number; changed_by: string; at: number; data: Record<string, unknown> | string; baseline: boolean; reason: string | null }>(
    await tx.execute(sql`SELECT ${v.version} AS version, ${v.changedBy} AS changed_by, (extract(epoch from ${v.createdAt}) * 1000)::float8 AS at, ${v.data} AS data,
                                ${v.changeReason} IS NOT DISTINCT FROM ${BASELINE_REASON} AS baseline, ${v.changeReason} AS reason
                         FROM ${entityVersions} v WHERE ${v.organisationId} = ${org} AND ${v.entityType} = ${entityType} AND ${v.entityId} = ${id}
                         ORDER BY ${v.version}`),
  );
  const who = await resolveActors(
    tx,
    rows.map((r) => r.changed_by),
  );
  const snapshots = rows.map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data));
  const named = await termNames(tx, entityType);
  return rows
    .map((r, n) => ({
      version: Number(r.version),
      changedBy: who(r.changed_by),
      at: Number(r.at),
      baseline: Boolean(r.baseline),
      changes: TRASH_EVENTS[r.reason ?? ''] ?? diffSnapshots(snapshots[n - 1], snapshots[n]!).map(named),
    }))
    .reverse();
}

/** The snapshot fields that hold a terminology key, per versioned entity: history shows their display names. */
const TERM_FIELDS: Record<string, Record<string, string>> = {
  cr: { status_key: 'cr_status', type_key: 'cr_type' },
  roadmap_item: { phase_key: 'roadmap_phase', status_key: 'roadmap_status', item_type: 'roadmap_item_type' },
  bug: { status_key: 'bug_status', severity_key: 'bug_severity' },
};

/** Turns a change's raw keys (phase_b) into the words the terminology table gives them (Phase B). */
async function termNames(tx: Database, entityType: string): Promise<(change: FieldChange) => FieldChange> {
  const fields = TERM_FIELDS[entityType] ?? {};
  const domains = [...new Set(Object.values(fields))];
  if (domains.length === 0) return (change) => change;
  const terms = rowsOf<{ domain: string; internal_key: string; display_name: string }>(
    await tx.execute(sql`SELECT domain, internal_key, display_name FROM terminology
                         WHERE domain IN (${sql.join(
                           domains.map((d) => sql`${d}`),
                           sql`, `,
                         )}) AND deleted_at IS NULL`),
  );
  const byField = new Map(
    Object.entries(fields).map(([column, domain]) => [column, new Map(terms.filter((t) => t.domain === domain).map((t) => [t.internal_key, t.display_name]))]),
  );
  return (change) => {
    const names = byField.get(change.key);
    if (!names) return change;
    const word = (value: string | null | undefined) => (value == null ? value : (names.get(value) ?? value));
    return { ...change, ...(change.from !== undefined ? { from: word(change.from) } : {}), to: word(change.to) ?? null };
  };
}

/** The fields whose value differs between two consecutive snapshots; with no earlier one, every recorded value. */
export function diffSnapshots(before: Record<string, unknown> | undefined, after: Record<string, unknown>): FieldChange[] {
  const show = (value: unknown) => (value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.flatMap((key): FieldChange[] => {
    const to = show(after[key]);
    if (!before) return to === null ? [] : [{ key, field: fieldLabel(key), to }];
    const from = show(before[key]);
    return from === to ? [] : [{ key, field: fieldLabel(key), from, to }];
  });
}

function fieldLabel(column: string): string {
  return column.replace(/_(key|id)$/, '').replace(/_/g, ' ');
}
