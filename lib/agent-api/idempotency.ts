import 'server-only';

import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { AgentProblem } from './problem';

/** How long a key is remembered: a retry within 24 hours gets the first answer. */
export const IDEMPOTENCY_TTL_HOURS = 24;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What was answered the first time, replayed to every retry under the key: the status and the exact body text. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** The Idempotency-Key header, checked: 1 to 255 visible ASCII characters. Absent: null. */
export function idempotencyKeyOf(headers: Headers): string | null {
  const key = headers.get('idempotency-key');
  if (key === null) return null;
  if (!KEY_PATTERN.test(key)) {
    throw new ActionError('invalid_input', 'An Idempotency-Key is 1 to 255 visible ASCII characters (a UUID, for example).');
  }
  return key;
}

/** A stable digest of a request: its operation and its input, keys sorted at every level. */
export function requestHashOf(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Takes the key for this request in the caller's transaction (seed 003's idempotency_keys): the
 * first request inserts it as pending and goes on to execute; a concurrent one with the same key
 * waits on the row until the first commits, then finds it complete and gets the stored answer
 * (or, if the first failed and rolled back, takes the key itself). A key past its 24 hours is
 * taken afresh. The same key with another request is refused (422).
 */
export async function takeIdempotencyKey(
  tx: Database,
  { organisationId, key, operation, requestHash, actor }: { organisationId: string; key: string; operation: string; requestHash: string; actor: string },
): Promise<StoredResponse | null> {
  const taken = rowsOf<{ key: string }>(
    await tx.execute(sql`
      INSERT INTO idempotency_keys (organisation_id, key, operation, request_hash, status, expires_at, created_by)
      VALUES (${organisationId}, ${key}, ${operation}, ${requestHash}, 'pending', now() + make_interval(hours => ${IDEMPOTENCY_TTL_HOURS}), ${actor})
      ON CONFLICT (organisation_id, key) DO UPDATE
        SET operation = EXCLUDED.operation, request_hash = EXCLUDED.request_hash, status = 'pending', response = NULL,
            created_at = now(), expires_at = EXCLUDED.expires_at, created_by = EXCLUDED.created_by
        WHERE idempotency_keys.expires_at <= now()
      RETURNING key`),
  );
  if (taken.length > 0) return null;
  const [stored] = rowsOf<{ request_hash: string; status: string; response: StoredResponse | string | null }>(
    await tx.execute(sql`SELECT request_hash, status, response FROM idempotency_keys WHERE organisation_id = ${organisationId} AND key = ${key}`),
  );
  if (!stored || stored.request_hash !== requestHash) {
    throw new AgentProblem(
      'idempotency_mismatch',
      'This Idempotency-Key was already used for a different request (another operation or body); use a new key for a new request.',
    );
  }
  if (stored.status !== 'complete' || stored.response === null) {
    throw new ActionError('conflict', 'A request with this Idempotency-Key has not finished; retry in a moment.');
  }
  return typeof stored.response === 'string' ? (JSON.parse(stored.response) as StoredResponse) : stored.response;
}

/** Stores the answer of the request that took the key, in the same transaction as its effects. */
export async function storeIdempotentResponse(
  tx: Database,
  { organisationId, key, response }: { organisationId: string; key: string; response: StoredResponse },
) {
  await tx.execute(sql`
    UPDATE idempotency_keys SET status = 'complete', response = ${JSON.stringify(response)}::jsonb, updated_at = now()
     WHERE organisation_id = ${organisationId} AND key = ${key}`);
}

/** Forgets keys past their 24 hours (the lease sweep calls it). */
export async function deleteExpiredIdempotencyKeys(db: Database, now?: Date): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`WITH gone AS (DELETE FROM idempotency_keys WHERE expires_at <= coalesce(${now?.toISOString() ?? null}::timestamptz, now()) RETURNING 1)
                         SELECT count(*)::int AS n FROM gone`),
  );
  return rows[0]?.n ?? 0;
}
