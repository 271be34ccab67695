import { problemResponse, toProblem } from '@/lib/agent-api/problem';
import type { OrganisationCaller } from '@/lib/auth/identity';
import { markProcedure, runProcedure, type ProcedureSpec } from '@/lib/procedure/procedure';
import { ActionError } from '@/lib/procedure/result';
import { eventsInput, openChangeStream } from '@/lib/live/stream';

export const dynamic = 'force-dynamic';

const spec: ProcedureSpec<{ permission: 'portfolio:read' }, typeof eventsInput, { caller: OrganisationCaller; resumeFrom: number | null; follow: boolean }> = {
  name: 'streamEvents',
  access: { permission: 'portfolio:read' },
  input: eventsInput,
  run: async ({ caller, input }) => ({
    caller,
    resumeFrom: input.lastEventId === undefined ? null : Number(input.lastEventId),
    follow: input.follow !== 'false',
  }),
};

/**
 * The change feed as server-sent events (docs/live.md), for browsers (session cookie) and agents
 * (bearer token): the caller's organisation only, what the caller's role may read, resumable with
 * Last-Event-ID. Authenticated and authorised by the wrapper like every route; the stream itself
 * opens after the wrapper's transaction, and refusals are RFC 9457 problems like the agent API's.
 */
async function handler(request: Request): Promise<Response> {
  const result = await runProcedure(spec, request.headers, async () => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const header = request.headers.get('last-event-id');
    return header !== null && header !== '' ? { ...query, lastEventId: header } : query;
  });
  if (!result.ok) return problemResponse(toProblem(result.error));
  try {
    return await openChangeStream(result.data.caller, result.data.resumeFrom, request.signal, { follow: result.data.follow });
  } catch (error) {
    if (error instanceof ActionError) {
      return problemResponse(toProblem({ code: error.code, message: error.message }), error.code === 'too_many' ? { 'retry-after': '30' } : {});
    }
    console.error('streamEvents failed:', error);
    return problemResponse(toProblem({ code: 'internal', message: 'The live stream could not open; try again in a moment.' }));
  }
}

export const GET = markProcedure(handler, { name: spec.name, access: spec.access, input: spec.input });
