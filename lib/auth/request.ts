import 'server-only';

import { AsyncLocalStorage } from 'node:async_hooks';

import { headers as nextHeaders } from 'next/headers';

const given = new AsyncLocalStorage<Headers>();

/**
 * The headers of the request being served (its cookies and Authorization). Outside a Next.js
 * request (tests, scripts) the caller provides them with `withRequestHeaders`.
 */
export async function requestHeaders(): Promise<Headers> {
  return given.getStore() ?? new Headers(await nextHeaders());
}

export function withRequestHeaders<T>(headers: Headers, run: () => Promise<T>): Promise<T> {
  return given.run(headers, run);
}
