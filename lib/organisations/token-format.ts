import { createHash, randomBytes } from 'node:crypto';

/** API tokens look like `gantry_` and 43 base64url characters (256 random bits). */
const TOKEN_PREFIX = 'gantry_';
const TOKEN_PATTERN = /^gantry_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) };
}

/** SHA-256 of the token, hex: what the database keeps instead of the token. */
export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** One-time link tokens (invitations, password resets): 43 base64url characters, 256 random bits. */
const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashApiToken(token) };
}

export function looksLikeLinkToken(value: unknown): value is string {
  return typeof value === 'string' && LINK_TOKEN_PATTERN.test(value);
}
