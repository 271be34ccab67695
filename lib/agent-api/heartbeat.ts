import 'server-only';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import { runTokenStatement } from '../auth/token-statement';
import type { Database } from '../db/connection';
import type { StoredResponse } from './idempotency';
import type { OneCallAnswer, OneCallRequest } from './operation';
import { iso, refusalFromDatabase, rows } from './sql';
import { workerOf } from './worker';

// A heartbeat: the agent API's hottest call, one database call (migration 0033).

export const HEARTBEAT_STATUSES = ['active', 'idle', 'blocked'] as const;

/**
 * A heartbeat on an attempt: renews its lease for another time-to-live and, for a builder, writes a
 * heartbeat row (the trigger heartbeats_touch_builder moves its last heartbeat), in one database
 * call (agent_heartbeat, migration 0033): a lease that lapsed meanwhile is not revived (410),
 * another worker's attempt is refused (403), an ended one too (409). The heartbeat row is the
 * receipt naming the builder; a member's heartbeat gets an audit row instead.
 */
export async function heartbeat(
  tx: Database,
  caller: OrganisationCaller,
  input: { attemptId: string; progress?: number; status: (typeof HEARTBEAT_STATUSES)[number]; message?: string },
) {
  const { workerId, builderId } = workerOf(caller);
  let beat: { heartbeat_at: string; lease_expires_at: string } | undefined;
  try {
    [beat] = await rows<{ heartbeat_at: string; lease_expires_at: string }>(
      tx,
      sql`SELECT heartbeat_at, lease_expires_at FROM agent_heartbeat(${caller.organisationId}, ${workerId}, ${builderId}, ${input.attemptId},
                 ${input.status}, ${input.message ?? null}, ${input.progress ?? null})`,
    );
  } catch (error) {
    throw refusalFromDatabase(error);
  }
  return {
    attemptId: input.attemptId,
    status: input.status,
    progress: input.progress ?? null,
    at: iso(beat!.heartbeat_at)!,
    leaseExpiresAt: iso(beat!.lease_expires_at)!,
  };
}

/**
 * A heartbeat over HTTP as one database call (agent_heartbeat_by_token, migration 0033): the
 * token, its role among `roles`, the idempotency key, the heartbeat and the stored answer, in one
 * statement and one round trip. The heartbeat route uses it for bearer tokens (see defineV1Route).
 */
export async function heartbeatInOneCall(request: OneCallRequest<HeartbeatInput>): Promise<OneCallAnswer> {
  const { input } = request;
  const roles = `{${request.roles.join(',')}}`;
  try {
    const [{ answer }] = (await runTokenStatement<{ answer: unknown }>(
      sql`SELECT agent_heartbeat_by_token(${request.tokenHash}, ${roles}::text[], ${input.attemptId}, ${input.status}, ${input.message ?? null},
                 ${input.progress ?? null}::int, ${request.idempotencyKey}, ${request.requestHash}) AS answer`,
    )) as [{ answer: unknown }];
    return oneCallAnswerOf(answer);
  } catch (error) {
    throw refusalFromDatabase(error);
  }
}

/** agent_heartbeat_by_token's answer (jsonb, as either driver returns it) as a OneCallAnswer. */
export function oneCallAnswerOf(answer: unknown): OneCallAnswer {
  const parsed = (typeof answer === 'string' ? JSON.parse(answer) : answer) as OneCallAnswer;
  if ('replayed' in parsed && typeof parsed.replayed === 'string') return { replayed: JSON.parse(parsed.replayed) as StoredResponse };
  return parsed;
}

/** The input of a heartbeat (the operation's schema, parsed). */
export type HeartbeatInput = { attemptId: string; progress?: number; status: (typeof HEARTBEAT_STATUSES)[number]; message?: string };
