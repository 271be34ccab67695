import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { csvLine } from '../csv/write';
import { withOrganisation } from '../db/client';
import { FileDownload } from '../procedure/route';
import { describeAuditRows, type AuditEntry } from './page';
import { auditFilterInput, readAuditPage, type AuditFilter } from './query';

/**
 * The filtered audit log as CSV or JSON, streamed: each read of the stream reads one page of
 * the same keyset query the page uses (in its own short transaction), so an export of a million
 * rows holds one page in memory at a time and starts answering at once.
 */
export const auditExportInput = auditFilterInput.extend({ format: z.enum(['csv', 'json'], { message: 'Choose csv or json.' }).default('csv') });
export type AuditExportInput = z.output<typeof auditExportInput>;

export const EXPORT_PAGE_SIZE = 500;

const HEADER = ['id', 'timestamp', 'actor', 'actor_name', 'event_type', 'action', 'resource_type', 'resource_id', 'old_value', 'new_value'];

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

interface ExportRow {
  entry: AuditEntry;
  oldValue: unknown;
  newValue: unknown;
  timestamp: string;
}

function csvRecord(r: ExportRow): string {
  const e = r.entry;
  return csvLine([
    e.id,
    new Date(e.at).toISOString(),
    e.actor,
    e.actorName,
    e.eventType,
    e.action,
    e.resourceType,
    e.resourceId,
    json(r.oldValue),
    json(r.newValue),
  ]);
}

function jsonRecord(r: ExportRow): string {
  const e = r.entry;
  return JSON.stringify({
    id: e.id,
    timestamp: r.timestamp,
    actor: e.actor,
    actorName: e.actorName,
    eventType: e.eventType,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    oldValue: r.oldValue ?? null,
    newValue: r.newValue ?? null,
  });
}

/** The stream itself; `onPage` (tests) hears each page as it is read. */
export function auditExportStream(
  organisationId: string,
  filter: AuditFilter,
  format: 'csv' | 'json',
  { pageSize = EXPORT_PAGE_SIZE, onPage }: { pageSize?: number; onPage?: (rows: number) => void } = {},
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = '';
        if (!started) {
          started = true;
          text = format === 'csv' ? csvLine(HEADER) : '[';
        }
        const rows = await withOrganisation(organisationId, async (tx) => {
          const page = await readAuditPage(tx, organisationId, filter, cursor, pageSize);
          const entries = await describeAuditRows(tx, page);
          return page.map((row, n) => ({ entry: entries[n]!, oldValue: row.oldValue, newValue: row.newValue, timestamp: new Date(row.at).toISOString() }));
        });
        onPage?.(rows.length);
        for (const row of rows) {
          if (format === 'csv') text += csvRecord(row);
          else {
            text += (first ? '\n' : ',\n') + jsonRecord(row);
            first = false;
          }
        }
        if (rows.length > 0) cursor = rows.at(-1)!.entry.cursor;
        if (rows.length < pageSize) {
          if (format === 'json') text += first ? ']\n' : '\n]\n';
          controller.enqueue(encoder.encode(text));
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(text));
      },
    },
    // Read a page only when the reader asks for one.
    { highWaterMark: 0 },
  );
}

/** The route's answer: the file, named after the organisation's export and the time. */
export function exportAuditLog(caller: OrganisationCaller, input: AuditExportInput): FileDownload {
  const { format, ...filter } = input;
  const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return new FileDownload(
    `audit-log-${stamp}.${format}`,
    format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
    auditExportStream(caller.organisationId, filter, format),
  );
}
