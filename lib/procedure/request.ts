import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

import { headers as nextHeaders } from 'next/headers';

import { withClientAddress } from './client-address';

const given = new AsyncLocalStorage<Headers>();

/**
 * The headers of the request being served (its cookies and Authorization). Outside a Next.js
 * request (tests, scripts) the caller provides them with `withRequestHeaders`. The client address
 * the auth library reads is the one Gantry trusts (client-address.ts), never the client's own.
 */
export async function requestHeaders(): Promise<Headers> {
  return given.getStore() ?? withClientAddress(new Headers(await nextHeaders()));
}

export function withRequestHeaders<T>(headers: Headers, run: () => Promise<T>): Promise<T> {
  return given.run(headers, run);
}
