import path from 'node:path';

import { createMember } from '../auth/test-fixtures';
import { attachDatabase } from '../db/client';
import type { Database, DatabaseHandle } from '../db/connection';
import { seedDemoData } from '../db/seed/demo';
import type { ItemSpec } from '../db/testing/roadmap-fixtures';
import { closeAttachedDatabase } from '../db/testing/attached';
import { query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';
import { generateApiToken } from '../organisations/token-format';
import type { AgentOperation } from './operation';
import { agentOperations } from './operations';

// Calls the agent API's route handlers with Request objects, as an agent's HTTP client would.

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

const routes = new Map<string, Promise<Record<string, Handler>>>();

/** The route file of an operation path: /api/v1/work/{workId}/claim → app/api/v1/work/[workId]/claim/route.ts. */
export function routeFileOf(operationPath: string): string {
  return path.join(
    'app',
    ...operationPath
      .split('/')
      .filter(Boolean)
      .map((s) => s.replace(/^\{(\w+)\}$/, '[$1]')),
    'route.ts',
  );
}

async function handlerFor(method: string, pathname: string): Promise<{ handler: Handler; params: Record<string, string>; operation: AgentOperation }> {
  for (const op of agentOperations) {
    if (op.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${op.path.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const match = pattern.exec(pathname);
    if (!match) continue;
    const file = routeFileOf(op.path);
    if (!routes.has(file)) routes.set(file, import(path.join(process.cwd(), file)) as Promise<Record<string, Handler>>);
    const handler = (await routes.get(file)!)[method]!;
    return { handler, operation: op, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
  }
  throw new Error(`No agent operation answers ${method} ${pathname}`);
}

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  body: T & { data?: unknown; code?: string; detail?: string };
  contentType: string | null;
}

/** One HTTP request to the agent API. `auth` is a bearer token or the headers of a signed-in browser. */
export async function callApi<T = Record<string, unknown>>(
  method: 'GET' | 'POST',
  url: string,
  { auth, body, rawBody, headers = {} }: { auth?: string | Headers; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
): Promise<ApiAnswer<T>> {
  const full = new URL(url, 'http://localhost');
  const { handler, params, operation } = await handlerFor(method, full.pathname);
  const h = new Headers(auth instanceof Headers ? auth : auth ? { authorization: `Bearer ${auth}` } : {});
  for (const [k, v] of Object.entries(headers)) h.set(k, v);
  if (method === 'POST') h.set('content-type', 'application/json');
  const request = new Request(full, { method, headers: h, body: method === 'POST' ? (rawBody ?? JSON.stringify(body ?? {})) : undefined });
  const response = await handler(request, { params: Promise.resolve(params) });
  const text = await response.text();
  // The contract: a success is `{ data }` matching the operation's declared output, with its status.
  if (response.ok) {
    const parsed = JSON.parse(text) as { data?: unknown };
    const checked = operation.output.safeParse(parsed.data);
    if (!checked.success) throw new Error(`${operation.id} answered outside its declared output: ${checked.error.message}\n${text}`);
    if (response.status !== (operation.successStatus ?? 200))
      throw new Error(`${operation.id} answered ${response.status}, not ${operation.successStatus ?? 200}`);
  }
  return { status: response.status, headers: response.headers, contentType: response.headers.get('content-type'), body: text ? JSON.parse(text) : null };
}

/** A live API token of a builder, inserted the way createApiToken stores it. */
export async function insertBuilderToken(db: Database, organisationId: string, builderId: string, createdBy: string): Promise<{ token: string; id: string }> {
  const { token, hash, prefix } = generateApiToken();
  const [row] = await query<{ id: string }>(
    db,
    `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by)
     VALUES ('${organisationId}', '${builderId}', 'test', '${hash}', '${prefix}', '${createdBy}') RETURNING id`,
  );
  return { token, id: row!.id };
}

/** What an agent API test works in (openAgentTestDatabase). */
export interface AgentTestDatabase {
  handle: DatabaseHandle;
  /** The demo organisation. */
  org: string;
  /** Its owner, owner@example.com, who made the tokens. */
  ownerId: string;
  /** The bearer tokens of the demo builders ui-builder and api-builder. */
  ui: string;
  api: string;
}

/**
 * A test file's own database for the agent API: migrated, seeded with the demo organisation and
 * attached as the app's database, with an owner and a token for each of two builders. Close it
 * with closeAgentTestDatabase.
 */
export async function openAgentTestDatabase(): Promise<AgentTestDatabase> {
  const handle = await openTestDatabase();
  attachDatabase(handle);
  const { organisationId: org } = await seedDemoData(handle.db);
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  const ui = (await insertBuilderToken(handle.db, org, 'ui-builder', ownerId)).token;
  const api = (await insertBuilderToken(handle.db, org, 'api-builder', ownerId)).token;
  return { handle, org, ownerId, ui, api };
}

export const closeAgentTestDatabase = closeAttachedDatabase;

/** `count` post-launch roadmap items of the test's own, `${prefix}-1`…, ranked from `firstRank`, titled `${title} 1`…. */
export function postLaunchItems(prefix: string, count: number, firstRank: number, title: string): ItemSpec[] {
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}-${i + 1}`, phase: 'post_launch', rank: firstRank + i, title: `${title} ${i + 1}` }));
}
