import { getAuth } from '@/lib/auth/auth';
import { withClientAddress } from '@/lib/procedure/client-address';
import { isServedLibraryRequest } from '@/lib/auth/library-routes';

export const dynamic = 'force-dynamic';

/**
 * The auth library's own handler, for sign-in (rate-limited), sign-out and the session only. One
 * of the two routes outside defineRoute on purpose (the other is /api/health): it is how a visitor
 * becomes a caller in the first place, and the library checks origins and limits rates itself
 * (sign-in with Gantry's own limits, lib/auth/sign-in-limits.ts). Every other endpoint of the
 * library would bypass Gantry's rules and answers 404 (lib/auth/library-routes.ts).
 */
async function handle(request: Request): Promise<Response> {
  if (!isServedLibraryRequest(request.method, new URL(request.url).pathname)) {
    return Response.json(
      { ok: false, error: { code: 'not_found', message: 'There is no such endpoint. Gantry serves sign-in, sign-out and the session here.' } },
      { status: 404, headers: { 'cache-control': 'no-store' } },
    );
  }
  return (await getAuth()).handler(new Request(request, { headers: withClientAddress(request.headers) }));
}

export { handle as GET, handle as POST };
