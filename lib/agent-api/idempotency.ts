import 'server-only';

import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { refusalFromDatabase } from './sql';

/** How long a key is remembered: a retry within 24 hours gets the first answer. */
export const IDEMPOTENCY_TTL_HOURS = 24;

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

/** What was answered the first time, replayed to every retry under the key: the status and the exact body text. */
export interface StoredResponse {
  status: number;
  body: string;
}

/** The Idempotency-Key header, checked: 1 to 255 visible ASCII characters. Absent: null. */
export function idempotencyKeyOf(headers: Pick<Headers, 'get'>): string | null {
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
 * Takes the key for this request in the caller's transaction (seed 003's idempotency_keys), by the
 * database's take_idempotency_key (migration 0033, which the one-call heartbeat uses too): the
 * first request inserts it as pending and goes on to execute; a concurrent one with the same key
 * waits on the row until the first commits, then finds it complete and gets the stored answer
 * (or, if the first failed and rolled back, takes the key itself). A key past its 24 hours is
 * taken afresh. The same key with another request is refused (422).
 */
export async function takeIdempotencyKey(
  tx: Database,
  { organisationId, key, operation, requestHash, actor }: { organisationId: string; key: string; operation: string; requestHash: string; actor: string },
): Promise<StoredResponse | null> {
  let stored: StoredResponse | string | null | undefined;
  try {
    [{ stored }] = rowsOf<{ stored: StoredResponse | string | null }>(
      await tx.execute(sql`SELECT take_idempotency_key(${organisationId}, ${key}, ${operation}, ${requestHash}, ${actor}) AS stored`),
    ) as [{ stored: StoredResponse | string | null }];
  } catch (error) {
    throw refusalFromDatabase(error);
  }
  if (stored === null || stored === undefined) return null;
  return typeof stored === 'string' ? (JSON.parse(stored) as StoredResponse) : stored;
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
