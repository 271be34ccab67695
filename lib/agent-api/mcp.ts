import 'server-only';

import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';

import { resolveCaller, type Caller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { STATUS_OF, type ActionErrorBody } from '../procedure/result';
import type { RouteHandler } from '../procedure/route';
import { MAX_BODY_BYTES } from './limits';
import type { AgentOperation } from './operation';
import { jsonSchemaOf, pathParametersOf } from './openapi';
import { defineV1Route } from './route';

/**
 * The MCP server at `/api/mcp`: Streamable HTTP, stateless (a server per request, JSON answers,
 * no session), with the agent API's operations as tools. A tool call runs its operation through
 * its REST route's handler (the procedure wrapper: authentication, permission, zod validation, the
 * organisation's transaction, audit), with the request's own token; the tool's input schema is
 * the operation's zod input, as JSON Schema.
 */

export const MCP_SERVER_INFO = { name: 'gantry', version: '1.0.0' };

/** The largest JSON-RPC body the server reads (the agent API's limit); larger ones answer 413 before parsing. */
export const MCP_MAX_BODY_BYTES = MAX_BODY_BYTES;

const INSTRUCTIONS =
  'Gantry keeps the plan, the gates and the receipts of software work done by builder agents. A session: ' +
  'list_ready_work → claim_work (gives an attempt and a lease) → send_heartbeat at least every lease TTL/2 → ' +
  'record_evidence (completion needs evidence) → complete_attempt; or hand_off_attempt, block_attempt, fail_attempt. ' +
  'A refusal comes back as a tool error whose text is an RFC 9457 problem with a stable `code`. Every tool that writes takes an ' +
  'optional `idempotencyKey`: retrying with the same key and arguments returns the stored result instead of doing the work twice.';

/** The tools of a list of operations: those with an MCP name, input and output schemas from their zod. */
export function toolsOf(operations: readonly AgentOperation[]): { tool: Tool; operation: AgentOperation }[] {
  return operations
    .filter((operation) => operation.mcpTool)
    .map((operation) => {
      const output = jsonSchemaOf(operation.output, 'output');
      const input = jsonSchemaOf(operation.input, 'input') as Tool['inputSchema'];
      const tool: Tool = {
        name: operation.mcpTool!,
        title: operation.summary,
        description: [operation.summary, operation.description].filter(Boolean).join('\n\n'),
        inputSchema: operation.method === 'POST' ? { ...input, properties: { ...input.properties, [IDEMPOTENCY_ARGUMENT]: IDEMPOTENCY_SCHEMA } } : input,
        // MCP's structured content is an object; an operation that answers a list keeps it in the text.
        ...(output.type === 'object' ? { outputSchema: output as Tool['outputSchema'] } : {}),
        annotations: { readOnlyHint: operation.method === 'GET', openWorldHint: false },
      };
      return { tool, operation };
    });
}

/**
 * The argument of every tool that writes: the HTTP API's `Idempotency-Key`, with the same store and
 * rules (idempotency_keys): the same key with the same arguments gets the stored result without
 * running again; the same key with other arguments is refused (422 idempotency_mismatch).
 */
export const IDEMPOTENCY_ARGUMENT = 'idempotencyKey';
const IDEMPOTENCY_SCHEMA = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  pattern: '^[\\x21-\\x7e]+$',
  description:
    'Optional. A key of your own (a UUID, for example), kept with the result for 24 hours: calling again with the same key and the same arguments ' +
    'returns the stored result without doing the work twice (safe to retry after a timeout); the same key with other arguments is refused ' +
    '(idempotency_mismatch). The same store as the HTTP API’s Idempotency-Key header.',
} as const;

/** Whether a caller's role may call an operation at all (the wrapper checks again on every call). */
function mayCall(caller: Caller, operation: AgentOperation): boolean {
  if (caller.kind !== 'token' && caller.kind !== 'member') return false;
  if (!(operation.access.callers ?? ['member', 'token']).includes(caller.kind)) return false;
  return can(caller.role, operation.access.permission);
}

/**
 * Runs a tool call as the operation's REST route (the handler defineV1Route makes of it): the
 * same wrapper, rate limit, validation, organisation, audit row and problem details, so a tool
 * and its route cannot answer differently. The tool's arguments are the route's input: path
 * parameters, then the query string (GET) or the JSON body (POST).
 */
async function callOperation(
  operation: AgentOperation,
  args: Record<string, unknown>,
  headers: Headers,
): Promise<{ status: number; body: unknown; replayed: boolean }> {
  let handler = handlers.get(operation);
  if (!handler) handlers.set(operation, (handler = defineV1Route(operation)));
  const pathNames = pathParametersOf(operation.path);
  const params = Object.fromEntries(pathNames.map((name) => [name, String(args[name] ?? '')]));
  const rest = Object.fromEntries(Object.entries(args).filter(([name]) => !pathNames.includes(name)));
  const url = new URL(
    operation.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]!)),
    'http://mcp.gantry.internal',
  );
  const forwarded = new Headers({ authorization: headers.get('authorization') ?? '' });
  let body: string | undefined;
  if (operation.method === 'POST' && IDEMPOTENCY_ARGUMENT in rest) {
    // Sent as the route's header (checked there: 1 to 255 visible ASCII characters), not as input.
    const key = rest[IDEMPOTENCY_ARGUMENT];
    delete rest[IDEMPOTENCY_ARGUMENT];
    if (key !== undefined && key !== null) forwarded.set('idempotency-key', typeof key === 'string' ? key : JSON.stringify(key));
  }
  if (operation.method === 'GET') {
    for (const [name, value] of Object.entries(rest)) if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
  } else {
    forwarded.set('content-type', 'application/json');
    body = JSON.stringify(rest);
  }
  const response = await handler(new Request(url, { method: operation.method, headers: forwarded, body }), { params: Promise.resolve(params) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, replayed: response.headers.get('idempotent-replayed') === 'true' };
}

const handlers = new WeakMap<AgentOperation, RouteHandler>();

/** A refusal as the REST routes send it: an RFC 9457 problem, here as the tool error's text. */
export function problemOf(error: ActionErrorBody) {
  return {
    type: `urn:gantry:problem:${error.code}`,
    title: error.code.replaceAll('_', ' '),
    status: STATUS_OF[error.code] ?? 500,
    detail: error.message,
    code: error.code,
    ...(error.fieldErrors ? { errors: error.fieldErrors } : {}),
  };
}

function createServer(operations: readonly AgentOperation[], caller: Caller, headers: Headers): Server {
  const tools = toolsOf(operations);
  const byName = new Map(tools.map((entry) => [entry.tool.name, entry]));
  const server = new Server(MCP_SERVER_INFO, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: tools.filter(({ operation }) => mayCall(caller, operation)).map(({ tool }) => tool),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const entry = byName.get(request.params.name);
    if (!entry) {
      const problem = problemOf({ code: 'not_found', message: `There is no tool “${request.params.name}”; list the tools to see them.` });
      return { isError: true, content: [{ type: 'text', text: JSON.stringify(problem) }] };
    }
    const answer = await callOperation(entry.operation, request.params.arguments ?? {}, headers);
    if (answer.status >= 400) return { isError: true, content: [{ type: 'text', text: JSON.stringify(answer.body) }] };
    const data = (answer.body as { data?: unknown }).data ?? null;
    return {
      content: [{ type: 'text', text: JSON.stringify(data) }],
      ...(entry.tool.outputSchema ? { structuredContent: data as Record<string, unknown> } : {}),
      // A retry under an idempotency key: the stored result, not a second execution.
      ...(answer.replayed ? { _meta: { 'gantry/idempotentReplayed': true } } : {}),
    };
  });
  return server;
}

function refusal(status: number, error: ActionErrorBody, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problemOf(error)), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}

/**
 * Answers one HTTP request to `/api/mcp`. Only a bearer token opens it (a builder's, or a
 * member's personal token): a browser's session cookie does not, so that no other site can
 * drive a signed-in person's MCP session. Without a valid token: 401 and `WWW-Authenticate`.
 */
export async function handleMcpRequest(request: Request, operations: readonly AgentOperation[]): Promise<Response> {
  if (request.method !== 'POST') {
    // Stateless: no server-initiated stream (GET) and no session to end (DELETE).
    return new Response(null, { status: 405, headers: { allow: 'POST', 'cache-control': 'no-store' } });
  }
  const challenge = { 'www-authenticate': 'Bearer realm="gantry"' };
  if (!request.headers.get('authorization')) {
    return refusal(401, { code: 'unauthenticated', message: 'Send a Gantry API token as `Authorization: Bearer <token>`.' }, challenge);
  }
  const caller = await resolveCaller(request.headers);
  if (caller.kind === 'anonymous' || caller.kind === 'account') {
    return refusal(401, { code: 'unauthenticated', message: 'This API token is not valid, or it was revoked.' }, challenge);
  }
  const server = createServer(operations, caller, request.headers);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
    maxRequestBodySize: MCP_MAX_BODY_BYTES,
  });
  try {
    await server.connect(transport);
    return await transport.handleRequest(request);
  } finally {
    await transport.close();
    await server.close();
  }
}
