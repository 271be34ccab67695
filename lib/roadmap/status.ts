import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowVersion } from '../validation/fields';
import { explained } from './refusals';
import { lockItemAtVersion, rows, termLabel } from './sql';

export const setRoadmapItemStatusInput = z.object({
  id: z.string().trim().min(1, 'Which item?').max(200),
  status: z.string().trim().min(1, 'Choose a status').max(100),
  version: rowVersion,
});
export type SetRoadmapItemStatusInput = z.infer<typeof setRoadmapItemStatusInput>;

/**
 * Sets a roadmap item's status at the version the caller saw. The database decides: an item
 * starts only when its blocking dependencies are completed, completes only with evidence, and
 * stays completed once it is.
 */
export async function setRoadmapItemStatus(
  tx: Database,
  organisationId: string,
  { id, status, version }: SetRoadmapItemStatusInput,
): Promise<{ id: string; status: string; version: number }> {
  if ((await termLabel(tx, 'roadmap_status', status)) === undefined) {
    throw new ActionError('invalid_input', `"${status}" is not a roadmap status.`, { status: 'Unknown status' });
  }
  const item = await lockItemAtVersion(tx, organisationId, id, version);
  if (item.status_key === status) return { id, status, version };
  const [row] = await explained(() =>
    rows<{ row_version: number }>(
      tx,
      sql`UPDATE roadmap_items
          SET status_key = ${status}, completed_at = CASE WHEN ${status} = 'completed' THEN now() ELSE completed_at END
          WHERE organisation_id = ${organisationId} AND id = ${id}
          RETURNING row_version`,
    ),
  );
  return { id, status, version: Number(row!.row_version) };
}
