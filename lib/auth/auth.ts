import 'server-only';

import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { eq } from 'drizzle-orm';

import { env } from '../env';
import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { authAccounts, authSessions, authVerifications, instanceConfig, rateLimits, users } from '../db/schema';
import { recordAuthEvent } from './audit';
import { CLIENT_ADDRESS_HEADER, clientAddress, requestOrigin } from '../procedure/client-address';
import { DISABLED_LIBRARY_PATHS } from './library-routes';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password-rules';
import { authBaseUrl, SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S } from './session-cookie';
import { clearAttempts, consumeAttempt, SIGN_IN_LIMITS, type SignInLimit } from './sign-in-limits';

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const emailOf = (ctx: HookContext) => (typeof ctx.body?.email === 'string' ? ctx.body.email.trim().toLowerCase() : '');

/**
 * Sign-in limits (sign-in-limits.ts), before the password is checked: per trusted client address,
 * then per email address. The first refused attempt of a window is written to the audit log.
 */
async function limitSignIn(db: Database, ctx: HookContext): Promise<void> {
  const email = emailOf(ctx);
  const address = ctx.headers ? clientAddress(ctx.headers) : null;
  const checks: [SignInLimit, string][] = [];
  if (address) checks.push(['address', address]);
  if (email) checks.push(['email', email]);
  for (const [limit, value] of checks) {
    const outcome = await consumeAttempt(db, limit, value);
    if (outcome.allowed) continue;
    if (outcome.firstRefusal) {
      await recordAuthEvent(db, {
        action: 'sign_in_rate_limited',
        actor: `email:${email}`,
        resourceId: email,
        context: { ...requestOrigin(ctx.headers), limit, ...SIGN_IN_LIMITS[limit], retry_after: outcome.retryAfter },
      });
    }
    throw new APIError(
      'TOO_MANY_REQUESTS',
      { code: limit === 'email' ? 'TOO_MANY_ATTEMPTS_FOR_EMAIL' : 'TOO_MANY_ATTEMPTS_FROM_ADDRESS', message: 'Too many sign-in attempts. Try again later.' },
      { 'X-Retry-After': String(outcome.retryAfter) },
    );
  }
}

/** Sign-out, written before the library deletes the session (its deletion cannot fail the request). */
async function recordSignOut(db: Database, ctx: HookContext): Promise<void> {
  const token = await ctx.getSignedCookie(ctx.context.authCookies.sessionToken.name, ctx.context.secret);
  const found = token ? await ctx.context.internalAdapter.findSession(token) : null;
  if (!found) return;
  const userId = found.user.id;
  await recordAuthEvent(db, {
    action: 'sign_out',
    actor: `user:${userId}`,
    resourceId: userId,
    context: { ...requestOrigin(ctx.headers), session_id: found.session.id },
  });
}

function buildAuth(db: Database, secret: string) {
  const { GANTRY_URL, PORT } = env();
  const baseURL = authBaseUrl();
  return betterAuth({
    appName: 'Gantry',
    baseURL,
    // The same server answers at 127.0.0.1 on a developer's machine.
    trustedOrigins: GANTRY_URL ? [] : [`http://127.0.0.1:${PORT}`],
    secret,
    // Endpoints that would bypass Gantry's rules answer 404 (the auth route also serves only the
    // allowed ones, lib/auth/library-routes.ts); server code still calls auth.api directly.
    disabledPaths: DISABLED_LIBRARY_PATHS,
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
      expiresIn: SESSION_EXPIRES_IN_S,
      updateAge: SESSION_UPDATE_AGE_S,
      additionalFields: { activeOrganisationId: { type: 'string', required: false, input: false } },
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 100,
      // Sign-in has limits of Gantry's own, per address and per email (limitSignIn).
      customRules: { '/sign-in/email': false },
    },
    advanced: {
      // The address Gantry trusts (lib/procedure/client-address.ts), set by the auth route; none without a proxy.
      ipAddress: env().GANTRY_TRUST_PROXY > 0 ? { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } : { disableIpTracking: true },
    },
    telemetry: { enabled: false },
    // Failed sign-ins go to the audit log (below); the library's own warnings would repeat them.
    logger: { level: 'error' },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === '/sign-in/email') await limitSignIn(db, ctx);
        else if (ctx.path === '/sign-out') await recordSignOut(db, ctx);
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const email = emailOf(ctx);
        const context = requestOrigin(ctx.headers);
        const returned = ctx.context.returned;
        if (isAPIError(returned)) {
          const reason = (returned.body as { code?: string } | undefined)?.code ?? returned.status;
          await recordAuthEvent(db, { action: 'sign_in_failed', actor: `email:${email}`, resourceId: email, context: { ...context, reason } });
        } else if (ctx.context.newSession) {
          const userId = ctx.context.newSession.user.id;
          await clearAttempts(db, 'email', email);
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
