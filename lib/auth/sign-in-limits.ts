import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';

/**
 * Sign-in attempts allowed per window (seconds): per client address (only when the address can
 * be trusted, see lib/procedure/client-address.ts) and per email address, which no client can rotate. A
 * successful sign-in clears its email's count. The windows stay within the auth library's longest
 * (its clean-up of the shared rate_limit table removes rows idle for longer).
 */
export const SIGN_IN_LIMITS = {
  address: { window: 300, max: 10 },
  email: { window: 300, max: 5 },
} as const;

export type SignInLimit = keyof typeof SIGN_IN_LIMITS;

export type LimitOutcome = { allowed: true } | { allowed: false; retryAfter: number; firstRefusal: boolean };

export function limitKey(limit: SignInLimit, value: string): string {
  return `sign-in|${limit}|${value}`;
}

/**
 * Counts one attempt against a limit in one atomic statement on the auth library's rate_limit
 * table (shared by every app instance). As in the library, the window restarts after a pause as
 * long as itself. Past max, the count says only whether this window refused once (max + 1) or
 * more (max + 2), so that the first refusal alone is written to the audit log.
 */
export async function consumeAttempt(db: Database, limit: SignInLimit, value: string, now = Date.now()): Promise<LimitOutcome> {
  const { window, max } = SIGN_IN_LIMITS[limit];
  const windowStart = now - window * 1000;
  const [row] = rowsOf<{ count: number; last_request: string | number }>(
    await db.execute(sql`
      INSERT INTO rate_limit (id, key, count, last_request)
      VALUES (gen_random_uuid()::text, ${limitKey(limit, value)}, 1, ${now})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE
          WHEN rate_limit.last_request <= ${windowStart} THEN 1
          WHEN rate_limit.count <= ${max + 1} THEN rate_limit.count + 1
          ELSE rate_limit.count END,
        last_request = CASE
          WHEN rate_limit.last_request <= ${windowStart} OR rate_limit.count < ${max} THEN ${now}
          ELSE rate_limit.last_request END
      RETURNING count, last_request`),
  );
  const count = Number(row!.count);
  if (count <= max) return { allowed: true };
  const retryAfter = Math.max(1, Math.ceil((Number(row!.last_request) + window * 1000 - now) / 1000));
  return { allowed: false, retryAfter, firstRefusal: count === max + 1 };
}

/** Forgets an email's failed attempts, after it signed in. */
export async function clearAttempts(db: Database, limit: SignInLimit, value: string): Promise<void> {
  await db.execute(sql`DELETE FROM rate_limit WHERE key = ${limitKey(limit, value)}`);
}
