import { isIP } from 'node:net';

import { env } from '../env';

/**
 * The header through which Gantry hands the client address it trusts to the auth library (for
 * the library's own limits and the session's address). Whatever a client sends under this name
 * is dropped first.
 */
export const CLIENT_ADDRESS_HEADER = 'x-gantry-client-address';

/**
 * The client's address, as far as it can be trusted. Without a proxy (GANTRY_TRUST_PROXY=0, the
 * default) X-Forwarded-For is whatever the client wrote, so it is not used: null. Behind n proxies
 * that each append the address they were called from, the n-th entry from the right is the
 * address the outermost proxy saw; entries left of it are the client's own claims.
 */
export function clientAddress(headers: Headers, proxies: number = env().GANTRY_TRUST_PROXY): string | null {
  if (proxies <= 0) return null;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const address = hops[hops.length - proxies];
  return address && isIP(address) ? address.toLowerCase() : null;
}

/** The request's headers with the trusted client address in CLIENT_ADDRESS_HEADER (or none). */
export function withClientAddress(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete(CLIENT_ADDRESS_HEADER);
  const address = clientAddress(headers);
  if (address) copy.set(CLIENT_ADDRESS_HEADER, address);
  return copy;
}

/** What the audit log records of where a request came from. */
export function requestOrigin(headers: Headers | undefined): { ip: string | null; forwarded_for?: string; user_agent: string | null } {
  if (!headers) return { ip: null, user_agent: null };
  const ip = clientAddress(headers);
  const claimed = headers.get('x-forwarded-for');
  return { ip, ...(ip === null && claimed ? { forwarded_for: claimed } : {}), user_agent: headers.get('user-agent') };
}
