import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';
import { forgetEnv } from '../env';
import { clientAddress } from '../procedure/client-address';
import { SIGN_IN_LIMITS } from './sign-in-limits';
import { callAuthRoute, createMember, PASSWORD, randomIp } from './test-fixtures';

// The default: no proxy in front of Gantry (GANTRY_TRUST_PROXY unset). sign-in.test.ts runs
// behind one.

describe('the client address', () => {
  const forwarded = (value: string) => new Headers({ 'x-forwarded-for': value });

  it('is not read from X-Forwarded-For without a proxy: a client writes what it likes there', () => {
    expect(clientAddress(forwarded('198.51.100.7'), 0)).toBeNull();
  });

  it('behind n proxies, is the n-th entry from the right; what the client wrote to the left is ignored', () => {
    expect(clientAddress(forwarded('198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(forwarded('6.6.6.6, 198.51.100.7'), 1)).toBe('198.51.100.7');
    expect(clientAddress(forwarded('6.6.6.6, 198.51.100.7, 10.0.0.2'), 2)).toBe('198.51.100.7');
    expect(clientAddress(forwarded('2001:DB8::1'), 1)).toBe('2001:db8::1');
  });

  it('is unknown when the header is missing, too short for the proxies, or not an address', () => {
    expect(clientAddress(new Headers(), 1)).toBeNull();
    expect(clientAddress(forwarded('198.51.100.7'), 2)).toBeNull();
    expect(clientAddress(forwarded('not-an-address'), 1)).toBeNull();
  });
});

describe('signing in without a trusted proxy', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    delete process.env.GANTRY_TRUST_PROXY;
    forgetEnv();
    ({ handle } = await openAttachedDemoDatabase());
    await createMember(handle.db, 'lin@example.com', []);
  });
  afterAll(() => closeAttachedDatabase(handle));

  it(`still stops a client that changes X-Forwarded-For on every attempt, after ${SIGN_IN_LIMITS.email.max} for one email`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= SIGN_IN_LIMITS.email.max; i++) {
      const response = await callAuthRoute('/api/auth/sign-in/email', { email: 'lin@example.com', password: 'a wrong guess' }, { ip: randomIp() });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([...Array(SIGN_IN_LIMITS.email.max).fill(401), 429]);
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'lin@example.com', password: PASSWORD }, { ip: randomIp() })).status).toBe(429);

    // No counter per address: the claimed addresses are not trusted, so not counted either.
    const keys = await query<{ key: string }>(handle.db, `SELECT key FROM rate_limit WHERE key LIKE 'sign-in|%' ORDER BY key`);
    expect(keys).toEqual([{ key: 'sign-in|email|lin@example.com' }]);
    // The audit log keeps what the client claimed, as a claim.
    const [audit] = await query<{ context: Record<string, unknown> }>(handle.db, `SELECT context FROM audit_log WHERE action = 'sign_in_rate_limited'`);
    expect(audit!.context).toMatchObject({ ip: null, forwarded_for: expect.stringMatching(/^10\./), limit: 'email' });
  });
});
