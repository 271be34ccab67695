import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import { resolveActors } from '../organisations/actors';
import type { OrganisationCaller } from '../auth/identity';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import {
  blockers,
  bugs,
  cards,
  changeRequests,
  crDependencies,
  evidence,
  evidenceTrail,
  features,
  products,
  programs,
  roadmapDependencies,
  roadmapItems,
  tasks,
} from '../db/schema';
import { integer, rowVersion } from '../validation/fields';
import { columnName, idEquals, KIND_SQL } from './kind-sql';
import { BOARD_KINDS, KINDS, type BoardKind } from './kinds';
import { lockWorkItem, readCard } from './move';
import { assertOwnerValue, getOwnerOptions, type OwnerOption } from './owners';
import type { BoardCard } from './types';
import type { EntityKind } from '../links/entity-href';
import { readHistory, type HistoryEntry } from '../history/versions';

export { diffSnapshots, type FieldChange, type HistoryEntry } from '../history/versions';

export interface LinkedItem {
  id: string;
  title: string;
  status: string;
  type: string;
  /** 'out': this item depends on it; 'in': it depends on this item. */
  direction: 'out' | 'in';
}

/** A fact that names something with a page of its own links to it (lib/links/entity-href.ts). */
type FactLink = [Exclude<EntityKind, 'wave'>, SQL];

export interface Fact {
  label: string;
  value: string;
  link?: { kind: Exclude<EntityKind, 'wave'>; id: string };
}

export interface WorkItemDetails {
  card: BoardCard;
  description: string | null;
  /** Editable fields and their current values (only those this kind has). */
  fields: { size?: string; priority?: number; severity?: string };
  facts: Fact[];
  /** Whom the owner field offers (stable ids with names); empty when the kind has no owner. */
  ownerOptions: OwnerOption[];
  dependencies: LinkedItem[];
  blockers: { id: string; title: string; severity: string | null; resolved: boolean; at: number }[];
  evidence: { id: string; title: string; by: string; at: number }[];
  /** Every version, newest first, with what changed since the one before (the oldest: the values it recorded). */
  history: HistoryEntry[] | null;
}

const cr = alias(changeRequests, 'i');
const roadmap = alias(roadmapItems, 'i');
const task = alias(tasks, 'i');
const card = alias(cards, 'i');
const bug = alias(bugs, 'i');

/** A display name from the terminology table, the key itself when the table has none. */
const termOf = (domain: string, key: SQL) =>
  sql`coalesce((SELECT t.display_name FROM terminology t WHERE t.domain = ${domain} AND t.internal_key = ${key} AND t.deleted_at IS NULL), ${key})`;
const named = {
  programs: [programs, alias(programs, 'x')],
  products: [products, alias(products, 'x')],
  features: [features, alias(features, 'x')],
} as const;
/** The name of the program, product or feature `id` names, in the item's (`i`) organisation. */
const nameOf = (table: keyof typeof named, id: SQL) => {
  const [base, x] = named[table];
  // An alias renders as its name only: the table is named first, then aliased (as kind-sql.ts does).
  return sql`(SELECT ${x.name} FROM ${base} x WHERE ${x.organisationId} = i.organisation_id AND ${x.id} = ${id})`;
};

/**
 * The facts a panel lists for each kind: label, value in words (display names, never raw keys),
 * and, for a fact that names something with a page of its own, its kind and id.
 */
const FACTS: Record<BoardKind, [string, SQL, FactLink?][]> = {
  cr: [
    ['Type', termOf('cr_type', sql`${cr.typeKey}`)],
    ['Product', nameOf('products', sql`${cr.productId}`), ['product', sql`${cr.productId}`]],
    ['Feature', nameOf('features', sql`${cr.featureId}`), ['feature', sql`${cr.featureId}`]],
    ['Target version', sql`${cr.targetVersion}`],
  ],
  roadmap: [
    ['Phase', termOf('roadmap_phase', sql`${roadmap.phaseKey}`)],
    ['Item type', termOf('roadmap_item_type', sql`${roadmap.itemType}`)],
    ['Program', nameOf('programs', sql`${roadmap.programId}`), ['program', sql`${roadmap.programId}`]],
    ['Product', nameOf('products', sql`${roadmap.productId}`), ['product', sql`${roadmap.productId}`]],
    ['Change request', sql`${roadmap.crId}`, ['cr', sql`${roadmap.crId}`]],
    ['Target date', sql`${roadmap.targetDate}::text`],
  ],
  task: [
    ['Acceptance criteria', sql`${task.acceptanceCriteria}`],
    ['Architecture', sql`${task.architectureReference}`],
    ['QA suite', sql`${task.qaSuiteLocation}`],
    ['Progress', sql`${task.progressPercentage} || ' %'`],
  ],
  card: [
    ['Build state', sql`${card.buildState}`],
    ['Quick answer', sql`${card.quickAnswer}`],
  ],
  bug: [
    ['Feature', sql`${nameOf('features', sql`${bug.featureId}`)} || ' ' || ${bug.featureVersion}`, ['feature', sql`${bug.featureId}`]],
    ['Reported by', sql`${bug.reportedBy}`],
    ['Fixed by', sql`${bug.fixCrId}`, ['cr', sql`${bug.fixCrId}`]],
  ],
};

/** The fields the panel edits besides title, description and owner, per kind. */
const FIELDS = {
  size: { kind: 'cr', column: cr.size },
  priority: { kind: 'card', column: card.priority },
  severity: { kind: 'bug', column: bug.severityKey },
} as const;

export async function getWorkItemDetails(
  tx: Database,
  { organisationId, kind, id }: { organisationId: string; kind: BoardKind; id: string },
): Promise<WorkItemDetails> {
  const k = KIND_SQL[kind];
  const where = sql`${k.organisationId} = ${organisationId} AND ${idEquals(kind, id)}`;
  // A deleted item is gone for its routes too (readCard reads it regardless, for the board's own use).
  const live = rowsOf(await tx.execute(sql`SELECT 1 FROM ${k.from} WHERE ${where} AND ${k.deletedAt} IS NULL`));
  if (live.length === 0) throw new ActionError('not_found', `There is no ${KINDS[kind].noun} ${id}.`);
  const card = await readCard(tx, organisationId, kind, id);
  const field = (name: keyof typeof FIELDS, empty: SQL) => (FIELDS[name].kind === kind ? sql`${FIELDS[name].column}` : empty);
  const [base] = rowsOf<{ description: string | null; size: string | null; priority: number | null; severity: string | null }>(
    await tx.execute(sql`SELECT ${k.description ?? sql`NULL::text`} AS description, ${field('size', sql`NULL::text`)} AS size,
                                ${field('priority', sql`NULL::int`)} AS priority, ${field('severity', sql`NULL::text`)} AS severity
                         FROM ${k.from} WHERE ${where}`),
  );
  const factRows = FACTS[kind].map(
    ([label, value, link]) =>
      sql`SELECT ${label}::text AS label, (${value})::text AS value, ${link ? link[0] : null}::text AS link_kind, (${link ? link[1] : sql`NULL`})::text AS link_id
          FROM ${k.from} WHERE ${where}`,
  );
  const facts = rowsOf<{ label: string; value: string | null; link_kind: Exclude<EntityKind, 'wave'> | null; link_id: string | null }>(
    await tx.execute(sql.join(factRows, sql` UNION ALL `)),
  )
    .filter((f) => f.value !== null && f.value !== '')
    .map((f): Fact => ({ label: f.label, value: f.value!, ...(f.link_kind && f.link_id ? { link: { kind: f.link_kind, id: f.link_id } } : {}) }));

  const fields: WorkItemDetails['fields'] = {};
  if (kind === 'cr' && base?.size) fields.size = base.size;
  if (kind === 'card' && base?.priority !== null && base?.priority !== undefined) fields.priority = Number(base.priority);
  if (kind === 'bug' && base?.severity) fields.severity = base.severity;

  return {
    card,
    description: base?.description ?? null,
    fields,
    facts,
    ownerOptions: k.owner ? await getOwnerOptions(tx, { organisationId, kind }) : [],
    dependencies: await dependenciesOf(tx, organisationId, kind, id),
    blockers: await blockersOf(tx, organisationId, kind, id),
    evidence: await evidenceOf(tx, organisationId, kind, id),
    history: k.versionEntity ? await readHistory(tx, organisationId, k.versionEntity, id) : null,
  };
}

const crEdge = alias(crDependencies, 'd');
const crOther = alias(changeRequests, 'p');
const roadmapEdge = alias(roadmapDependencies, 'd');
const roadmapOther = alias(roadmapItems, 'p');

async function dependenciesOf(tx: Database, org: string, kind: BoardKind, id: string): Promise<LinkedItem[]> {
  const edges =
    kind === 'cr'
      ? { from: sql`${crDependencies} d JOIN ${changeRequests} p`, d: crEdge, p: crOther, item: crEdge.crId }
      : kind === 'roadmap'
        ? { from: sql`${roadmapDependencies} d JOIN ${roadmapItems} p`, d: roadmapEdge, p: roadmapOther, item: roadmapEdge.itemId }
        : null;
  if (!edges) return [];
  const { from, d, p, item } = edges;
  const rows = rowsOf<LinkedItem>(
    await tx.execute(sql`SELECT ${p.id} AS id, ${p.title} AS title, ${p.statusKey} AS status, ${d.dependencyType} AS type, 'out' AS direction
                         FROM ${from} ON ${p.organisationId} = ${d.organisationId} AND ${p.id} = ${d.dependsOnId}
                         WHERE ${d.organisationId} = ${org} AND ${item} = ${id}
                         UNION ALL
                         SELECT ${p.id}, ${p.title}, ${p.statusKey}, ${d.dependencyType}, 'in'
                         FROM ${from} ON ${p.organisationId} = ${d.organisationId} AND ${p.id} = ${item}
                         WHERE ${d.organisationId} = ${org} AND ${d.dependsOnId} = ${id}
                         ORDER BY 5 DESC, 1 LIMIT 100`),
  );
  return rows;
}

const b = alias(blockers, 'b');
const e = alias(evidence, 'e');
const et = alias(evidenceTrail, 'e');

async function blockersOf(tx: Database, org: string, kind: BoardKind, id: string): Promise<WorkItemDetails['blockers']> {
  const target = kind === 'roadmap' ? sql`${b.workId} = ${id}` : kind === 'task' ? sql`${b.entityType} = 'task' AND ${b.entityId} = ${id}` : null;
  if (!target) return [];
  const rows = rowsOf<{ id: string; title: string; severity: string | null; resolved: boolean; at: number }>(
    await tx.execute(sql`SELECT ${b.id} AS id, coalesce(${b.title}, ${b.description}, ${b.classification}) AS title, ${b.severity} AS severity,
                                ${b.resolvedAt} IS NOT NULL AS resolved, (extract(epoch from ${b.detectedAt}) * 1000)::float8 AS at
                         FROM ${blockers} b WHERE ${b.organisationId} = ${org} AND ${target}
                         ORDER BY ${b.resolvedAt} IS NOT NULL, ${b.detectedAt} DESC LIMIT 20`),
  );
  return rows.map((r) => ({ ...r, at: Number(r.at), resolved: Boolean(r.resolved) }));
}

async function evidenceOf(tx: Database, org: string, kind: BoardKind, id: string): Promise<WorkItemDetails['evidence']> {
  const query =
    kind === 'roadmap'
      ? sql`SELECT ${e.id} AS id, coalesce(${e.title}, ${e.evidenceType} || ': ' || ${e.uri}) AS title, ${e.createdBy} AS by,
                   (extract(epoch from ${e.createdAt}) * 1000)::float8 AS at
            FROM ${evidence} e WHERE ${e.organisationId} = ${org} AND ${e.workId} = ${id} ORDER BY ${e.createdAt} DESC LIMIT 20`
      : kind === 'task'
        ? sql`SELECT ${et.evidenceId}::text AS id, ${et.action} AS title, ${et.actor} AS by, (extract(epoch from ${et.timestamp}) * 1000)::float8 AS at
              FROM ${evidenceTrail} e WHERE ${et.organisationId} = ${org} AND ${et.entityType} = 'task' AND ${et.entityId} = ${id}
              ORDER BY ${et.timestamp} DESC LIMIT 20`
        : null;
  if (!query) return [];
  const rows = rowsOf<{ id: string; title: string; by: string; at: number }>(await tx.execute(query));
  const who = await resolveActors(
    tx,
    rows.map((r) => r.by),
  );
  return rows.map((r) => ({ ...r, by: who(r.by), at: Number(r.at) }));
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
  const locked = await lockWorkItem(tx, caller, kind, id, input.version);
  const sets = [sql`${columnName(k.title)} = ${input.title}`];
  if (k.description && input.description !== undefined) sets.push(sql`${columnName(k.description)} = ${input.description}`);
  if (k.owner && input.owner !== undefined) {
    await assertOwnerValue(tx, { organisationId: caller.organisationId, kind, value: input.owner, current: locked.owner });
    sets.push(sql`${columnName(k.owner)} = ${input.owner}`);
  }
  if (kind === 'cr' && input.size) sets.push(sql`${columnName(FIELDS.size.column)} = ${input.size}`);
  if (kind === 'card' && input.priority !== undefined) sets.push(sql`${columnName(FIELDS.priority.column)} = ${input.priority}`);
  if (kind === 'bug' && input.severity) sets.push(sql`${columnName(FIELDS.severity.column)} = ${input.severity}`);
  await tx.execute(sql`UPDATE ${k.from} SET ${sql.join(sets, sql`, `)} WHERE ${k.organisationId} = ${caller.organisationId} AND ${idEquals(kind, id)}`);
  return { card: await readCard(tx, caller.organisationId, kind, id) };
}
