import 'server-only';

import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { createAuthMiddleware, getIP, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { eq } from 'drizzle-orm';

import { env } from '../env';
import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { authAccounts, authSessions, authVerifications, instanceConfig, rateLimits, users } from '../db/schema';
import { recordAuthEvent } from './audit';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';

/** Sign-in attempts per client address and window; the counters live in the rate_limit table. */
export const SIGN_IN_LIMIT = { window: 300, max: 10 } as const;

function buildAuth(db: Database, secret: string) {
  const { GANTRY_URL, PORT } = env();
  const baseURL = GANTRY_URL ?? `http://localhost:${PORT}`;
  return betterAuth({
    appName: 'Gantry',
    baseURL,
    // The same server answers at 127.0.0.1 on a developer's machine.
    trustedOrigins: GANTRY_URL ? [] : [`http://127.0.0.1:${PORT}`],
    secret,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: authSessions, account: authAccounts, verification: authVerifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      // Accounts are made by the first-admin set-up (and, later, by owners), never by strangers.
      disableSignUp: true,
      minPasswordLength: PASSWORD_MIN_LENGTH,
      maxPasswordLength: PASSWORD_MAX_LENGTH,
    },
    session: {
      expiresIn: 60 * 60 * 24 * 7,
      updateAge: 60 * 60 * 24,
      additionalFields: { activeOrganisationId: { type: 'string', required: false, input: false } },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      customRules: { '/sign-in/email': SIGN_IN_LIMIT },
    },
    telemetry: { enabled: false },
    // Failed sign-ins go to the audit log (below); the library's own warnings would repeat them.
    logger: { level: 'error' },
    hooks: {
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = typeof ctx.body?.email === 'string' ? ctx.body.email.trim().toLowerCase() : '';
        const context = {
          ip: ctx.request || ctx.headers ? getIP((ctx.request ?? ctx.headers)!, ctx.context.options) : null,
          user_agent: ctx.headers?.get('user-agent') ?? null,
        };
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          const reason = (returned.body as { code?: string } | undefined)?.code ?? returned.status;
          await recordAuthEvent(db, { action: 'sign_in_failed', actor: `email:${email}`, resourceId: email, context: { ...context, reason } });
        } else if (ctx.context.newSession) {
          const userId = ctx.context.newSession.user.id;
          await recordAuthEvent(db, { action: 'sign_in', actor: `user:${userId}`, resourceId: userId, context });
        }
      }),
    },
    // Sets the session cookie when a server action signs in (the first admin); must stay last.
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof buildAuth>;

/**
 * The secret that signs session cookies: GANTRY_AUTH_SECRET, else the one the database made
 * for itself (migration auth_rules), so that every instance in front of one database agrees.
 */
async function readSecret(db: Database): Promise<string> {
  const configured = env().GANTRY_AUTH_SECRET;
  if (configured) return configured;
  const [row] = await db.select({ value: instanceConfig.value }).from(instanceConfig).where(eq(instanceConfig.key, 'auth_secret'));
  if (!row) throw new Error('instance_config has no auth_secret: run `npm run db:migrate`, or set GANTRY_AUTH_SECRET');
  return row.value;
}

// One auth instance per database (tests attach databases of their own one after another).
const instances = new WeakMap<Database, Promise<Auth>>();

/** The auth library, bound to the server's database. */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  let auth = instances.get(db);
  if (!auth) {
    auth = readSecret(db).then((secret) => buildAuth(db, secret));
    auth.catch(() => instances.delete(db));
    instances.set(db, auth);
  }
  return auth;
}
