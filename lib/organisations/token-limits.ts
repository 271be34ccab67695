import 'server-only';

import { createHash } from 'node:crypto';

import { AgentProblem } from '../agent-api/problem';
import { env } from '../env';

/** The window of the per-token rate limit, in seconds. */
export const RATE_WINDOW_SECONDS = 60;

interface Window {
  count: number;
  /** When the window began, in milliseconds. */
  start: number;
}

// Per token (by its SHA-256), in this server process: counting costs no database round trip, which
// the agent API's busiest calls (heartbeats) cannot afford. Each instance keeps its own count, so
// behind N instances a token may make up to N times the limit (docs/agent-api.md says so).
const state = globalThis as typeof globalThis & { __gantryTokenWindows?: Map<string, Window> };
const windows = (state.__gantryTokenWindows ??= new Map());

/** The SHA-256 of a bearer token in an Authorization header (as api_tokens keeps it); null without one. */
export function bearerTokenHashOf(authorization: string | null): string | null {
  const token = authorization && /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
  return token ? createHash('sha256').update(token).digest('hex') : null;
}

/**
 * Counts one request of a bearer token against its limit (GANTRY_API_RATE_LIMIT per minute): a
 * fixed window that restarts once it has passed. Past the limit: 429 with Retry-After. Called once
 * the token is known to be live, so that made-up tokens leave nothing behind.
 */
export function consumeTokenRequest(authorization: string | null, now = Date.now()): void {
  const tokenHash = bearerTokenHashOf(authorization);
  if (!tokenHash) return;
  countTokenRequest(tokenHash, now);
  const max = env().GANTRY_API_RATE_LIMIT;
  const window = windows.get(tokenHash)!;
  if (window.count <= max) return;
  const retryAfter = Math.max(1, Math.ceil((window.start + RATE_WINDOW_SECONDS * 1000 - now) / 1000));
  throw new AgentProblem(
    'rate_limited',
    `This token made more than ${max} requests in ${RATE_WINDOW_SECONDS} s; try again in ${retryAfter} s.`,
    { 'retry-after': String(retryAfter) },
    { retryAfter },
  );
}

/** Whether a token has used its limit already (its next request would be refused), without counting. */
export function isTokenOverLimit(tokenHash: string, now = Date.now()): boolean {
  const window = windows.get(tokenHash);
  return Boolean(window && window.start > now - RATE_WINDOW_SECONDS * 1000 && window.count >= env().GANTRY_API_RATE_LIMIT);
}

/** Counts a request of a live token (one-call operations count their requests themselves). */
export function countTokenRequest(tokenHash: string, now = Date.now()): void {
  const windowMs = RATE_WINDOW_SECONDS * 1000;
  let window = windows.get(tokenHash);
  if (!window || window.start <= now - windowMs) {
    if (windows.size >= 10_000) forgetPassedWindows(now - windowMs);
    windows.set(tokenHash, (window = { count: 0, start: now }));
  }
  window.count += 1;
}

/** Windows that have passed count nothing any more. */
function forgetPassedWindows(before: number): void {
  for (const [key, window] of windows) if (window.start <= before) windows.delete(key);
}
