import { NextResponse, type NextRequest } from 'next/server';

import { checkActionRequest, isActionRequest } from '@/lib/procedure/action-request';
import { REQUEST_PATH_HEADER } from '@/lib/auth/next-path';

/**
 * Runs before every page request and server action:
 * - a server action's body is checked before Next.js decodes it (lib/procedure/action-request.ts), so
 *   that a malformed, empty or oversized body gets a 400 or 413 rather than a digest with 200;
 * - an address whose percent-encoding is malformed gets a 400, not the router's 500;
 * - pages learn the path the browser asked for, so that a signed-out person sent to sign in comes
 *   back to it afterwards (requireMember).
 */
export async function proxy(request: NextRequest) {
  // Next's router answers 500 when it cannot decode a dynamic segment (/bugs/50%zz): refuse it here.
  if (!decodable(request.nextUrl.pathname)) {
    return new NextResponse('Bad request: the address has a malformed percent-encoding.', {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
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

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
