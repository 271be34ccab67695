import fs from 'node:fs';
import path from 'node:path';

import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { procedureMarkOf } from '../procedure/procedure';
import { createMember, signIn } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';
import { stableUuid } from '../db/seed/helpers';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { buildOpenApiDocument, type OpenApiDocument } from './openapi';
import { agentOperations } from './operations';
import { callApi, closeAgentTestDatabase, openAgentTestDatabase, postLaunchItems, routeFileOf, type ApiAnswer } from './testing';

/**
 * The OpenAPI document tells the truth: every `/api/v1` route and method is in it and every
 * operation in it has its route, and every answer of a whole agent session (successes and
 * refusals) matches the schema the document declares for its status.
 */
const root = process.cwd();
const document: OpenApiDocument = buildOpenApiDocument(agentOperations);
/** The document's own route, outside the operations on purpose. */
const DOCUMENT_ROUTE = 'app/api/v1/openapi.json/route.ts';

function findRoutes(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findRoutes(relative));
    else if (entry.name === 'route.ts') found.push(relative);
  }
  return found.sort();
}

/** app/api/v1/work/[workId]/claim/route.ts → /api/v1/work/{workId}/claim */
const openApiPathOf = (file: string) =>
  `/${path
    .dirname(file)
    .split(path.sep)
    .slice(1)
    .join('/')
    .replace(/\[(\w+)\]/g, '{$1}')}`;

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
const validators = new Map<unknown, ValidateFunction>();
const validatorOf = (schema: object) => {
  if (!validators.has(schema)) validators.set(schema, ajv.compile(schema));
  return validators.get(schema)!;
};

/** Which operation answered, per operation id: the statuses seen. */
const seen = new Map<string, Set<number>>();

/** Checks an answer against the document: its status is declared, and its body matches that status's schema. */
function expectDocumented(method: 'GET' | 'POST', url: string, answer: ApiAnswer) {
  const pathname = new URL(url, 'http://localhost').pathname;
  const entry = Object.entries(document.paths).find(
    ([template, methods]) => methods[method.toLowerCase()] && new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`).test(pathname),
  );
  expect(entry, `${method} ${pathname} is in the document`).toBeDefined();
  const operation = entry![1][method.toLowerCase()]!;
  const declared = operation.responses[String(answer.status)] as { $ref?: string; content?: Record<string, { schema: object }> } | undefined;
  expect(declared, `${operation.operationId} declares status ${answer.status} (${JSON.stringify(answer.body)})`).toBeDefined();
  const response = declared!.$ref
    ? (document.components.responses[declared!.$ref.split('/').pop()!] as { content: Record<string, { schema: { $ref: string } }> })
    : (declared as { content: Record<string, { schema: object }> });
  const [contentType, media] = Object.entries(response.content)[0]!;
  expect(answer.contentType).toContain(contentType);
  const schema =
    '$ref' in media.schema && typeof media.schema.$ref === 'string' ? document.components.schemas[media.schema.$ref.split('/').pop()!]! : media.schema;
  const validate = validatorOf(schema);
  expect(validate(answer.body), `${operation.operationId} ${answer.status}: ${JSON.stringify(validate.errors)}\n${JSON.stringify(answer.body)}`).toBe(true);
  seen.set(operation.operationId, (seen.get(operation.operationId) ?? new Set()).add(answer.status));
}

type Auth = string | Headers;
async function call<T = Record<string, unknown>>(method: 'GET' | 'POST', url: string, auth: Auth, body?: unknown) {
  const answer = await callApi<{ data: T }>(method, url, { auth, body });
  expectDocumented(method, url, answer as ApiAnswer);
  return answer;
}

let handle: DatabaseHandle;
let ui: string;
let api: string;
let manager: Headers;

beforeAll(async () => {
  let org: string;
  ({ handle, org, ui, api } = await openAgentTestDatabase());
  await createMember(handle.db, 'mia@example.com', [[org, 'manager']]);
  await insertItems(handle.db, org, postLaunchItems('OA', 4, 5000, 'Documented work'));
  manager = await signIn('mia@example.com');
});
afterAll(() => closeAgentTestDatabase(handle));

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 with a bearer scheme and RFC 9457 problems', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.components.schemas.ProblemDetails).toMatchObject({ required: expect.arrayContaining(['type', 'title', 'status', 'detail', 'code']) });
    for (const methods of Object.values(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        if (method === 'post') expect(operation.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['400', '401', '403', '404', '429']));
      }
    }
  });

  it('has every /api/v1 route and method, and a route made from its operation for every operation', async () => {
    const routeMethods: string[] = [];
    for (const file of findRoutes('app/api/v1').filter((f) => f !== DOCUMENT_ROUTE)) {
      const exported = (await import(path.join(root, file))) as Record<string, unknown>;
      for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m in exported)) {
        routeMethods.push(`${method} ${openApiPathOf(file)}`);
      }
    }
    const documented = Object.entries(document.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(routeMethods.sort());

    for (const operation of agentOperations) {
      const exported = (await import(path.join(root, routeFileOf(operation.path)))) as Record<string, unknown>;
      expect(procedureMarkOf(exported[operation.method])?.name, `${operation.method} ${operation.path} runs ${operation.id}`).toBe(operation.id);
    }
  });

  it('declares every answer of an agent session: each status, and each body’s schema', async () => {
    await call('GET', '/api/v1/builder', ui);
    await call('POST', '/api/v1/builder/heartbeat', ui, { message: 'Waiting for work' });
    expect((await call('POST', '/api/v1/builder/heartbeat', manager, {})).status).toBe(403);
    const ready = await call<{ items: { id: string }[] }>('GET', '/api/v1/work/ready?limit=2', ui);
    expect(ready.status).toBe(200);
    await call('GET', '/api/v1/work/OA-1', ui);
    const claim = await call<{ id: string }>('POST', '/api/v1/work/OA-1/claim', ui, { ttlSeconds: 120 });
    expect(claim.status).toBe(201);
    const attempt = claim.body.data.id;
    expect((await call('POST', '/api/v1/work/OA-1/claim', api, {})).status).toBe(409);
    await call('POST', `/api/v1/attempts/${attempt}/heartbeat`, ui, { progress: 40, message: 'Writing the code' });
    expect((await call('POST', `/api/v1/attempts/${attempt}/heartbeat`, api, {})).status).toBe(403);
    expect((await call('POST', `/api/v1/attempts/${attempt}/complete`, ui, {})).status).toBe(409);
    await call('POST', `/api/v1/attempts/${attempt}/evidence`, ui, { type: 'build_artifact', content: 'built', title: 'Artifact' });
    await call('POST', `/api/v1/attempts/${attempt}/evidence`, ui, { type: 'reference', uri: 'https://ci.example.com/runs/1', sha256: 'ab'.repeat(32) });
    expect((await call('POST', `/api/v1/attempts/${attempt}/evidence`, ui, { type: 'log', uri: 'file:///etc/passwd' })).status).toBe(400);
    await call('POST', `/api/v1/attempts/${attempt}/complete`, ui, { notes: 'Done' });
    await call('GET', '/api/v1/attempts?state=all&limit=5', ui);

    const second = (await call<{ id: string }>('POST', '/api/v1/work/OA-2/claim', ui, {})).body.data.id;
    await call('POST', `/api/v1/attempts/${second}/fail`, ui, { reason: 'The tests kept failing' });
    const third = (await call<{ id: string }>('POST', '/api/v1/work/OA-2/claim', ui, {})).body.data.id;
    const handed = await call<{ handedOffTo: { attemptId: string } }>('POST', `/api/v1/attempts/${third}/hand-off`, ui, {
      toBuilderId: 'api-builder',
      reason: 'Needs the API builder',
    });
    const fourth = handed.body.data.handedOffTo.attemptId;
    const blocked = await call<{ blockerId: string }>('POST', `/api/v1/attempts/${fourth}/block`, api, { reasonCode: 'missing_info', title: 'Which timeout?' });
    await call('POST', `/api/v1/blockers/${blocked.body.data.blockerId}/resolve`, api, { resolution: 'Answered in the issue', justification: 'waiver' });

    const raised = await call<{ id: string }>('POST', '/api/v1/blockers', api, {
      targetType: 'roadmap_item',
      targetId: 'OA-3',
      kind: 'missing_dependency',
      title: 'Waits on the schema',
    });
    await call('POST', `/api/v1/blockers/${raised.body.data.id}/resolve`, manager, { resolution: 'The schema landed', justification: 'waiver' });
    await call('POST', '/api/v1/releases/motus-v0.2.0/results', ui, { standardId: 'STD-PRD-002', result: 'pass', value: '83' });
    expect((await call('POST', '/api/v1/releases/motus-v0.2.0/deployments', manager, { target: 'pypi', version: '0.2.0' })).status).toBe(409);
    await call('POST', '/api/v1/releases/motus-v0.2.0/deployments', manager, { target: 'docs', version: '0.2.0' });
    // Planning runs (issue 18): reports on the demo's finished run, by a manager.
    const run = stableUuid('planning', 'run:exclusive-lease');
    const assignment = stableUuid('planning', 'assignment:coder');
    await call('GET', '/api/v1/planning/assignments', ui);
    await call('POST', `/api/v1/planning/assignments/${assignment}/executions`, manager, { status: 'completed', summary: 'Documented' });
    await call('POST', `/api/v1/planning/assignments/${assignment}/commits`, manager, { sha: 'feedface12', message: 'docs: documented' });
    await call('POST', `/api/v1/planning/runs/${run}/checks`, manager, { checkType: 'e2e', status: 'passed' });
    await call('POST', `/api/v1/planning/runs/${run}/pull-request`, manager, { title: 'Exclusive lease', status: 'open' });
    expect((await call('POST', `/api/v1/planning/runs/${run}/pull-request`, manager, { title: 'Exclusive lease', status: 'not_created' })).status).toBe(409);
    expect((await call('POST', `/api/v1/planning/runs/${run}/checks`, ui, { checkType: 'e2e', status: 'passed' })).status).toBe(403);
    expect((await call('GET', '/api/v1/work/NO-SUCH-ITEM', ui)).status).toBe(404);
    expect((await call('GET', '/api/v1/builder', 'gantry_' + 'x'.repeat(43))).status).toBe(401);

    // Every operation answered at least one success that matched its declared schema.
    const succeeded = agentOperations.filter((op) => [...(seen.get(op.id) ?? [])].some((status) => status < 300)).map((op) => op.id);
    expect(succeeded.sort()).toEqual(agentOperations.map((op) => op.id).sort());
  });

  it('would catch an answer that does not match its schema', () => {
    const claim = document.paths['/api/v1/work/{workId}/claim']!.post!.responses['201'] as { content: { 'application/json': { schema: object } } };
    const validate = validatorOf(claim.content['application/json'].schema);
    expect(validate({ data: { id: 'A-1', workId: 'OA-1', workerId: 'agent:ui-builder', startedAt: 'yesterday', lease: {} } })).toBe(false);
    expect(
      validate({
        data: {
          id: 'A-1',
          workId: 'OA-1',
          workerId: 'agent:ui-builder',
          startedAt: new Date().toISOString(),
          lease: { id: 'L', ttlSeconds: 60, expiresAt: new Date().toISOString() },
          extra: 1,
        },
      }),
    ).toBe(false);
  });
});
