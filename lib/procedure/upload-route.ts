import 'server-only';

import { markProcedure, runProcedure, type Access, type ProcedureSpec } from './procedure';
import { readBodyUpTo } from '../validation/body';
import { ActionError, STATUS_OF } from './result';
import type { RouteHandler } from './route';
import type { z } from 'zod';

/**
 * A file sent as a request's whole body (an import), already limited in size and decoded as
 * UTF-8. Its text is private, so the wrapper's input inspection (which limits every string to
 * INPUT_LIMITS) sees an opaque value; the procedure's own parser checks the contents.
 */
export class UploadedText {
  readonly #text: string;
  constructor(
    text: string,
    readonly contentType: string,
  ) {
    this.#text = text;
  }
  get text(): string {
    return this.#text;
  }
}

/**
 * defineRoute for a POST whose body is a file (CSV or JSON) rather than a JSON object: the same
 * steps (authenticate, authorise, validate, one transaction in the caller's organisation); the
 * input is the query string with `file`, an UploadedText of at most `limit` bytes (larger: 413
 * with a sentence, nothing read further).
 */
export function defineUploadRoute<A extends Access, S extends z.ZodType, R>(spec: ProcedureSpec<A, S, R> & { limit: number; tooLarge: string }): RouteHandler {
  const handler: RouteHandler = async (request) => {
    const result = await runProcedure(spec, request.headers, async () => {
      const query = Object.fromEntries(new URL(request.url).searchParams);
      const body = await readBodyUpTo(request, spec.limit);
      if (body === null) throw new ActionError('too_large', spec.tooLarge);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(body);
      } catch {
        throw new ActionError('invalid_input', 'The file is not UTF-8 text; save it as CSV UTF-8 or JSON.');
      }
      return { ...query, file: new UploadedText(text, request.headers.get('content-type') ?? '') };
    });
    return Response.json(result, { status: result.ok ? 200 : STATUS_OF[result.error.code], headers: { 'cache-control': 'no-store' } });
  };
  return markProcedure(handler, { name: spec.name, access: spec.access, input: spec.input });
}
