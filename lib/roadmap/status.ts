import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowVersion } from '../validation/fields';
import { explained, staleMessage } from './refusals';
import { rows } from './sql';

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
  const [known] = await rows<{ label: string }>(
    tx,
    sql`SELECT display_name AS label FROM terminology WHERE domain = 'roadmap_status' AND internal_key = ${status} AND deleted_at IS NULL`,
  );
  if (!known) throw new ActionError('invalid_input', `"${status}" is not a roadmap status.`, { status: 'Unknown status' });
  const [item] = await rows<{ status_key: string; row_version: number }>(
    tx,
    sql`SELECT status_key, row_version FROM roadmap_items
        WHERE organisation_id = ${organisationId} AND id = ${id} AND deleted_at IS NULL FOR UPDATE`,
  );
  if (!item) throw new ActionError('not_found', `There is no roadmap item ${id} any more.`);
  if (Number(item.row_version) !== version) throw new ActionError('stale', staleMessage(id));
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
