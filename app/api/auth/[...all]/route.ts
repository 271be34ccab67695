import { getAuth } from '@/lib/auth/auth';
import { withClientAddress } from '@/lib/auth/client-address';

export const dynamic = 'force-dynamic';

/**
 * The auth library's own handler: sign-in (rate-limited), sign-out and the session. One of the
 * two routes outside defineRoute on purpose (the other is /api/health): it is how a visitor
 * becomes a caller in the first place, and the library checks origins and limits rates itself
 * (sign-in with Gantry's own limits, lib/auth/sign-in-limits.ts).
 */
async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(new Request(request, { headers: withClientAddress(request.headers) }));
}

export { handle as GET, handle as POST };
