import { NextResponse, type NextRequest } from 'next/server';

import { checkActionRequest, isActionRequest } from '@/lib/procedure/action-request';
import { REQUEST_PATH_HEADER } from '@/lib/auth/next-path';

/**
 * Runs before every page request and server action:
 * - a server action's body is checked before Next.js decodes it (lib/procedure/action-request.ts), so
 *   that a malformed, empty or oversized body gets a 400 or 413 rather than a digest with 200;
 * - pages learn the path the browser asked for, so that a signed-out person sent to sign in comes
 *   back to it afterwards (requireMember).
 */
export async function proxy(request: NextRequest) {
  if (isActionRequest(request)) {
    const refusal = await checkActionRequest(request);
    if (refusal) return refusal;
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Not the auth library's route, the API routes (defineRoute checks their bodies), nor static files.
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico).*)'],
};
