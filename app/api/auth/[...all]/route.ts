import { getAuth } from '@/lib/auth/auth';

export const dynamic = 'force-dynamic';

/**
 * The auth library's own handler: sign-in (rate-limited), sign-out and the session. One of the
 * two routes outside defineRoute on purpose (the other is /api/health): it is how a visitor
 * becomes a caller in the first place, and the library checks origins and limits rates itself.
 */
async function handle(request: Request): Promise<Response> {
  return (await getAuth()).handler(request);
}

export { handle as GET, handle as POST };
