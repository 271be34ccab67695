import 'server-only';

import { createHash } from 'node:crypto';

import { sql } from 'drizzle-orm';

import { AgentProblem } from '../agent-api/problem';
import { getDb } from '../db/client';
import { rowsOf } from '../db/sql';
import { env } from '../env';

/** The window of the per-token rate limit, in seconds. */
export const RATE_WINDOW_SECONDS = 60;

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
