import 'server-only';

import { can, ROLES } from '../organisations/permissions';
import { hashApiToken, looksLikeApiToken } from '../organisations/token-format';
import { countTokenRequest, isTokenOverLimit } from '../organisations/token-limits';
import { inspectInput } from '../procedure/procedure';
import { ActionError } from '../procedure/result';
import { idempotencyKeyOf, requestHashOf } from './idempotency';
import { MAX_BODY_BYTES } from './limits';
import type { AgentOperation, OneCallAnswer, OneCallRequest } from './operation';
import { AgentProblem, problemAnswer, toProblem, type PlainAnswer } from './problem';

// The one-call path of an operation with a `oneCall` (the heartbeat), whatever carries the request:
// Next's route (defineV1Route, with a web Request) or the heartbeat fast path of `npm start`
// (lib/agent-api/fast-path.ts, with node:http). Both run this one function, so both answer alike.

/** An HTTP request as the one-call path reads it. */
export interface OneCallHttpRequest {
  method: string;
  /** A request header by its (lower-case) name; null when absent. */
  header(name: string): string | null;
  /** The path parameters (`attemptId`). */
  params: Record<string, unknown>;
  /** The body, up to `limit` bytes; null when it is larger (nothing more is read). */
  body(limit: number): Promise<Uint8Array | null>;
}

/** A body the one-call path has read already: its text, or `tooLarge`; undefined when unread. */
export type PreRead = { text: string } | 'tooLarge' | undefined;

/** How a one-call operation's statement is run: alone (its `oneCall`) or in a batch (the fast path). */
export type OneCallRunner<I = unknown> = (request: OneCallRequest<I>) => Promise<OneCallAnswer>;

export function isPlainAnswer(value: PlainAnswer | PreRead): value is PlainAnswer {
  return typeof value === 'object' && value !== null && 'status' in value;
}

/** A success's JSON text as stored or made, `no-store`. */
export function jsonAnswer(body: string, status: number, headers: Record<string, string> = {}): PlainAnswer {
  return { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers }, body };
}

/** A request body's fields merged with the path parameters; a body that is not a JSON object is refused. */
export function inputOf(text: string, params: Record<string, unknown>): Record<string, unknown> {
  let body: unknown;
  try {
    body = text.trim() ? JSON.parse(text) : {};
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ActionError('invalid_input', 'The request body must be a JSON object.');
  }
  return { ...(body as Record<string, unknown>), ...params };
}

/**
 * The one-call path (see defineV1Route): the answer when the single database call answered, else
 * what it read of the body, for the ordinary path (Next's route), which then says why.
 */
export async function answerInOneCall(
  operation: AgentOperation,
  request: OneCallHttpRequest,
  run: OneCallRunner = operation.oneCall as OneCallRunner,
): Promise<PlainAnswer | PreRead> {
  const token = /^Bearer\s+(\S+)$/i.exec(request.header('authorization')?.trim() ?? '')?.[1];
  if (request.method !== 'POST' || !token || !looksLikeApiToken(token) || !(operation.access.callers ?? ['member', 'token']).includes('token')) {
    return undefined;
  }
  const tokenHash = hashApiToken(token);
  if (isTokenOverLimit(tokenHash)) return undefined;
  const bytes = await request.body(MAX_BODY_BYTES);
  if (bytes === null) return 'tooLarge';
  const text = new TextDecoder().decode(bytes);
  let raw: Record<string, unknown>;
  let idempotencyKey: string | null;
  try {
    raw = inputOf(text, request.params);
    inspectInput(raw);
    idempotencyKey = idempotencyKeyOf({ get: (name: string) => request.header(name) });
  } catch {
    return { text };
  }
  const parsed = operation.input.safeParse(raw);
  if (!parsed.success) return { text };
  const roles = ROLES.filter((role) => can(role, operation.access.permission));
  try {
    const answer = await run({ tokenHash, roles, input: parsed.data, idempotencyKey, requestHash: requestHashOf(operation.id, raw) });
    if ('refused' in answer) return { text };
    countTokenRequest(tokenHash);
    if ('replayed' in answer) return jsonAnswer(answer.replayed.body, answer.replayed.status, { 'idempotent-replayed': 'true' });
    return jsonAnswer(answer.body, operation.successStatus ?? 200);
  } catch (error) {
    if (!(error instanceof ActionError)) {
      console.error(`${operation.id} (one call) failed; answering it the ordinary way:`, error);
      return { text };
    }
    countTokenRequest(tokenHash);
    const problem = error instanceof AgentProblem ? error : undefined;
    return problemAnswer(toProblem({ code: error.code, message: error.message }, problem), problem?.headers ?? {});
  }
}
