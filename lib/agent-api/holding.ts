import 'server-only';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rows } from './sql';
import { workerOf } from './worker';

/**
 * Whether the caller holds a work item, by stable id, never by display name: an open attempt of
 * theirs on it, an active assignment to them, or the item's owner naming them (`agent:<builder>`
 * or `user:<id>`, and a builder's bare id as the seeds write it).
 */
export async function holdsWork(tx: Database, caller: OrganisationCaller, workId: string): Promise<boolean> {
  const { workerId, builderId } = workerOf(caller);
  const names = builderId ? [workerId, builderId] : [workerId];
  const nameList = sql.join(
    names.map((n) => sql`${n}`),
    sql`, `,
  );
  const found = await rows(
    tx,
    sql`SELECT 1 FROM roadmap_items i
         WHERE i.organisation_id = ${caller.organisationId} AND i.id = ${workId} AND i.deleted_at IS NULL
           AND (i.owner IN (${nameList})
                OR EXISTS (SELECT 1 FROM attempts a WHERE a.organisation_id = i.organisation_id AND a.work_id = i.id
                             AND a.ended_at IS NULL AND a.worker_id = ${workerId})
                OR EXISTS (SELECT 1 FROM roadmap_assignments r WHERE r.organisation_id = i.organisation_id AND r.item_id = i.id
                             AND r.status IN ('assigned', 'active') AND r.agent_id IN (${nameList})))`,
  );
  return found.length > 0;
}

/**
 * Builders touch only their own work (issue 12 item 5): a caller who may not plan (a builder,
 * token or member) attaches evidence only to work it holds. Managers and owners attach to any.
 */
export async function assertMayAttachEvidence(tx: Database, caller: OrganisationCaller, workId: string): Promise<void> {
  if (can(caller.role, 'plan:edit')) return;
  if (!(await holdsWork(tx, caller, workId))) {
    throw new ActionError('forbidden', `Builders attach evidence only to work they hold; ${workId} is not claimed by or assigned to you.`);
  }
}
