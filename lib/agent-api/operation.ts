import type { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Permission, Role } from '../organisations/permissions';
import type { Database } from '../db/connection';
import type { StoredResponse } from './idempotency';

/**
 * One operation of the agent API: the single description from which the REST route
 * (`app/api/v1/**`), the OpenAPI document, and the MCP tool are all made, so the three can
 * never disagree. `input` is what the route parses: its path parameters, merged with the query
 * string (GET) or the JSON body (POST). `output` is the `data` of a success.
 */
export interface AgentOperation<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  /** Stable id, camelCase (`claimWork`): the OpenAPI operationId and the procedure's name. */
  id: string;
  method: 'GET' | 'POST';
  /** OpenAPI-style path with `{param}` placeholders, e.g. `/api/v1/work/{workId}/claim`. */
  path: string;
  summary: string;
  description?: string;
  /** OpenAPI tag, e.g. 'Work', 'Attempts', 'Blockers'. */
  tag: string;
  access: { permission: Permission; callers?: readonly ('member' | 'token')[] };
  input: I;
  output: O;
  /** HTTP status of a success: 200 unless the operation creates something (201). */
  successStatus?: 200 | 201;
  /** The MCP tool's name (snake_case, e.g. `claim_work`); omitted, the operation is HTTP only. */
  mcpTool?: string;
  run: (args: { tx: Database; caller: OrganisationCaller; input: z.output<I> }) => Promise<z.output<O>>;
  /**
   * The operation records its own receipt naming its actor (a heartbeat's row names its builder),
   * so the route writes no audit row of its own for it.
   */
  ownReceipt?: boolean;
  /**
   * The whole request as ONE database call, for a caller with a bearer token (the heartbeat, the
   * API's hottest call): the call checks the token (live, its builder or member live) and that its
   * role is among `roles`, takes the idempotency key, does what `run` does and writes the receipt,
   * all in one statement. The route uses it once the input has passed the operation's schema; any
   * refusal of the token or its role is answered by the ordinary path, which says why.
   */
  oneCall?: (request: OneCallRequest<z.output<I>>) => Promise<OneCallAnswer>;
}

export interface OneCallRequest<I> {
  /** The bearer token's SHA-256, as api_tokens keeps it. */
  tokenHash: string;
  /** The roles the operation's permission allows. */
  roles: readonly Role[];
  input: I;
  idempotencyKey: string | null;
  requestHash: string;
}

export type OneCallAnswer = { refused: 'unauthenticated' | 'forbidden' } | { replayed: StoredResponse } | { body: string };

/** Keeps an operation's input and output types tied to its schemas. */
export function defineOperation<I extends z.ZodType, O extends z.ZodType>(operation: AgentOperation<I, O>): AgentOperation<I, O> {
  return operation;
}
