import 'server-only';

import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import { REASON_CODES } from '../blockers/kinds';
import { ActionError } from '../procedure/result';
import { EVIDENCE_TYPES } from '../roadmap/evidence';
import type { Database } from '../db/connection';
import { decodeCursor, encodeCursor } from './cursor';
import { AgentProblem } from './problem';
import { guarded, iso, reasonOf, rows } from './sql';
import { insertWorkLease, newId } from './work';
import { workerOf } from './worker';

interface HeldAttempt {
  id: string;
  work_id: string;
  worker_id: string;
  ended_at: string | null;
  outcome: string | null;
  lease_id: string | null;
  ttl_seconds: number | null;
  live: boolean | null;
}

/**
 * Locks an attempt the caller holds, with its lease on the work: a builder (token or member) acts
 * only on its own attempts (issue 12 item 5), only while the attempt is open and its lease has not
 * lapsed. Another worker's attempt is refused (403) without saying more than whose it is not.
 */
export async function lockOwnAttempt(
  tx: Database,
  caller: OrganisationCaller,
  attemptId: string,
): Promise<HeldAttempt & { lease_id: string; ttl_seconds: number }> {
  const { workerId } = workerOf(caller);
  const [attempt] = await rows<HeldAttempt>(
    tx,
    sql`SELECT a.id, a.work_id, a.worker_id, a.ended_at, a.outcome, l.id AS lease_id, l.ttl_seconds, l.expires_at > now() AS live
          FROM attempts a
          LEFT JOIN leases l ON l.organisation_id = a.organisation_id AND l.attempt_id = a.id
                            AND l.resource_type = 'work_item' AND l.released_at IS NULL
         WHERE a.organisation_id = ${caller.organisationId} AND a.id = ${attemptId}
         FOR UPDATE OF a`,
  );
  if (!attempt) throw new ActionError('not_found', `There is no attempt ${attemptId} in this organisation.`);
  if (attempt.worker_id !== workerId) {
    throw new AgentProblem('not_your_attempt', `Attempt ${attemptId} is not held by ${workerId}; a builder acts only on its own attempts.`);
  }
  if (attempt.outcome === 'timed_out') {
    throw new AgentProblem(
      'lease_expired',
      `The lease on attempt ${attemptId} expired without a heartbeat and the attempt timed out; claim the work again if it is still ready.`,
    );
  }
  if (attempt.ended_at !== null) throw new AgentProblem('attempt_ended', `Attempt ${attemptId} has ended (${attempt.outcome ?? 'no outcome'}).`);
  if (!attempt.lease_id || !attempt.live) {
    throw new AgentProblem(
      'lease_expired',
      `The lease on attempt ${attemptId} has expired: no heartbeat came within its time-to-live. Claim the work again if it is still ready.`,
    );
  }
  return attempt as HeldAttempt & { lease_id: string; ttl_seconds: number };
}

/** An attempt's evidence takes the roadmap's evidence types (seed 003). */
export { EVIDENCE_TYPES };
/** The largest content an evidence record may carry inline, in bytes (larger artifacts: give a URI). */
export const MAX_EVIDENCE_CONTENT_BYTES = 64 * 1024;

/** Where inline content is kept: the legacy free-text field that fits its type. */
const CONTENT_COLUMN: Partial<Record<(typeof EVIDENCE_TYPES)[number], string>> = { test_result: 'test_results', diff: 'diff_summary', log: 'log_excerpt' };

/**
 * Records evidence on an attempt the caller holds: a URI (http or https) with the hash the client
 * states for it (stored as stated; without one, the hash of the URI itself, and the answer says
 * so), or content, whose SHA-256 Gantry computes and whose URI becomes `urn:sha256:<hash>`.
 * Evidence is immutable (evidence_no_update, evidence_no_delete).
 */
export async function recordEvidence(
  tx: Database,
  caller: OrganisationCaller,
  input: { attemptId: string; type: (typeof EVIDENCE_TYPES)[number]; uri?: string; sha256?: string; content?: string; title?: string; description?: string },
) {
  const attempt = await lockOwnAttempt(tx, caller, input.attemptId);
  const id = newId(`EV-${attempt.work_id}`);
  const content = input.content;
  const sha256 =
    content !== undefined
      ? createHash('sha256').update(content, 'utf8').digest('hex')
      : (input.sha256 ?? createHash('sha256').update(input.uri!).digest('hex'));
  const hashOf = content !== undefined ? 'content' : input.sha256 ? 'stated' : 'uri';
  const uri = content !== undefined ? `urn:sha256:${sha256}` : input.uri!;
  const size = content !== undefined ? Buffer.byteLength(content, 'utf8') : null;
  const column = sql.raw(CONTENT_COLUMN[input.type] ?? 'artifacts');
  const [row] = await rows<{ created_at: string }>(
    tx,
    sql`INSERT INTO evidence (organisation_id, id, work_id, attempt_id, lease_id, evidence_type, uri, sha256, title, description, size_bytes, ${column}, created_by)
        VALUES (${caller.organisationId}, ${id}, ${attempt.work_id}, ${attempt.id}, ${attempt.lease_id}, ${input.type}, ${uri}, ${sha256},
                ${input.title ?? null}, ${input.description ?? null}, ${size}, ${content ?? null}, ${workerOf(caller).workerId})
        RETURNING created_at`,
  );
  return {
    id,
    attemptId: attempt.id,
    workId: attempt.work_id,
    type: input.type,
    uri,
    sha256,
    hashOf,
    sizeBytes: size,
    createdAt: iso(row!.created_at)!,
  } as const;
}

async function endAttempt(tx: Database, caller: OrganisationCaller, attempt: HeldAttempt & { lease_id: string }, outcome: string, notes: string | undefined) {
  let ended: { ended_at: string }[];
  try {
    ended = await guarded<{ ended_at: string }>(
      tx,
      sql`UPDATE attempts SET outcome = ${outcome}, ended_at = now(), notes = coalesce(${notes ?? null}, notes)
           WHERE organisation_id = ${caller.organisationId} AND id = ${attempt.id} RETURNING ended_at`,
    );
  } catch (error) {
    const { code, reason } = reasonOf(error);
    if (code === '23514') throw new ActionError('conflict', reason);
    throw error;
  }
  await tx.execute(sql`UPDATE leases SET released_at = now() WHERE organisation_id = ${caller.organisationId} AND id = ${attempt.lease_id}`);
  return iso(ended[0]!.ended_at)!;
}

async function setWorkStatus(tx: Database, organisationId: string, workId: string, to: string, from: readonly string[]) {
  await tx.execute(sql`UPDATE roadmap_items SET status_key = ${to}
                        WHERE organisation_id = ${organisationId} AND id = ${workId} AND status_key IN (${sql.join(
                          from.map((s) => sql`${s}`),
                          sql`, `,
                        )})`);
}

async function builderGoesIdle(tx: Database, caller: OrganisationCaller) {
  const { builderId } = workerOf(caller);
  if (!builderId) return;
  await tx.execute(sql`UPDATE builders SET state = 'idle' WHERE organisation_id = ${caller.organisationId} AND builder_id = ${builderId} AND state = 'active'
                         AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.organisation_id = builders.organisation_id
                                           AND a.worker_id = ${`agent:${builderId}`} AND a.ended_at IS NULL)`);
}

/**
 * Completes an attempt the caller holds; the database asks for evidence on the attempt first
 * (attempts_completion_requires_evidence). The work item is completed with it.
 */
export async function completeAttempt(tx: Database, caller: OrganisationCaller, input: { attemptId: string; notes?: string }) {
  const attempt = await lockOwnAttempt(tx, caller, input.attemptId);
  const endedAt = await endAttempt(tx, caller, attempt, 'completed', input.notes);
  await setWorkStatus(tx, caller.organisationId, attempt.work_id, 'completed', ['pending', 'in_progress', 'blocked']);
  await builderGoesIdle(tx, caller);
  return { id: attempt.id, workId: attempt.work_id, outcome: 'completed' as const, endedAt };
}

/** Ends an attempt as failed, with the reason; the work is ready again for another claim. */
export async function failAttempt(tx: Database, caller: OrganisationCaller, input: { attemptId: string; reason: string }) {
  const attempt = await lockOwnAttempt(tx, caller, input.attemptId);
  const endedAt = await endAttempt(tx, caller, attempt, 'failed', input.reason);
  await setWorkStatus(tx, caller.organisationId, attempt.work_id, 'pending', ['in_progress']);
  await builderGoesIdle(tx, caller);
  return { id: attempt.id, workId: attempt.work_id, outcome: 'failed' as const, endedAt };
}

/**
 * Hands an attempt over to another builder, with the reason: the attempt ends as handed off, and
 * a new attempt of the other builder takes over from it (handoff_from_attempt_id), with a lease of
 * its own. The database asks for the reason (attempts_handoff_requires_reason).
 */
export async function handOffAttempt(
  tx: Database,
  caller: OrganisationCaller,
  input: { attemptId: string; toBuilderId: string; reason: string; ttlSeconds?: number },
) {
  const attempt = await lockOwnAttempt(tx, caller, input.attemptId);
  const [target] = await rows<{ builder_id: string }>(
    tx,
    sql`SELECT builder_id FROM builders WHERE organisation_id = ${caller.organisationId} AND builder_id = ${input.toBuilderId} AND deleted_at IS NULL`,
  );
  if (!target)
    throw new ActionError('not_found', `There is no builder “${input.toBuilderId}” in this organisation.`, {
      toBuilderId: 'Name a builder of this organisation',
    });
  const toWorker = `agent:${target.builder_id}`;
  if (toWorker === attempt.worker_id)
    throw new ActionError('invalid_input', 'Hand the attempt off to another builder than the one holding it.', { toBuilderId: 'Name another builder' });
  const endedAt = await endAttempt(tx, caller, attempt, 'handed_off', undefined);
  const newAttemptId = newId(`AT-${attempt.work_id}`);
  try {
    await guarded(
      tx,
      sql`INSERT INTO attempts (organisation_id, id, work_id, worker_id, worker_type, role, handoff_from_attempt_id, handoff_reason)
          VALUES (${caller.organisationId}, ${newAttemptId}, ${attempt.work_id}, ${toWorker}, 'agent', 'implementer', ${attempt.id}, ${input.reason})`,
    );
  } catch (error) {
    const { code, reason } = reasonOf(error);
    if (code === '23514') throw new ActionError('conflict', reason);
    throw error;
  }
  const lease = await insertWorkLease(tx, {
    organisationId: caller.organisationId,
    workId: attempt.work_id,
    workerId: toWorker,
    attemptId: newAttemptId,
    ttlSeconds: input.ttlSeconds ?? attempt.ttl_seconds,
  });
  await builderGoesIdle(tx, caller);
  return {
    id: attempt.id,
    workId: attempt.work_id,
    outcome: 'handed_off' as const,
    endedAt,
    handedOffTo: { attemptId: newAttemptId, workerId: toWorker, lease },
  };
}

/** The reason codes of seed 003 that a block names (lib/blockers/kinds.ts). */
export const BLOCK_REASON_CODES = REASON_CODES;

/**
 * Blocks an attempt: a blocker classified by its reason code on the attempt (and so on its work),
 * then the attempt ends as blocked (attempts_blocked_requires_blocker) and the work shows blocked
 * until the blocker is resolved.
 */
export async function blockAttempt(
  tx: Database,
  caller: OrganisationCaller,
  input: {
    attemptId: string;
    reasonCode: (typeof BLOCK_REASON_CODES)[number];
    title: string;
    description?: string;
    needs?: string;
    severity: 'blocking' | 'warning';
  },
) {
  const attempt = await lockOwnAttempt(tx, caller, input.attemptId);
  const [blocker] = await rows<{ id: string }>(
    tx,
    sql`INSERT INTO blockers (organisation_id, attempt_id, reason_code, severity, title, description, needs, created_by)
        VALUES (${caller.organisationId}, ${attempt.id}, ${input.reasonCode}, ${input.severity}, ${input.title}, ${input.description ?? input.title},
                ${input.needs ?? null}, ${actorOf(caller)})
        RETURNING id`,
  );
  const endedAt = await endAttempt(tx, caller, attempt, 'blocked', undefined);
  await setWorkStatus(tx, caller.organisationId, attempt.work_id, 'blocked', ['pending', 'in_progress']);
  await builderGoesIdle(tx, caller);
  return { id: attempt.id, workId: attempt.work_id, outcome: 'blocked' as const, endedAt, blockerId: blocker!.id };
}

/** The caller's own attempts, newest first, a page at a time; optionally of one item, open or ended only. */
export async function listAttempts(
  tx: Database,
  caller: OrganisationCaller,
  input: { workId?: string; state: 'open' | 'ended' | 'all'; cursor?: string; limit: number },
) {
  const after = decodeCursor(input.cursor, 2) as [string, string] | null;
  const { workerId } = workerOf(caller);
  const found = await rows<{
    id: string;
    work_id: string;
    started_at: string;
    started_key: string;
    ended_at: string | null;
    outcome: string | null;
    handoff_from_attempt_id: string | null;
    expires_at: string | null;
  }>(
    tx,
    sql`SELECT a.id, a.work_id, a.started_at, a.started_at::text AS started_key, a.ended_at, a.outcome, a.handoff_from_attempt_id, l.expires_at
          FROM attempts a
          LEFT JOIN leases l ON l.organisation_id = a.organisation_id AND l.attempt_id = a.id AND l.resource_type = 'work_item' AND l.released_at IS NULL
         WHERE a.organisation_id = ${caller.organisationId} AND a.worker_id = ${workerId}
           ${input.workId ? sql`AND a.work_id = ${input.workId}` : sql``}
           ${input.state === 'open' ? sql`AND a.ended_at IS NULL` : input.state === 'ended' ? sql`AND a.ended_at IS NOT NULL` : sql``}
           ${after ? sql`AND (a.started_at, a.id) < (${after[0]}::timestamptz, ${after[1]})` : sql``}
         ORDER BY a.started_at DESC, a.id DESC
         LIMIT ${input.limit + 1}`,
  );
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: page.map((a) => ({
      id: a.id,
      workId: a.work_id,
      workerId,
      startedAt: iso(a.started_at)!,
      endedAt: iso(a.ended_at),
      outcome: a.outcome,
      handoffFromAttemptId: a.handoff_from_attempt_id,
      leaseExpiresAt: iso(a.expires_at),
    })),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.started_key, last.id]) : null,
  };
}
