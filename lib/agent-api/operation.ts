import type { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Permission } from '../organisations/permissions';
import type { Database } from '../db/connection';

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
}

/** Keeps an operation's input and output types tied to its schemas. */
export function defineOperation<I extends z.ZodType, O extends z.ZodType>(operation: AgentOperation<I, O>): AgentOperation<I, O> {
  return operation;
}
