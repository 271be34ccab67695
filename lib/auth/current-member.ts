import 'server-only';

import { redirect } from 'next/navigation';
import { cache } from 'react';

import { hasAnyAccount } from './first-admin';
import { resolveCaller, type Caller, type MemberCaller } from './identity';
import { REQUEST_PATH_HEADER, safeNextPath } from './next-path';
import { requestHeaders } from '../procedure/request';

/** Who is asking for this page; resolved once per request however many components ask. */
export const getCurrentCaller = cache(async (): Promise<Caller> => resolveCaller(await requestHeaders()));

/**
 * The signed-in member a page is for. Anyone else is sent to sign in, or, on a fresh instance
 * with no account yet, to create the first admin. (Pages only read; actions check for themselves.)
 */
export async function requireMember(): Promise<MemberCaller> {
  const caller = await getCurrentCaller();
  if (caller.kind === 'member') return caller;
  if (caller.kind === 'account') redirect('/sign-in?reason=no-organisation');
  if (!(await hasAnyAccount())) redirect('/setup');
  // Back to the page they asked for once signed in (set by proxy.ts; checked again by the sign-in page).
  const asked = safeNextPath((await requestHeaders()).get(REQUEST_PATH_HEADER));
  redirect(asked === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(asked)}`);
}
