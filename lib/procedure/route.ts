import 'server-only';

import type { z } from 'zod';

import { markProcedure, runProcedure, type Access, type ProcedureSpec } from './procedure';
import { readBodyUpTo } from '../validation/body';
import { ActionError, STATUS_OF } from './result';

type RouteContext = { params: Promise<Record<string, string | string[]>> };
export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/**
 * A file a route answers with instead of JSON (a report to download); refusals stay JSON. A large
 * one is a stream, read page by page as the client takes it (lib/csv/write.ts, csvStream).
 */
export class FileDownload {
  constructor(
    readonly filename: string,
    readonly contentType: string,
    readonly body: string | ReadableStream<Uint8Array>,
  ) {}
}

/**
 * The one way to write an API route, with the same steps as defineAction. The input is the
 * route's parameters with the query string (GET) or the JSON body (other methods). The answer is
 * JSON: `{ ok: true, data }` with 200, or `{ ok: false, error }` with the error's status; a
 * procedure that returns a FileDownload answers with that file instead.
 */
export function defineRoute<A extends Access, S extends z.ZodType, R>(spec: ProcedureSpec<A, S, R>): RouteHandler {
  const handler: RouteHandler = async (request, context) => {
    const result = await runProcedure(spec, request.headers, () => readInput(request, context));
    if (result.ok && result.data instanceof FileDownload) {
      const file = result.data;
      return new Response(file.body, {
        status: 200,
        headers: {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
          'cache-control': 'no-store',
        },
      });
    }
    return Response.json(result, {
      status: result.ok ? 200 : STATUS_OF[result.error.code],
      headers: { 'cache-control': 'no-store' },
    });
  };
  return markProcedure(handler, { name: spec.name, access: spec.access, input: spec.input });
}

/** The largest JSON body a route reads, in bytes (docs/governance.md); larger ones get 413. */
export const ROUTE_BODY_LIMIT = 64 * 1024;

/**
 * The body as text: JSON only (an empty body reads as `{}`), at most ROUTE_BODY_LIMIT bytes,
 * counted as it arrives so that a client cannot make the server buffer more.
 */
async function readBody(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  const body = await readBodyUpTo(request, ROUTE_BODY_LIMIT);
  if (body === null) throw tooLarge();
  const size = body.byteLength;
  if (size === 0) return '';
  if (!/^application\/json\s*(;|$)/i.test(type)) throw new ActionError('invalid_input', 'Send the request body as JSON (Content-Type: application/json).');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new ActionError('invalid_input', 'The request body is not valid UTF-8 text.');
  }
}

function tooLarge(): ActionError {
  return new ActionError('too_large', `The request body is larger than Gantry takes (${ROUTE_BODY_LIMIT / 1024} kB).`);
}

async function readInput(request: Request, context: RouteContext): Promise<Record<string, unknown>> {
  const params = (await context?.params) ?? {};
  if (request.method === 'GET' || request.method === 'HEAD') {
    return { ...Object.fromEntries(new URL(request.url).searchParams), ...params };
  }
  const text = await readBody(request);
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ActionError('invalid_input', 'The request body must be a JSON object.');
  }
  return { ...body, ...params };
}
