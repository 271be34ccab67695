import 'server-only';

import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';

/**
 * The organisation's audit log, filtered and read page by page on (timestamp desc, id desc):
 * a page starts strictly after the last row of the one before (its cursor), so a page costs the
 * same at row 10 and at row 1,000,000 (index audit_log_organisation_time_id_idx, migration 0040).
 * The page, the CSV and JSON export and the bench share this one query.
 */

/** `<timestamp as PostgreSQL writes it>|<id>`: exact to the microsecond, so no row is skipped or repeated. */
const CURSOR = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:[+-]\d{2}(?::?\d{2})?|Z)?)\|(\d{1,18})$/;

const filterText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .transform((v) => (v === '' ? undefined : v))
    .optional();

const day = z
  .string()
  .trim()
  .max(40)
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine(
    (v) => v === undefined || (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v))),
    'A date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM).',
  );

/** The filters, as the page's URL and the export's query string carry them. */
export const auditFilterInput = z.object({
  actor: filterText(300),
  action: filterText(100),
  type: filterText(100),
  entity: filterText(300),
  from: day,
  to: day,
});
export type AuditFilter = z.output<typeof auditFilterInput>;

export const auditCursor = z
  .string()
  .trim()
  .max(80)
  .transform((v) => (v === '' ? undefined : v))
  .optional()
  .refine((v) => v === undefined || CURSOR.test(v), 'The page link is not one Gantry made; start from the newest entries.');

export interface AuditRow {
  id: number;
  /** As PostgreSQL writes it (microseconds): part of the cursor. */
  timestamp: string;
  at: number;
  eventType: string;
  actor: string;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  oldValue: unknown;
  newValue: unknown;
  context: unknown;
}

export const cursorOf = (row: Pick<AuditRow, 'timestamp' | 'id'>) => `${row.timestamp}|${row.id}`;

/** As UTC; a date alone is its midnight ("to 2026-12-03" adds the day, below, so that it includes that day). */
const bound = (value: string) => (value.includes('T') ? `${value}Z` : `${value}T00:00:00Z`);

export function auditWhere(organisationId: string, filter: AuditFilter, cursor?: string): SQL {
  const parts: SQL[] = [sql`a.organisation_id = ${organisationId}`];
  if (filter.actor) parts.push(sql`a.actor = ${filter.actor}`);
  if (filter.action) parts.push(sql`a.action = ${filter.action}`);
  if (filter.type) parts.push(sql`a.resource_type = ${filter.type}`);
  if (filter.entity) parts.push(sql`a.resource_id = ${filter.entity}`);
  if (filter.from) parts.push(sql`a.timestamp >= ${bound(filter.from)}::timestamptz`);
  if (filter.to) {
    parts.push(
      filter.to.includes('T') ? sql`a.timestamp <= ${bound(filter.to)}::timestamptz` : sql`a.timestamp < ${bound(filter.to)}::timestamptz + interval '1 day'`,
    );
  }
  if (cursor) {
    const [, ts, id] = CURSOR.exec(cursor)!;
    parts.push(sql`(a.timestamp, a.id) < (${ts}::timestamptz, ${Number(id)}::bigint)`);
  }
  return sql.join(parts, sql` AND `);
}

/** One page: at most `limit` rows after the cursor, newest first. */
export async function readAuditPage(tx: Database, organisationId: string, filter: AuditFilter, cursor: string | undefined, limit: number): Promise<AuditRow[]> {
  const rows = rowsOf<{
    id: number | string;
    ts: string;
    at: number | string;
    event_type: string;
    actor: string;
    action: string;
    resource_type: string | null;
    resource_id: string | null;
    old_value: unknown;
    new_value: unknown;
    context: unknown;
  }>(
    await tx.execute(sql`SELECT a.id, a.timestamp::text AS ts, (extract(epoch from a.timestamp) * 1000)::float8 AS at, a.event_type, a.actor, a.action,
                                a.resource_type, a.resource_id, a.old_value, a.new_value, a.context
                         FROM audit_log a
                         WHERE ${auditWhere(organisationId, filter, cursor)}
                         ORDER BY a.timestamp DESC, a.id DESC
                         LIMIT ${limit}`),
  );
  const json = (v: unknown) => (typeof v === 'string' ? safeParse(v) : v);
  return rows.map((r) => ({
    id: Number(r.id),
    timestamp: r.ts,
    at: Number(r.at),
    eventType: r.event_type,
    actor: r.actor,
    action: r.action,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    oldValue: json(r.old_value),
    newValue: json(r.new_value),
    context: json(r.context),
  }));
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
