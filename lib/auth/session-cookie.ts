import { createHmac, timingSafeEqual } from 'node:crypto';

import { env } from '../env';

// The session cookie as the auth library (better-auth, lib/auth/auth.ts) writes and checks it, for
// the one request answered before Next.js (the board's move, lib/board/move-fast-path.ts): its name,
// its lifetime, and its signature (`<token>.<base64 HMAC-SHA256 of the token under the secret>`,
// URL-encoded; better-call's signCookieValue and getSignedCookie). session-cookie.test.ts checks the
// name and the signature against the library itself.

/** A session lasts a week and is refreshed (a new expiry and a new cookie) once it is a day old. */
export const SESSION_EXPIRES_IN_S = 60 * 60 * 24 * 7;
export const SESSION_UPDATE_AGE_S = 60 * 60 * 24;

/** Where Gantry is served: the auth library's baseURL. */
export function authBaseUrl(): string {
  const { GANTRY_URL, PORT } = env();
  return GANTRY_URL ?? `http://localhost:${PORT}`;
}

/** The session cookie's name: the library's, with `__Secure-` when Gantry is served over https. */
export function sessionCookieName(baseUrl = authBaseUrl()): string {
  return `${baseUrl.startsWith('https://') ? '__Secure-' : ''}better-auth.session_token`;
}

/** The first value of cookie `name` in a Cookie header, decoded as the library decodes it. */
export function cookieValue(header: string, name: string): string | null {
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"')) value = value.slice(1, -1);
    try {
      return value.includes('%') ? decodeURIComponent(value) : value;
    } catch {
      return value;
    }
  }
  return null;
}

/** The session token of a Cookie header whose signature the secret made; otherwise null. */
export function verifiedSessionToken(header: string | undefined, secret: string, name = sessionCookieName()): string | null {
  if (!header) return null;
  const value = cookieValue(header, name);
  if (!value) return null;
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const token = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const expected = createHmac('sha256', secret).update(token, 'utf8').digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
}
