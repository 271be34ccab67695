import { createHmac } from 'node:crypto';

import { getCookies } from 'better-auth/cookies';
import { describe, expect, it } from 'vitest';

import { sessionCookieName, verifiedSessionToken } from './session-cookie';

// The board's move front checks the session cookie itself (lib/board/move-fast-path.ts): its name
// and signature must be the auth library's. A real signed-in cookie is checked in
// lib/board/move-fast-path.test.ts; here the name over http and https, and what is refused.

describe('the session cookie', () => {
  it('has the auth library’s name, with __Secure- over https', () => {
    for (const baseURL of ['http://localhost:3000', 'https://gantry.example.com']) {
      expect(sessionCookieName(baseURL)).toBe(getCookies({ baseURL }).sessionToken.name);
    }
  });

  it('gives the token of a cookie the secret signed, and nothing for another secret, a changed token or a missing cookie', () => {
    const name = 'better-auth.session_token';
    const signed = (token: string, secret: string) => `${token}.${createHmac('sha256', secret).update(token).digest('base64')}`;
    const header = (value: string) => `theme=dark; ${name}=${encodeURIComponent(value)}; other=1`;
    expect(verifiedSessionToken(header(signed('abc123', 's3cret')), 's3cret', name)).toBe('abc123');
    expect(verifiedSessionToken(header(signed('abc123', 'other')), 's3cret', name)).toBeNull();
    expect(verifiedSessionToken(header(signed('abc123', 's3cret').replace('abc123', 'abc124')), 's3cret', name)).toBeNull();
    expect(verifiedSessionToken(header('abc123'), 's3cret', name)).toBeNull();
    expect(verifiedSessionToken('theme=dark', 's3cret', name)).toBeNull();
    expect(verifiedSessionToken(undefined, 's3cret', name)).toBeNull();
  });
});
