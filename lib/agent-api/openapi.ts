import { z } from 'zod';

import { PERMISSIONS } from '../organisations/permissions';
import type { AgentOperation } from './operation';

/**
 * The OpenAPI 3.1 document of the agent API, made from the same operation list (and so the same
 * zod schemas) that the `/api/v1` routes validate with and the MCP tools expose. Nothing here is
 * written by hand per route: a route added to the list is in the document, with its input,
 * output and errors, the moment it exists.
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string }[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: {
    securitySchemes: Record<string, unknown>;
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    parameters: Record<string, unknown>;
  };
}

interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  'x-permission': string;
  'x-mcp-tool'?: string;
}

/** RFC 9457 problem details, as every `/api/v1` error answers (`application/problem+json`). */
export const problemDetailsSchema = z
  .object({
    type: z.string().describe('A URI naming the kind of problem, `urn:gantry:problem:<code>`.'),
    title: z.string().describe('A short summary of the kind of problem.'),
    status: z.number().int().describe('The HTTP status code.'),
    detail: z.string().describe('What went wrong this time, in words: for a refused rule, the database’s own reason.'),
    code: z.string().describe('A stable machine-readable code to branch on, e.g. `already_claimed`, `lease_expired`, `rate_limited`.'),
    errors: z.record(z.string(), z.string()).optional().describe('For invalid input: per field, the first problem with it.'),
  })
  .loose();

/** The HTTP errors every operation may answer, and those only a POST may. */
const ERRORS: Record<string, string> = {
  '400': 'The input is not valid; `errors` names each field.',
  '401': 'No bearer token, or a token that is not valid or was revoked.',
  '403': 'The token’s role may not do this, or the attempt belongs to another builder.',
  '404': 'Nothing of that id in the token’s organisation.',
  '409': 'A rule of the database refused it; `detail` says which, in words.',
  '429': 'Too many requests for this token; wait for `Retry-After` seconds.',
  '500': 'Something failed on Gantry’s side; nothing was changed.',
};
const POST_ERRORS: Record<string, string> = {
  '410': 'The attempt’s lease expired; claim the work again.',
  '413': 'The request body is larger than Gantry accepts.',
  '422': 'This Idempotency-Key was used before with a different body.',
};

/** zod → JSON Schema 2020-12 (OpenAPI 3.1's dialect); dates travel as ISO 8601 strings. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      if ((zodSchema as { _zod: { def: { type: string } } })._zod.def.type === 'date') {
        jsonSchema.type = 'string';
        jsonSchema.format = 'date-time';
      }
    },
  }) as JsonSchema;
  delete json.$schema;
  return json;
}

/** `/api/v1/work/{workId}/claim` → `['workId']`. */
export function pathParametersOf(path: string): string[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}

/** The body of a success: the operation's output under `data`, as the routes answer. */
export function successBodySchema(output: JsonSchema): JsonSchema {
  return { type: 'object', properties: { data: output }, required: ['data'] };
}

export function buildOpenApiDocument(operations: readonly AgentOperation[], { serverUrl = '/', version = '1.0.0' } = {}): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const operation of operations) {
    const method = operation.method.toLowerCase();
    paths[operation.path] ??= {};
    if (paths[operation.path]![method]) throw new Error(`Two operations answer ${operation.method} ${operation.path}`);
    paths[operation.path]![method] = describeOperation(operation);
  }
  paths[EVENTS_PATH] = { get: describeEventStream() };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gantry agent API',
      version,
      description:
        'What a builder agent does in Gantry: read the ready queue, claim work (an attempt with a lease), send heartbeats, ' +
        'record evidence, complete, fail, hand off or block, raise blockers and record check results. Authenticate with ' +
        '`Authorization: Bearer <token>` (a builder token from Settings → API tokens). Every POST takes an `Idempotency-Key`. ' +
        'The same operations are MCP tools at `/api/mcp`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: [...new Set([...operations.map((o) => o.tag), 'Events'])].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'A builder token (`gantry_…`), made in Settings → API tokens.' },
      },
      schemas: { ProblemDetails: jsonSchemaOf(problemDetailsSchema, 'output') },
      responses: Object.fromEntries(
        Object.entries({ ...ERRORS, ...POST_ERRORS }).map(([status, description]) => [
          `Problem${status}`,
          { description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDetails' } } } },
        ]),
      ),
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Makes a retry safe: a repeat with the same key and body within 24 hours answers the stored status and body ' +
            'without doing it again; the same key with another body is refused (422).',
          schema: { type: 'string', minLength: 1, maxLength: 255 },
        },
      },
    },
  };
}

/** The change feed's stream (docs/live.md): not an agent operation, but an /api/v1 route agents use. */
const EVENTS_PATH = '/api/v1/events';

function describeEventStream(): OpenApiOperation {
  return {
    operationId: 'streamEvents',
    summary: 'Follow every change in the organisation as server-sent events',
    description:
      'A `text/event-stream`: `event: ready` with the newest change number, then one `event: change` per committed change that the ' +
      "caller's role may read, `id: <seq>` and `data: {seq, type, id, op}` (type is the table, e.g. roadmap_items, blockers). Resume with " +
      '`Last-Event-ID` (or `lastEventId`): the change log is replayed from there, or `event: reset` says to reload. A comment every 15 s; ' +
      'the stream ends after 15 minutes (reconnect). At most GANTRY_LIVE_STREAMS_PER_CALLER streams per token: more answer 429.',
    tags: ['Events'],
    parameters: [
      { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string', pattern: '^\\d+$', maxLength: 20 } },
      { name: 'lastEventId', in: 'query', required: false, schema: { type: 'string', pattern: '^\\d+$', maxLength: 20 } },
      { name: 'follow', in: 'query', required: false, description: '`false`: replay and end.', schema: { type: 'string', enum: ['true', 'false'] } },
    ],
    responses: {
      '200': { description: 'The stream of changes', content: { 'text/event-stream': { schema: { type: 'string' } } } },
      ...Object.fromEntries(Object.keys(ERRORS).map((code) => [code, { $ref: `#/components/responses/Problem${code}` }])),
    },
    'x-permission': `portfolio:read: ${PERMISSIONS['portfolio:read'].does}`,
  };
}

function describeOperation(operation: AgentOperation): OpenApiOperation {
  const input = jsonSchemaOf(operation.input, 'input');
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const pathNames = pathParametersOf(operation.path);
  for (const name of pathNames) {
    if (!(name in properties)) throw new Error(`${operation.id}: path parameter {${name}} is not in its input schema`);
  }
  const parameters: unknown[] = pathNames.map((name) => ({ name, in: 'path', required: true, schema: properties[name] }));
  let requestBody: unknown;
  const rest = Object.entries(properties).filter(([name]) => !pathNames.includes(name));
  if (operation.method === 'GET') {
    for (const [name, schema] of rest) {
      const { description, ...valueSchema } = schema;
      parameters.push({ name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: valueSchema });
    }
  } else {
    parameters.push({ $ref: '#/components/parameters/IdempotencyKey' });
    const bodyRequired = [...required].filter((name) => !pathNames.includes(name));
    const body: JsonSchema = { ...input, properties: Object.fromEntries(rest) };
    if (bodyRequired.length) body.required = bodyRequired;
    else delete body.required;
    requestBody = { required: bodyRequired.length > 0, content: { 'application/json': { schema: body } } };
  }
  const status = String(operation.successStatus ?? 200);
  const errors = operation.method === 'POST' ? { ...ERRORS, ...POST_ERRORS } : ERRORS;
  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    parameters,
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [status]: {
        description: operation.summary,
        content: { 'application/json': { schema: successBodySchema(jsonSchemaOf(operation.output, 'output')) } },
      },
      ...Object.fromEntries(Object.keys(errors).map((code) => [code, { $ref: `#/components/responses/Problem${code}` }])),
    },
    'x-permission': `${operation.access.permission}: ${PERMISSIONS[operation.access.permission].does}`,
    ...(operation.mcpTool ? { 'x-mcp-tool': operation.mcpTool } : {}),
  };
}
