import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import { resolveActors } from '../organisations/actors';
import type { OrganisationCaller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { bugs, changeRequests, features, products, programs, releases, roadmapItems, standards, tasks, waves } from '../db/schema';
import { PLAN_KINDS, PLAN_NOUNS, type PlanKind } from './kinds';

/**
 * One delete and one restore for every kind of the plan, keyed by kind. Deleting is a soft delete
 * (deleted_at), and the database decides whether it may happen (migration plan_soft_delete: an
 * item that live rows depend on stays, an item whose parent is in the Trash cannot come back);
 * its triggers write who did it to the audit log and to the item's version history.
 */
const TABLES: Record<PlanKind, { table: SQL; id: SQL; name: SQL }> = {
  program: { table: sql`${programs}`, id: sql`id`, name: sql`name` },
  product: { table: sql`${products}`, id: sql`id`, name: sql`name` },
  feature: { table: sql`${features}`, id: sql`id`, name: sql`name` },
  release: { table: sql`${releases}`, id: sql`id`, name: sql`name` },
  cr: { table: sql`${changeRequests}`, id: sql`id`, name: sql`title` },
  bug: { table: sql`${bugs}`, id: sql`id`, name: sql`title` },
  roadmap: { table: sql`${roadmapItems}`, id: sql`id`, name: sql`title` },
  wave: { table: sql`${waves}`, id: sql`wave_id::text`, name: sql`name` },
  task: { table: sql`${tasks}`, id: sql`task_id::text`, name: sql`name` },
  standard: { table: sql`${standards}`, id: sql`id`, name: sql`name` },
};

export const planItemInput = z.object({
  kind: z.enum(PLAN_KINDS, { message: 'Which kind of item?' }),
  id: z.string().trim().min(1, { message: 'Which item?' }).max(200, { message: 'At most 200 characters.' }),
});
export type PlanItemInput = z.infer<typeof planItemInput>;

export interface TrashedItem {
  kind: PlanKind;
  id: string;
  name: string;
}

async function setDeleted(tx: Database, caller: OrganisationCaller, { kind, id }: PlanItemInput, deleting: boolean): Promise<TrashedItem> {
  const t = TABLES[kind];
  const noun = PLAN_NOUNS[kind].one;
  // The action asks for plan:edit; a standard belongs to those who manage standards.
  if (kind === 'standard' && !can(caller.role, 'standards:manage')) {
    throw new ActionError('forbidden', `Your role (${caller.role}) may not ${deleting ? 'delete' : 'restore'} standards.`);
  }
  const found = rowsOf<{ name: string; deleted: boolean }>(
    await tx.execute(sql`SELECT ${t.name} AS name, deleted_at IS NOT NULL AS deleted FROM ${t.table}
                         WHERE organisation_id = ${caller.organisationId} AND ${t.id} = ${id} FOR UPDATE`),
  )[0];
  if (!found) throw new ActionError('not_found', `There is no ${noun} ${id}.`);
  if (Boolean(found.deleted) === deleting) {
    throw new ActionError('conflict', deleting ? `The ${noun} “${found.name}” is already in the Trash.` : `The ${noun} “${found.name}” is not in the Trash.`);
  }
  await tx.execute(sql`UPDATE ${t.table} SET deleted_at = ${deleting ? sql`now()` : sql`NULL`}
                       WHERE organisation_id = ${caller.organisationId} AND ${t.id} = ${id}`);
  return { kind, id, name: found.name };
}

export function deletePlanItem(tx: Database, caller: OrganisationCaller, input: PlanItemInput): Promise<TrashedItem> {
  return setDeleted(tx, caller, input, true);
}

export function restorePlanItem(tx: Database, caller: OrganisationCaller, input: PlanItemInput): Promise<TrashedItem> {
  return setDeleted(tx, caller, input, false);
}

export interface TrashEntry extends TrashedItem {
  deletedAt: number;
  deletedBy: string;
  /** What it belongs to, in words ("product motus"). */
  parent: string | null;
}

/**
 * What is in the Trash: with a program, the items of that program (its products, their features,
 * releases, change requests and bugs, its roadmap items, waves and tasks); without one, the
 * deleted programs and standards of the organisation. Newest first, at most 200.
 */
export async function listTrash(tx: Database, organisationId: string, programId: string | null): Promise<TrashEntry[]> {
  const org = organisationId;
  const productsOf = sql`SELECT id FROM ${products} WHERE organisation_id = ${org} AND program_id = ${programId}`;
  const featuresOf = sql`SELECT id FROM ${features} WHERE organisation_id = ${org} AND product_id IN (${productsOf})`;
  const parts: SQL[] =
    programId === null
      ? [
          sql`SELECT 'program' AS kind, id, name, deleted_at, NULL AS parent FROM ${programs} WHERE organisation_id = ${org} AND deleted_at IS NOT NULL`,
          sql`SELECT 'standard', id, name, deleted_at, NULL FROM ${standards} WHERE organisation_id = ${org} AND deleted_at IS NOT NULL`,
        ]
      : [
          sql`SELECT 'product' AS kind, id, name, deleted_at, NULL AS parent FROM ${products} WHERE organisation_id = ${org} AND program_id = ${programId} AND deleted_at IS NOT NULL`,
          sql`SELECT 'feature', id, name, deleted_at, 'product ' || product_id FROM ${features} WHERE organisation_id = ${org} AND product_id IN (${productsOf}) AND deleted_at IS NOT NULL`,
          sql`SELECT 'release', id, name, deleted_at, 'product ' || product_id FROM ${releases} WHERE organisation_id = ${org} AND product_id IN (${productsOf}) AND deleted_at IS NOT NULL`,
          sql`SELECT 'cr', id, title, deleted_at, 'product ' || product_id FROM ${changeRequests} WHERE organisation_id = ${org} AND product_id IN (${productsOf}) AND deleted_at IS NOT NULL`,
          sql`SELECT 'bug', id, title, deleted_at, 'feature ' || feature_id FROM ${bugs} WHERE organisation_id = ${org} AND feature_id IN (${featuresOf}) AND deleted_at IS NOT NULL`,
          sql`SELECT 'roadmap', id, title, deleted_at, NULL FROM ${roadmapItems}
              WHERE organisation_id = ${org} AND (program_id = ${programId} OR product_id IN (${productsOf})) AND deleted_at IS NOT NULL`,
          sql`SELECT 'wave', wave_id::text, name, deleted_at, NULL FROM ${waves} WHERE organisation_id = ${org} AND program_id = ${programId} AND deleted_at IS NOT NULL`,
          sql`SELECT 'task', t.task_id::text, t.name, t.deleted_at, 'wave ' || w.name FROM ${tasks} t
              JOIN ${waves} w ON w.organisation_id = t.organisation_id AND w.wave_id = t.wave_id
              WHERE t.organisation_id = ${org} AND w.program_id = ${programId} AND t.deleted_at IS NOT NULL`,
        ];
  const rows = rowsOf<{ kind: PlanKind; id: string; name: string; at: number; parent: string | null; by: string | null }>(
    await tx.execute(sql`SELECT x.kind, x.id, x.name, x.parent, (extract(epoch from x.deleted_at) * 1000)::float8 AS at,
                                (SELECT a.actor FROM audit_log a WHERE a.organisation_id = ${org} AND a.event_type = 'plan.delete'
                                   AND a.resource_type = (CASE x.kind WHEN 'roadmap' THEN 'roadmap_item' ELSE x.kind END) AND a.resource_id = x.id
                                 ORDER BY a.id DESC LIMIT 1) AS by
                         FROM (${sql.join(parts, sql` UNION ALL `)}) x
                         ORDER BY x.deleted_at DESC, x.kind, x.id LIMIT 200`),
  );
  const who = await resolveActors(
    tx,
    rows.map((r) => r.by),
  );
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    name: r.name,
    parent: r.parent,
    deletedAt: Number(r.at),
    deletedBy: r.by ? who(r.by) : 'someone before Gantry kept a record',
  }));
}

/** A live item's columns (camelCase keys, dates as text), for an edit form to start from; null when there is none. */
export async function readPlanItem(tx: Database, organisationId: string, { kind, id }: PlanItemInput): Promise<Record<string, unknown>> {
  const t = TABLES[kind];
  const [row] = rowsOf<{ item: Record<string, unknown> | string }>(
    await tx.execute(sql`SELECT to_jsonb(x) AS item FROM ${t.table} x WHERE organisation_id = ${organisationId} AND ${t.id} = ${id} AND deleted_at IS NULL`),
  );
  if (!row) throw new ActionError('not_found', `There is no ${PLAN_NOUNS[kind].one} ${id} (it may be in the Trash).`);
  const item = typeof row.item === 'string' ? (JSON.parse(row.item) as Record<string, unknown>) : row.item;
  return Object.fromEntries(Object.entries(item).map(([key, value]) => [key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), value]));
}
