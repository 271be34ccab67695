import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { resolveActors } from '../auth/actors';
import type { OrganisationCaller } from '../auth/identity';
import { ActionError } from '../auth/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/migrations';
import { integer, rowVersion } from '../validation/fields';
import { idEquals, KIND_SQL } from './kind-sql';
import { BOARD_KINDS, KINDS, type BoardKind } from './kinds';
import { lockWorkItem, readCard } from './move';
import type { BoardCard } from './types';

export interface LinkedItem {
  id: string;
  title: string;
  status: string;
  type: string;
  /** 'out': this item depends on it; 'in': it depends on this item. */
  direction: 'out' | 'in';
}

export interface FieldChange {
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

export interface WorkItemDetails {
  card: BoardCard;
  description: string | null;
  /** Editable fields and their current values (only those this kind has). */
  fields: { size?: string; priority?: number; severity?: string };
  facts: { label: string; value: string }[];
  dependencies: LinkedItem[];
  blockers: { id: string; title: string; severity: string | null; resolved: boolean; at: number }[];
  evidence: { id: string; title: string; by: string; at: number }[];
  /** Every version, newest first, with what changed since the one before (the oldest: the values it recorded). */
  history: HistoryEntry[] | null;
}

const FACTS: Record<BoardKind, string> = {
  cr: `SELECT 'Type' AS label, i.type_key AS value FROM change_requests i WHERE {w} UNION ALL
       SELECT 'Product', i.product_id FROM change_requests i WHERE {w} UNION ALL
       SELECT 'Target version', i.target_version FROM change_requests i WHERE {w}`,
  roadmap: `SELECT 'Phase' AS label, i.phase_key AS value FROM roadmap_items i WHERE {w} UNION ALL
            SELECT 'Item type', i.item_type FROM roadmap_items i WHERE {w} UNION ALL
            SELECT 'Program', i.program_id FROM roadmap_items i WHERE {w} UNION ALL
            SELECT 'Target date', i.target_date::text FROM roadmap_items i WHERE {w}`,
  task: `SELECT 'Acceptance criteria' AS label, i.acceptance_criteria AS value FROM tasks i WHERE {w} UNION ALL
         SELECT 'Architecture', i.architecture_reference FROM tasks i WHERE {w} UNION ALL
         SELECT 'QA suite', i.qa_suite_location FROM tasks i WHERE {w} UNION ALL
         SELECT 'Progress', i.progress_percentage || ' %' FROM tasks i WHERE {w}`,
  card: `SELECT 'Build state' AS label, i.build_state AS value FROM card i WHERE {w} UNION ALL
         SELECT 'Quick answer', i.quick_answer FROM card i WHERE {w}`,
  bug: `SELECT 'Feature' AS label, i.feature_id || ' ' || i.feature_version AS value FROM bugs i WHERE {w} UNION ALL
        SELECT 'Reported by', i.reported_by FROM bugs i WHERE {w} UNION ALL
        SELECT 'Fixed by', i.fix_cr_id FROM bugs i WHERE {w}`,
};

export async function getWorkItemDetails(tx: Database, { organisationId, kind, id }: { organisationId: string; kind: BoardKind; id: string }): Promise<WorkItemDetails> {
  const k = KIND_SQL[kind];
  const where = sql`i.organisation_id = ${organisationId} AND ${idEquals(kind, id)}`;
  // A deleted item is gone for its routes too (readCard reads it regardless, for the board's own use).
  const live = rowsOf(await tx.execute(sql`SELECT 1 FROM ${sql.raw(k.table)} i WHERE ${where} AND i.deleted_at IS NULL`));
  if (live.length === 0) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${id}.`);
  const card = await readCard(tx, organisationId, kind, id);
  const [base] = rowsOf<{ description: string | null; size: string | null; priority: number | null; severity: string | null }>(
    await tx.execute(sql`SELECT ${sql.raw(kind === 'task' ? 'NULL::text' : 'i.description')} AS description,
                                ${sql.raw(kind === 'cr' ? 'i.size' : 'NULL::text')} AS size,
                                ${sql.raw(kind === 'card' ? 'i.priority' : 'NULL::int')} AS priority,
                                ${sql.raw(kind === 'bug' ? 'i.severity_key' : 'NULL::text')} AS severity
                         FROM ${sql.raw(k.table)} i WHERE ${where}`),
  );
  const factParts = FACTS[kind].split('{w}');
  const facts = rowsOf<{ label: string; value: string | null }>(
    await tx.execute(sql.join(factParts.map((part, n) => (n < factParts.length - 1 ? sql`${sql.raw(part)}${where}` : sql.raw(part))), sql``)),
  ).filter((f) => f.value !== null && f.value !== '') as { label: string; value: string }[];

  const fields: WorkItemDetails['fields'] = {};
  if (kind === 'cr' && base?.size) fields.size = base.size;
  if (kind === 'card' && base?.priority !== null && base?.priority !== undefined) fields.priority = Number(base.priority);
  if (kind === 'bug' && base?.severity) fields.severity = base.severity;

  return {
    card,
    description: base?.description ?? null,
    fields,
    facts,
    dependencies: await dependenciesOf(tx, organisationId, kind, id),
    blockers: await blockersOf(tx, organisationId, kind, id),
    evidence: await evidenceOf(tx, organisationId, kind, id),
    history: k.versionEntity ? await historyOf(tx, organisationId, k.versionEntity, id) : null,
  };
}

async function dependenciesOf(tx: Database, org: string, kind: BoardKind, id: string): Promise<LinkedItem[]> {
  const edges =
    kind === 'cr' ? { table: 'cr_dependencies', from: 'cr_id', items: 'change_requests' } : kind === 'roadmap' ? { table: 'roadmap_dependencies', from: 'item_id', items: 'roadmap_items' } : null;
  if (!edges) return [];
  const rows = rowsOf<LinkedItem>(
    await tx.execute(sql`SELECT p.id, p.title, p.status_key AS status, d.dependency_type AS type, 'out' AS direction
                         FROM ${sql.raw(edges.table)} d JOIN ${sql.raw(edges.items)} p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id
                         WHERE d.organisation_id = ${org} AND d.${sql.raw(edges.from)} = ${id}
                         UNION ALL
                         SELECT p.id, p.title, p.status_key, d.dependency_type, 'in'
                         FROM ${sql.raw(edges.table)} d JOIN ${sql.raw(edges.items)} p ON p.organisation_id = d.organisation_id AND p.id = d.${sql.raw(edges.from)}
                         WHERE d.organisation_id = ${org} AND d.depends_on_id = ${id}
                         ORDER BY 5 DESC, 1 LIMIT 100`),
  );
  return rows;
}

async function blockersOf(tx: Database, org: string, kind: BoardKind, id: string): Promise<WorkItemDetails['blockers']> {
  const target = kind === 'roadmap' ? sql`b.work_id = ${id}` : kind === 'task' ? sql`b.entity_type = 'task' AND b.entity_id = ${id}` : null;
  if (!target) return [];
  const rows = rowsOf<{ id: string; title: string; severity: string | null; resolved: boolean; at: number }>(
    await tx.execute(sql`SELECT b.id, coalesce(b.title, b.description, b.classification) AS title, b.severity, b.resolved_at IS NOT NULL AS resolved,
                                (extract(epoch from b.detected_at) * 1000)::float8 AS at
                         FROM blockers b WHERE b.organisation_id = ${org} AND ${target}
                         ORDER BY b.resolved_at IS NOT NULL, b.detected_at DESC LIMIT 20`),
  );
  return rows.map((r) => ({ ...r, at: Number(r.at), resolved: Boolean(r.resolved) }));
}

async function evidenceOf(tx: Database, org: string, kind: BoardKind, id: string): Promise<WorkItemDetails['evidence']> {
  const query =
    kind === 'roadmap'
      ? sql`SELECT e.id, coalesce(e.title, e.evidence_type || ': ' || e.uri) AS title, e.created_by AS by, (extract(epoch from e.created_at) * 1000)::float8 AS at
            FROM evidence e WHERE e.organisation_id = ${org} AND e.work_id = ${id} ORDER BY e.created_at DESC LIMIT 20`
      : kind === 'task'
        ? sql`SELECT e.evidence_id::text AS id, e.action AS title, e.actor AS by, (extract(epoch from e.timestamp) * 1000)::float8 AS at
              FROM evidence_trail e WHERE e.organisation_id = ${org} AND e.entity_type = 'task' AND e.entity_id = ${id} ORDER BY e.timestamp DESC LIMIT 20`
        : null;
  if (!query) return [];
  const rows = rowsOf<{ id: string; title: string; by: string; at: number }>(await tx.execute(query));
  const who = await resolveActors(tx, rows.map((r) => r.by));
  return rows.map((r) => ({ ...r, by: who(r.by), at: Number(r.at) }));
}

/** entity_versions.change_reason of the version capture_entity_version records before an entity's first change (migration actor_rules). */
const BASELINE_REASON = 'state before the first recorded change';

async function historyOf(tx: Database, org: string, entityType: string, id: string): Promise<HistoryEntry[]> {
  const rows = rowsOf<{ version: number; changed_by: string; at: number; data: Record<string, unknown> | string; baseline: boolean }>(
    await tx.execute(sql`SELECT v.version, v.changed_by, (extract(epoch from v.created_at) * 1000)::float8 AS at, v.data,
                                v.change_reason IS NOT DISTINCT FROM ${BASELINE_REASON} AS baseline
                         FROM entity_versions v WHERE v.organisation_id = ${org} AND v.entity_type = ${entityType} AND v.entity_id = ${id}
                         ORDER BY v.version`),
  );
  const who = await resolveActors(tx, rows.map((r) => r.changed_by));
  const snapshots = rows.map((r) => (typeof r.data === 'string' ? (JSON.parse(r.data) as Record<string, unknown>) : r.data));
  return rows
    .map((r, n) => ({
      version: Number(r.version),
      changedBy: who(r.changed_by),
      at: Number(r.at),
      baseline: Boolean(r.baseline),
      changes: diffSnapshots(snapshots[n - 1], snapshots[n]!),
    }))
    .reverse();
}

/** The fields whose value differs between two consecutive snapshots; with no earlier one, every recorded value. */
export function diffSnapshots(before: Record<string, unknown> | undefined, after: Record<string, unknown>): FieldChange[] {
  const show = (value: unknown) => (value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.flatMap((key): FieldChange[] => {
    const to = show(after[key]);
    if (!before) return to === null ? [] : [{ field: fieldLabel(key), to }];
    const from = show(before[key]);
    return from === to ? [] : [{ field: fieldLabel(key), from, to }];
  });
}

function fieldLabel(column: string): string {
  return column.replace(/_(key|id)$/, '').replace(/_/g, ' ');
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((v) => (v === '' ? null : v))
    .nullish();

export const updateWorkItemInput = z.object({
  kind: z.enum(BOARD_KINDS),
  id: z.string().trim().min(1).max(200),
  version: rowVersion,
  title: z.string().trim().min(1, 'A title is needed.').max(300, 'At most 300 characters.'),
  description: optionalText(10_000),
  owner: optionalText(200),
  size: z.enum(['S', 'M', 'L', 'XL']).optional(),
  priority: integer({ min: 0, max: 1000, message: 'A whole number from 0 to 1000.' }).optional(),
  severity: z.string().trim().min(1).max(50).optional(),
});
export type UpdateWorkItemInput = z.infer<typeof updateWorkItemInput>;

/** Edits a card's own fields at the version the editor saw; the database's rules still apply. */
export async function updateWorkItem(tx: Database, caller: OrganisationCaller, input: UpdateWorkItemInput): Promise<{ card: BoardCard }> {
  const { kind, id } = input;
  const k = KIND_SQL[kind];
  await lockWorkItem(tx, caller, kind, id, input.version);
  const sets = [sql`${sql.raw(k.titleColumn)} = ${input.title}`];
  if (kind !== 'task' && input.description !== undefined) sets.push(sql`description = ${input.description}`);
  if (k.owner && input.owner !== undefined) sets.push(sql`${sql.raw(k.owner.replace('i.', ''))} = ${input.owner}`);
  if (kind === 'cr' && input.size) sets.push(sql`size = ${input.size}`);
  if (kind === 'card' && input.priority !== undefined) sets.push(sql`priority = ${input.priority}`);
  if (kind === 'bug' && input.severity) sets.push(sql`severity_key = ${input.severity}`);
  await tx.execute(sql`UPDATE ${sql.raw(k.table)} i SET ${sql.join(sets, sql`, `)} WHERE i.organisation_id = ${caller.organisationId} AND ${idEquals(kind, id)}`);
  return { card: await readCard(tx, caller.organisationId, kind, id) };
}
