import 'server-only';

import { sql } from 'drizzle-orm';
import type { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import type { EntityKind } from '../links/entity-href';
import { resolveActors } from '../organisations/actors';
import { auditCursor, auditFilterInput, cursorOf, readAuditPage, type AuditFilter, type AuditRow } from './query';

/** The page's rows per screen; the export pages through the same query in larger pages. */
export const AUDIT_PAGE_SIZE = 50;

export const auditPageInput = auditFilterInput.extend({ before: auditCursor });
export type AuditPageInput = z.output<typeof auditPageInput>;

/** audit_log.resource_type → the kind of page it has (lib/links/entity-href.ts); the rest have none. */
const RESOURCE_KINDS: Record<string, Exclude<EntityKind, 'wave'>> = {
  cr: 'cr',
  change_request: 'cr',
  roadmap_item: 'roadmap',
  work_item: 'roadmap',
  bug: 'bug',
  feature: 'feature',
  product: 'product',
  program: 'program',
  release: 'release',
  task: 'task',
  builder: 'builder',
  blocker: 'blocker',
};
export const resourceKind = (type: string | null) => (type ? (RESOURCE_KINDS[type] ?? null) : null);

export interface ValueChange {
  field: string;
  from?: string | null;
  to?: string | null;
}

export interface AuditEntry {
  id: number;
  cursor: string;
  at: number;
  actor: string;
  actorName: string;
  action: string;
  eventType: string;
  resourceType: string | null;
  resourceId: string | null;
  kind: Exclude<EntityKind, 'wave'> | null;
  changes: ValueChange[];
}

export interface ActorChoice {
  value: string;
  label: string;
}

const show = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
};
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** old → new as fields: the keys either side names, each once; a value that is not an object is one "value" field. */
export function readableChanges(oldValue: unknown, newValue: unknown): ValueChange[] {
  if ((oldValue === null || oldValue === undefined || isRecord(oldValue)) && (newValue === null || newValue === undefined || isRecord(newValue))) {
    const before = (oldValue ?? undefined) as Record<string, unknown> | undefined;
    const after = (newValue ?? undefined) as Record<string, unknown> | undefined;
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys.map((key) => ({
      field: key.replace(/_(key|id)$/, '').replace(/_/g, ' '),
      ...(before ? { from: show(before[key]) } : {}),
      ...(after ? { to: show(after[key]) } : {}),
    }));
  }
  return [
    {
      field: 'value',
      ...(oldValue !== null && oldValue !== undefined ? { from: show(oldValue) } : {}),
      ...(newValue !== null && newValue !== undefined ? { to: show(newValue) } : {}),
    },
  ];
}

/** The rows with the names of who made them, ready to show or export. */
export async function describeAuditRows(tx: Database, rows: AuditRow[]): Promise<AuditEntry[]> {
  const who = await resolveActors(
    tx,
    rows.map((r) => r.actor),
  );
  return rows.map((r) => ({
    id: r.id,
    cursor: cursorOf(r),
    at: r.at,
    actor: r.actor,
    actorName: who(r.actor),
    action: r.action,
    eventType: r.eventType,
    resourceType: r.resourceType,
    resourceId: r.resourceId,
    kind: resourceKind(r.resourceType),
    changes: readableChanges(r.oldValue, r.newValue),
  }));
}

/** Whom the actor filter offers: the organisation's members by name, then its builders. */
export async function actorChoices(tx: Database, organisationId: string): Promise<ActorChoice[]> {
  const people = rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`SELECT u.id, u.name FROM memberships m JOIN "user" u ON u.id = m.user_id
                         WHERE m.organisation_id = ${organisationId} AND m.deleted_at IS NULL ORDER BY lower(u.name), u.id`),
  );
  const builders = rowsOf<{ id: string }>(
    await tx.execute(sql`SELECT builder_id AS id FROM builders WHERE organisation_id = ${organisationId} AND deleted_at IS NULL ORDER BY builder_id LIMIT 500`),
  );
  return [...people.map((p) => ({ value: `user:${p.id}`, label: p.name })), ...builders.map((b) => ({ value: `agent:${b.id}`, label: `${b.id} (builder)` }))];
}

export interface AuditLogPage {
  filter: AuditFilter;
  entries: AuditEntry[];
  /** The cursor of the next (older) page, or null on the last one. */
  next: string | null;
  actors: ActorChoice[];
  /** The filtered actor's name, when it is not among the choices (a former member, a free label). */
  actorName: string | null;
}

/** One screen of the organisation's audit log, for the page; `member` has already been allowed to read it. */
export async function getAuditLog(member: OrganisationCaller, input: AuditPageInput): Promise<AuditLogPage> {
  const { before, ...filter } = input;
  return withOrganisation(member.organisationId, async (tx) => {
    const rows = await readAuditPage(tx, member.organisationId, filter, before, AUDIT_PAGE_SIZE + 1);
    const entries = await describeAuditRows(tx, rows.slice(0, AUDIT_PAGE_SIZE));
    const actors = await actorChoices(tx, member.organisationId);
    const actorName = filter.actor && !actors.some((a) => a.value === filter.actor) ? (await resolveActors(tx, [filter.actor]))(filter.actor) : null;
    return { filter, entries, next: rows.length > AUDIT_PAGE_SIZE ? entries.at(-1)!.cursor : null, actors, actorName };
  });
}
