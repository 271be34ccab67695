import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { textArray } from '../roadmap/sql';
import { verdictFromRow, type Verdict, type VerdictRow } from './verdict';

/**
 * A release's verdict as the database computes it (release_verdict, migration 0026), or null
 * when the organisation has no such live release. The one function every reader calls: the
 * review page, the report, the CSV, the API.
 */
export async function getReleaseVerdict(tx: Database, { organisationId, releaseId }: { organisationId: string; releaseId: string }): Promise<Verdict | null> {
  return (await readReleaseVerdicts(tx, organisationId, [releaseId])).get(releaseId) ?? null;
}

/**
 * The verdicts of several live releases of one organisation (a page of a list), by release id:
 * v_release_verdict's rows through release_verdicts (migration 0048), which keeps its plan.
 */
export async function readReleaseVerdicts(tx: Database, organisationId: string, releaseIds: string[]): Promise<Map<string, Verdict>> {
  if (releaseIds.length === 0) return new Map();
  const rows = rowsOf<VerdictRow & { release_id: string }>(
    await tx.execute(sql`SELECT release_id, verdict, applicable, passing, waived, reasons
                           FROM release_verdicts(${organisationId}::uuid, ${textArray(releaseIds)})`),
  );
  return new Map(rows.map((r) => [r.release_id, verdictFromRow(r)]));
}
