import 'server-only';

import { randomBytes } from 'node:crypto';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { decodeCursor, encodeCursor } from './cursor';
import { AgentProblem } from './problem';
import { guarded, iso, reasonOf, rows, stringList } from './sql';
import { workerOf } from './worker';

/** Bounds of a claim's lease, in seconds: a heartbeat must come within this time to keep it. */
export const LEASE_TTL = { min: 15, max: 3600, default: 300 } as const;

export interface ReadyWork {
  id: string;
  title: string;
  phase: string;
  owner: string | null;
  requiredCapabilities: string[];
}

/**
 * The work the caller may claim now (v_claimable_work: ready, unclaimed, not blocked), in the
 * roadmap's order (phase, rank, id), a page at a time. A builder sees only the work whose every
 * required capability (work_required_capabilities) it has (builder_capabilities); a member, acting
 * as a person, sees all of it.
 */
export async function listReadyWork(tx: Database, caller: OrganisationCaller, { cursor, limit }: { cursor?: string; limit: number }) {
  const after = decodeCursor(cursor, 3) as [string, number | null, string] | null;
  const { builderId } = workerOf(caller);
  const found = await rows<{ id: string; title: string; phase_key: string; owner: string | null; rank: number | null; capabilities: unknown }>(
    tx,
    sql`SELECT w.id, w.title, w.phase_key, w.owner, w.rank,
               (SELECT coalesce(jsonb_agg(c.capability_id ORDER BY c.capability_id), '[]'::jsonb) FROM work_required_capabilities c
                 WHERE c.organisation_id = w.organisation_id AND c.work_id = w.id) AS capabilities
          FROM v_claimable_work w
         WHERE w.organisation_id = ${caller.organisationId}
           ${after ? sql`AND (w.phase_key, coalesce(w.rank, 'Infinity'::float8), w.id) > (${after[0]}, coalesce(${after[1]}::float8, 'Infinity'::float8), ${after[2]})` : sql``}
           ${
             builderId
               ? sql`AND NOT EXISTS (
                   SELECT 1 FROM work_required_capabilities c
                    WHERE c.organisation_id = w.organisation_id AND c.work_id = w.id
                      AND NOT EXISTS (SELECT 1 FROM builder_capabilities bc
                                       WHERE bc.organisation_id = c.organisation_id AND bc.builder_id = ${builderId}
                                         AND bc.capability_id = c.capability_id))`
               : sql``
           }
         ORDER BY w.phase_key, coalesce(w.rank, 'Infinity'::float8), w.id
         LIMIT ${limit + 1}`,
  );
  const page = found.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r): ReadyWork => ({ id: r.id, title: r.title, phase: r.phase_key, owner: r.owner, requiredCapabilities: stringList(r.capabilities) })),
    nextCursor: found.length > limit && last ? encodeCursor([last.phase_key, last.rank === null ? null : Number(last.rank), last.id]) : null,
  };
}

/** A live roadmap item with what an agent needs to work on it: capabilities, open attempt, open blockers. */
export async function getWorkItem(tx: Database, caller: OrganisationCaller, workId: string) {
  const [item] = await rows<{
    id: string;
    title: string;
    phase_key: string;
    status_key: string;
    owner: string | null;
    item_type: string;
    description: string | null;
  }>(
    tx,
    sql`SELECT id, title, phase_key, status_key, owner, item_type, description FROM roadmap_items
         WHERE organisation_id = ${caller.organisationId} AND id = ${workId} AND deleted_at IS NULL`,
  );
  if (!item) throw new ActionError('not_found', `There is no work item ${workId} in this organisation.`);
  const [capabilities, attempt, blockers, claimable] = await Promise.all([
    rows<{ capability_id: string }>(
      tx,
      sql`SELECT capability_id FROM work_required_capabilities WHERE organisation_id = ${caller.organisationId} AND work_id = ${workId} ORDER BY 1`,
    ),
    rows<{ id: string; worker_id: string; started_at: string; expires_at: string | null }>(
      tx,
      sql`SELECT a.id, a.worker_id, a.started_at, l.expires_at FROM attempts a
            LEFT JOIN leases l ON l.organisation_id = a.organisation_id AND l.attempt_id = a.id
                              AND l.resource_type = 'work_item' AND l.released_at IS NULL
           WHERE a.organisation_id = ${caller.organisationId} AND a.work_id = ${workId} AND a.ended_at IS NULL`,
    ),
    rows<{ id: string; title: string | null; reason_code: string | null; classification: string | null; severity: string }>(
      tx,
      sql`SELECT id, title, reason_code, classification, severity FROM blockers
           WHERE organisation_id = ${caller.organisationId} AND work_id = ${workId} AND resolved_at IS NULL AND deleted_at IS NULL
           ORDER BY detected_at, id`,
    ),
    rows(tx, sql`SELECT 1 FROM v_claimable_work WHERE organisation_id = ${caller.organisationId} AND id = ${workId}`),
  ]);
  const open = attempt[0];
  return {
    id: item.id,
    title: item.title,
    description: item.description,
    type: item.item_type,
    phase: item.phase_key,
    status: item.status_key,
    owner: item.owner,
    requiredCapabilities: capabilities.map((c) => c.capability_id),
    claimable: claimable.length > 0,
    activeAttempt: open ? { id: open.id, workerId: open.worker_id, startedAt: iso(open.started_at)!, leaseExpiresAt: iso(open.expires_at) } : null,
    openBlockers: blockers.map((b) => ({ id: b.id, title: b.title, reasonCode: b.reason_code, classification: b.classification, severity: b.severity })),
  };
}

export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

/** Inserts the lease of an attempt on its work item: exclusive, for ttl seconds from now. */
export async function insertWorkLease(
  tx: Database,
  {
    organisationId,
    workId,
    workerId,
    attemptId,
    ttlSeconds,
  }: { organisationId: string; workId: string; workerId: string; attemptId: string; ttlSeconds: number },
) {
  const [lease] = await rows<{ id: string; expires_at: string }>(
    tx,
    sql`INSERT INTO leases (organisation_id, id, resource_type, resource_id, mode, worker_id, attempt_id, ttl_seconds, expires_at, last_heartbeat)
        VALUES (${organisationId}, ${newId('LS')}, 'work_item', ${workId}, 'exclusive', ${workerId}, ${attemptId}, ${ttlSeconds},
                now() + make_interval(secs => ${ttlSeconds}), now())
        RETURNING id, expires_at`,
  );
  return { id: lease!.id, ttlSeconds, expiresAt: iso(lease!.expires_at)! };
}

/**
 * Claims a work item: an attempt of the caller and an exclusive lease on the item for ttlSeconds,
 * in the caller's transaction; the item moves to in progress. The database decides whether the
 * claim stands (attempts_no_double_claim, attempts_no_claim_blocked, the dependency check on
 * the move): its refusal comes back as 409 with its reason. A lapsed lease on the item is swept
 * first, so a stalled claim never keeps the work.
 */
export async function claimWork(tx: Database, caller: OrganisationCaller, { workId, ttlSeconds, role }: { workId: string; ttlSeconds: number; role?: string }) {
  const worker = workerOf(caller);
  const [item] = await rows<{ status_key: string; missing: unknown }>(
    tx,
    sql`SELECT i.status_key,
               (SELECT coalesce(jsonb_agg(c.capability_id ORDER BY c.capability_id), '[]'::jsonb) FROM work_required_capabilities c
                 WHERE c.organisation_id = i.organisation_id AND c.work_id = i.id
                   AND NOT EXISTS (SELECT 1 FROM builder_capabilities bc WHERE bc.organisation_id = c.organisation_id
                                     AND bc.builder_id = ${worker.builderId} AND bc.capability_id = c.capability_id)) AS missing
          FROM roadmap_items i WHERE i.organisation_id = ${caller.organisationId} AND i.id = ${workId} AND i.deleted_at IS NULL`,
  );
  if (!item) throw new ActionError('not_found', `There is no work item ${workId} in this organisation.`);
  if (item.status_key === 'completed' || item.status_key === 'deferred') {
    throw new AgentProblem('not_claimable', `${workId} is ${item.status_key}; only work still to do can be claimed.`);
  }
  const missing = stringList(item.missing);
  if (worker.builderId && missing.length > 0) {
    throw new AgentProblem(
      'not_claimable',
      `${workId} needs capabilities this builder does not have: ${missing.join(', ')}.`,
      {},
      { missingCapabilities: missing },
    );
  }
  await tx.execute(sql`SELECT expire_work_leases(now(), ${caller.organisationId}::uuid, ${workId})`);
  const attemptId = newId(`AT-${workId}`);
  let attempt: { started_at: string } | undefined;
  try {
    [attempt] = await guarded<{ started_at: string }>(
      tx,
      sql`INSERT INTO attempts (organisation_id, id, work_id, worker_id, worker_type, role)
          VALUES (${caller.organisationId}, ${attemptId}, ${workId}, ${worker.workerId}, ${worker.workerType}, ${role ?? 'implementer'})
          RETURNING started_at`,
    );
  } catch (error) {
    throw claimRefusal(error);
  }
  try {
    await guarded(
      tx,
      sql`UPDATE roadmap_items SET status_key = 'in_progress'
           WHERE organisation_id = ${caller.organisationId} AND id = ${workId} AND status_key IN ('pending', 'blocked')`,
    );
  } catch (error) {
    const { code, reason } = reasonOf(error);
    if (code === '23514') throw new AgentProblem('not_claimable', reason);
    throw error;
  }
  const lease = await insertWorkLease(tx, { organisationId: caller.organisationId, workId, workerId: worker.workerId, attemptId, ttlSeconds });
  if (worker.builderId) {
    await tx.execute(
      sql`UPDATE builders SET state = 'active' WHERE organisation_id = ${caller.organisationId} AND builder_id = ${worker.builderId} AND state <> 'active'`,
    );
    // A claim is a sign of life: it counts as a heartbeat (and ends a stall shown since a lapse).
    await tx.execute(sql`INSERT INTO heartbeats (organisation_id, builder_id, status, message, progress_percentage)
                         VALUES (${caller.organisationId}, ${worker.builderId}, 'active', ${`Claimed ${workId}`}, 0)`);
  }
  return { id: attemptId, workId, workerId: worker.workerId, startedAt: iso(attempt!.started_at)!, lease };
}

function claimRefusal(error: unknown): unknown {
  const { code, reason } = reasonOf(error);
  if (code === '23505' || (code === '23514' && reason.startsWith('Work already has active attempt'))) {
    return new AgentProblem('already_claimed', code === '23505' ? 'Work already has active attempt. Use handoff instead of new claim.' : reason);
  }
  if (code === '23514' && reason.startsWith('Work has unresolved blockers')) return new AgentProblem('work_blocked', reason);
  if (code === '23514') return new AgentProblem('not_claimable', reason);
  return error;
}
