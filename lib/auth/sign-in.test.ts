import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createFirstAdmin } from '@/app/(auth)/setup/actions';

import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';
import { forgetEnv } from '../env';
import { firstAdminInput, hasAnyAccount } from './first-admin';
import { resolveCaller } from './identity';
import { withRequestHeaders } from '../procedure/request';
import { SIGN_IN_LIMITS } from './sign-in-limits';
import { callAuthRoute, cookieOf, createMember, fingerprintDatabase, PASSWORD, randomIp, signIn } from './test-fixtures';

let handle: DatabaseHandle;
let adminId: string;

beforeAll(async () => {
  // Behind one proxy that appends the client's address to X-Forwarded-For (sign-in-limits.test.ts
  // covers the default, no proxy).
  process.env.GANTRY_TRUST_PROXY = '1';
  forgetEnv();
  ({ handle } = await openAttachedDemoDatabase());
});
afterAll(async () => {
  delete process.env.GANTRY_TRUST_PROXY;
  forgetEnv();
  await closeAttachedDatabase(handle);
});

const auditRows = (where: string) =>
  query<{ event_type: string; action: string; actor: string; resource_id: string; organisation_id: string | null; context: Record<string, unknown> | null }>(
    handle.db,
    `SELECT event_type, action, actor, resource_id, organisation_id, context FROM audit_log WHERE ${where} ORDER BY id`,
  );

describe('the first admin', () => {
  it('is created by the first visitor as owner of the demo organisation, with a hashed password, and signed in', async () => {
    expect(await hasAnyAccount()).toBe(false);
    const result = await withRequestHeaders(new Headers({ 'x-forwarded-for': randomIp() }), () =>
      createFirstAdmin({ name: 'Ada Lovelace', email: ' Ada@Example.com ', password: PASSWORD }),
    );
    expect(result).toEqual({ ok: true, data: { organisationName: 'Motus Labs (demo)' } });

    const [member] = await query<{ id: string; email: string; role: string; slug: string; password: string }>(
      handle.db,
      `SELECT u.id, u.email, m.role, o.slug, a.password FROM "user" u
       JOIN memberships m ON m.user_id = u.id JOIN organisations o ON o.id = m.organisation_id
       JOIN account a ON a.user_id = u.id AND a.provider_id = 'credential'`,
    );
    expect(member).toMatchObject({ email: 'ada@example.com', role: 'owner', slug: 'demo' });
    expect(member!.password).not.toContain(PASSWORD);
    adminId = member!.id;

    expect(await auditRows(`event_type IN ('membership', 'auth')`)).toMatchObject([
      { event_type: 'membership', action: 'create', actor: `user:${adminId}`, resource_id: adminId },
      { event_type: 'auth', action: 'sign_in', actor: `user:${adminId}`, organisation_id: null },
    ]);
  });

  it('is refused once an account exists, and nothing changes', async () => {
    const before = await fingerprintDatabase(handle.db);
    const result = await withRequestHeaders(new Headers(), () =>
      createFirstAdmin({ name: 'Mallory', email: 'mallory@example.com', password: 'another long password' }),
    );
    expect(result).toEqual({ ok: false, error: { code: 'setup_done', message: 'Gantry already has an admin account: sign in instead.' } });
    expect(await fingerprintDatabase(handle.db)).toEqual(before);
  });

  it('asks for a password of at least twelve characters that is not the email address', () => {
    const problems = (password: string) => {
      const parsed = firstAdminInput.safeParse({ name: 'Ada', email: 'ada@example.com', password });
      return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(problems('too short')).toEqual(['password: Use at least 12 characters']);
    expect(problems('ada@example.com')).toEqual(['password: Choose a password that is not your email address']);
    expect(problems(' padded passphrase ')).toEqual(['password: Leave no spaces at the start or end']);
    expect(problems(PASSWORD)).toEqual([]);
  });
});

describe('signing in through the auth route', () => {
  it('sets an HttpOnly, SameSite session cookie for a session stored in the database', async () => {
    const response = await callAuthRoute('/api/auth/sign-in/email', { email: 'ada@example.com', password: PASSWORD });
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((line) => line.includes('session_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);

    const caller = await resolveCaller(new Headers({ cookie: cookieOf(response) }));
    expect(caller).toMatchObject({ kind: 'member', userId: adminId, role: 'owner', organisations: [{ slug: 'demo', role: 'owner' }] });
    const sessions = await query<{ n: number }>(handle.db, `SELECT count(*)::int AS n FROM session WHERE user_id = '${adminId}'`);
    expect(sessions[0]!.n).toBeGreaterThanOrEqual(2);
  });

  it('refuses a wrong password or an unknown email alike, and records each failure', async () => {
    for (const email of ['ada@example.com', 'nobody@example.com']) {
      const response = await callAuthRoute('/api/auth/sign-in/email', { email, password: 'not the password at all' });
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ code: 'INVALID_EMAIL_OR_PASSWORD' });
    }
    expect(await auditRows(`action = 'sign_in_failed'`)).toMatchObject([
      { actor: 'email:ada@example.com', resource_id: 'ada@example.com', context: { reason: 'INVALID_EMAIL_OR_PASSWORD' } },
      { actor: 'email:nobody@example.com' },
    ]);
  });

  it(`limits sign-in attempts to ${SIGN_IN_LIMITS.address.max} per address and window, and records the first refusal`, async () => {
    const ip = randomIp();
    const { max } = SIGN_IN_LIMITS.address;
    const statuses: number[] = [];
    // Other addresses each time, so that the per-email limit does not come first.
    for (let i = 0; i <= max + 1; i++) {
      const response = await callAuthRoute(
        '/api/auth/sign-in/email',
        { email: `guess${i}@example.com`, password: 'wrong guess' },
        { ip: `203.0.113.9, ${ip}` },
      );
      statuses.push(response.status);
      if (response.status === 429) {
        expect(Number(response.headers.get('x-retry-after'))).toBeGreaterThan(0);
        expect(await response.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS_FROM_ADDRESS' });
      }
    }
    expect(statuses).toEqual([...Array(max).fill(401), 429, 429]);
    const counters = await query<{ count: number }>(handle.db, `SELECT count FROM rate_limit WHERE key = 'sign-in|address|${ip}'`);
    expect(counters).toEqual([{ count: max + 2 }]);
    // Both refusals answered 429; the audit log has the first, once, with the address it trusted.
    expect(await auditRows(`action = 'sign_in_rate_limited'`)).toMatchObject([
      { event_type: 'auth', organisation_id: null, actor: `email:guess${max}@example.com`, context: { ip, limit: 'address', max, window: 300 } },
    ]);

    // Another address is not held back, and the right password still works from it.
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'ada@example.com', password: PASSWORD })).status).toBe(200);
  });

  it(`limits attempts for one email address to ${SIGN_IN_LIMITS.email.max}, whatever address they come from`, async () => {
    await createMember(handle.db, 'grace@example.com', []);
    const { max } = SIGN_IN_LIMITS.email;
    const attempt = (password: string) => callAuthRoute('/api/auth/sign-in/email', { email: 'Grace@Example.com', password }, { ip: randomIp() });

    // A successful sign-in forgets the failures before it.
    for (let i = 0; i < max - 1; i++) expect((await attempt('wrong guess')).status).toBe(401);
    expect((await attempt(PASSWORD)).status).toBe(200);

    for (let i = 0; i < max; i++) expect((await attempt('wrong guess')).status).toBe(401);
    const refused = await attempt(PASSWORD);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ code: 'TOO_MANY_ATTEMPTS_FOR_EMAIL' });
    expect((await attempt(PASSWORD)).status).toBe(429);
    expect(await auditRows(`action = 'sign_in_rate_limited' AND resource_id = 'grace@example.com'`)).toMatchObject([
      { actor: 'email:grace@example.com', context: { limit: 'email', max } },
    ]);
    // Other people still sign in.
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'ada@example.com', password: PASSWORD })).status).toBe(200);
  });

  it('signs out: the session row goes, and the cookie names nobody any more', async () => {
    const headers = await signIn('ada@example.com');
    const cookie = headers.get('cookie')!;
    expect((await resolveCaller(headers)).kind).toBe('member');
    const response = await callAuthRoute('/api/auth/sign-out', {}, { cookie, ip: '198.51.100.7' });
    expect(response.status).toBe(200);
    expect(await resolveCaller(new Headers({ cookie }))).toEqual({ kind: 'anonymous' });
    expect(await auditRows(`action = 'sign_out'`)).toMatchObject([
      { event_type: 'auth', organisation_id: null, actor: `user:${adminId}`, resource_id: adminId, context: { ip: '198.51.100.7' } },
    ]);
    // Signing out without a session writes nothing.
    expect((await callAuthRoute('/api/auth/sign-out', {}, { cookie })).status).toBe(200);
    expect(await auditRows(`action = 'sign_out'`)).toHaveLength(1);
  });
});
