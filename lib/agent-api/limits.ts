import 'server-only';

import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { getDb } from '../db/client';
import { rowsOf } from '../db/migrations';
import { env } from '../env';
import { AgentProblem } from './problem';

/** The largest request body the agent API reads, in bytes; larger ones answer 413. */
export const MAX_BODY_BYTES = 256 * 1024;

/** The window of the per-token rate limit, in seconds. */
export const RATE_WINDOW_SECONDS = 60;

/**
 * Reads a request's body, refusing one larger than MAX_BODY_BYTES (by its Content-Length when
 * it states one, else by what arrives) before parsing anything.
 */
export async function readLimitedBody(request: Request): Promise<string> {
  const stated = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(stated) && stated > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): AgentProblem {
  return new AgentProblem('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024} KiB, the agent API's limit.`);
}

/**
 * Counts one request of a bearer token against its limit (GANTRY_API_RATE_LIMIT per minute), in
 * one statement on the rate_limit table that every instance shares (the pattern of the sign-in
 * limits): a fixed window that restarts once it has passed. Past the limit: 429 with Retry-After.
 */
export async function consumeTokenRequest(authorization: string | null, now = Date.now()): Promise<void> {
  const token = authorization && /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  if (!token) return;
  const max = env().GANTRY_API_RATE_LIMIT;
  const windowStart = now - RATE_WINDOW_SECONDS * 1000;
  const key = `api|${createHash('sha256').update(token).digest('hex')}`;
  const db = await getDb();
  const [row] = rowsOf<{ count: number; last_request: string | number }>(
    await db.execute(sql`
      INSERT INTO rate_limit (id, key, count, last_request)
      VALUES (gen_random_uuid()::text, ${key}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limit.last_request <= ${windowStart} THEN 1 ELSE rate_limit.count + 1 END,
        last_request = CASE WHEN rate_limit.last_request <= ${windowStart} THEN ${now} ELSE rate_limit.last_request END
      RETURNING count, last_request`),
  );
  if (Number(row!.count) <= max) return;
  const retryAfter = Math.max(1, Math.ceil((Number(row!.last_request) + RATE_WINDOW_SECONDS * 1000 - now) / 1000));
  throw new AgentProblem(
    'rate_limited',
    `This token made more than ${max} requests in ${RATE_WINDOW_SECONDS} s; try again in ${retryAfter} s.`,
    { 'retry-after': String(retryAfter) },
    { retryAfter },
  );
}
