import { NextResponse, type NextRequest } from 'next/server';

import { problemResponse, problemType } from '@/lib/agent-api/problem';
import { checkActionRequest, isActionRequest } from '@/lib/procedure/action-request';
import { REQUEST_PATH_HEADER } from '@/lib/auth/next-path';

/**
 * Runs before every page request and server action:
 * - a server action's body is checked before Next.js decodes it (lib/procedure/action-request.ts), so
 *   that a malformed, empty or oversized body gets a 400 or 413 rather than a digest with 200;
 * - an address whose percent-encoding is malformed gets a 400, not the router's 500 (a problem
 *   details body on API routes);
 * - pages learn the path the browser asked for, so that a signed-out person sent to sign in comes
 *   back to it afterwards (requireMember).
 */
export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const api = pathname.startsWith('/api/');
  // Next's router answers 500 when it cannot decode a dynamic segment (/bugs/50%zz): refuse it here.
  if (!decodable(pathname)) {
    if (api) return problemResponse({ ...MALFORMED, type: problemType('malformed_path'), status: 400, code: 'malformed_path' });
    return new NextResponse(`Bad request: ${MALFORMED.detail}`, {
      status: 400,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  // API routes check their own bodies and need no return path (defineRoute).
  if (api) return NextResponse.next();
  if (isActionRequest(request)) {
    const refusal = await checkActionRequest(request);
    if (refusal) return refusal;
  }
  const headers = new Headers(request.headers);
  headers.set(REQUEST_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}

const MALFORMED = { title: 'Bad request', detail: 'The address has a malformed percent-encoding.' };

export const config = {
  // Every page, server action and API route; not static files.
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};

function decodable(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
