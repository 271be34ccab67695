import 'server-only';

import { z } from 'zod';

import { listBlockers, COUNT_CAP } from '../blockers/desk';
import { deskQuery } from '../blockers/filters';
import type { Database } from '../db/connection';
import { listBuilders } from '../foreman/fleet';
import { readPrograms } from '../plan/program-list';
import { readReleaseList, releaseListQuery } from '../releases/list';
import { csvDocument, type CsvValue } from '../csv/write';
import { FileDownload } from '../procedure/route';

/**
 * The lists beside the board that export their filtered rows as CSV (docs/import-export.md): the
 * blocker desk, the builders, the releases and the programs. Each reads its rows with the page's own query (the
 * same filters and sort as the page), every page of it; none holds more than 10,000 rows (the
 * desk counts to COUNT_CAP), so each answers in one piece; the board, which can hold far more,
 * streams (board.ts).
 */
export const EXPORT_LISTS = ['blockers', 'builders', 'releases', 'programs'] as const;

export const listExportInput = z.discriminatedUnion('list', [
  deskQuery.extend({ list: z.literal('blockers') }),
  releaseListQuery.extend({ list: z.literal('releases') }),
  z.object({ list: z.literal('builders') }),
  z.object({ list: z.literal('programs') }),
]);
export type ListExport = z.output<typeof listExportInput>;

const csv = (name: string, header: readonly string[], rows: CsvValue[][]) =>
  new FileDownload(`${name}.csv`, 'text/csv; charset=utf-8', csvDocument(header, rows));

export async function exportList(tx: Database, organisationId: string, input: ListExport): Promise<FileDownload> {
  if (input.list === 'programs') {
    const programs = await readPrograms(tx, organisationId);
    return csv(
      'programs',
      ['id', 'name', 'type', 'status', 'state', 'progress', 'products', 'owner'],
      programs.map((p) => [p.id, p.name, p.type, p.status, p.state, p.progress, p.products, p.owner]),
    );
  }
  if (input.list === 'builders') {
    const fleet = await listBuilders(tx, { organisationId });
    return csv(
      'builders',
      ['builder_id', 'type', 'backend', 'state', 'model', 'task_id', 'task', 'progress', 'last_heartbeat', 'silent_seconds', 'stalled', 'last_message'],
      fleet.builders.map((b) => [
        b.builderId,
        b.type,
        b.backend,
        b.state,
        b.model,
        b.currentTask?.id,
        b.currentTask?.name,
        b.progress,
        b.lastHeartbeat,
        b.silentSeconds,
        b.stalled,
        b.lastMessage,
      ]),
    );
  }
  if (input.list === 'releases') {
    const { list: _, ...query } = input;
    const rows: CsvValue[][] = [];
    for (let page = 1; ; page += 1) {
      const result = await readReleaseList(tx, organisationId, { ...query, page });
      for (const r of result.rows) {
        rows.push([
          r.id,
          r.name,
          r.product.id,
          r.product.name,
          r.type.label,
          r.status.label,
          r.targetDate,
          r.verdict.label,
          r.tally.checks,
          r.tally.passed,
          r.tally.failed,
        ]);
      }
      if (page >= result.pageCount) break;
    }
    return csv('releases', ['id', 'name', 'product_id', 'product', 'type', 'status', 'target_date', 'verdict', 'standards_checked', 'passed', 'failed'], rows);
  }
  const { list: _, ...query } = input;
  const rows: CsvValue[][] = [];
  const size = 100;
  for (let page = 1; page * size <= COUNT_CAP + size; page += 1) {
    const result = await listBlockers(tx, { organisationId, query: { ...query, page, size } });
    for (const b of result.rows) {
      rows.push([
        b.id,
        b.kind,
        b.severity,
        b.title,
        b.target.type,
        b.target.id,
        b.target.label,
        b.program?.id,
        b.raisedBy,
        b.detectedAt,
        b.escalatedTo,
        b.resolvedAt,
        b.resolvedBy,
        b.resolution,
        b.justification,
      ]);
    }
    if (result.rows.length < size) break;
  }
  return csv(
    `blockers-${query.tab}`,
    [
      'id',
      'kind',
      'severity',
      'title',
      'target_type',
      'target_id',
      'target',
      'program_id',
      'raised_by',
      'detected_at',
      'escalated_to',
      'resolved_at',
      'resolved_by',
      'resolution',
      'justification',
    ],
    rows,
  );
}
