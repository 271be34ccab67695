import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { attachDatabase } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';
import { ActionError } from '../procedure/result';
import { createBuilder, createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import { generateApiToken } from '../organisations/token-format';
import { handleMcpRequest, MCP_MAX_BODY_BYTES, toolsOf } from './mcp';
import { defineOperation, type AgentOperation } from './operation';
import { closeAttachedDatabase } from '../db/testing/attached';

/**
 * The MCP server's machinery, with the SDK's own client over Streamable HTTP: it lists the
 * operations as tools with their zod input schemas, runs a call through the procedure wrapper
 * with the caller's token (auth, permission, validation, organisation), and refuses what the
 * REST routes refuse, the same way.
 */
const operations: AgentOperation[] = [
  defineOperation({
    id: 'getOwnBuilder',
    method: 'GET',
    path: '/api/v1/builders/me',
    summary: 'Read the builder this token acts as',
    tag: 'Builders',
    access: { permission: 'portfolio:read' },
    input: z.object({}),
    output: z.object({ builderId: z.string(), organisationId: z.string(), at: z.date() }),
    mcpTool: 'get_own_builder',
    run: async ({ caller }) => ({ builderId: (caller.kind === 'token' && caller.builderId) || 'none', organisationId: caller.organisationId, at: new Date(0) }),
  }),
  defineOperation({
    id: 'noteWork',
    method: 'POST',
    path: '/api/v1/work/{workId}/notes',
    summary: 'Write a note on a work item',
    tag: 'Work',
    access: { permission: 'work:update-assigned' },
    input: z.object({ workId: z.string().min(1), note: z.string().min(1).max(20) }),
    output: z.object({ workId: z.string(), count: z.number() }),
    successStatus: 201,
    mcpTool: 'note_work',
    run: async ({ tx, input }) => {
      if (input.workId === 'taken') throw new ActionError('conflict', 'KERNEL: Work already has active attempt. Use handoff instead of new claim.');
      await query(tx, `INSERT INTO mcp_notes (work_id, note) VALUES ('${input.workId}', '${input.note.replaceAll("'", "''")}')`);
      const [row] = await query<{ count: number }>(tx, `SELECT count(*)::int AS count FROM mcp_notes WHERE work_id = '${input.workId}'`);
      return { workId: input.workId, count: Number(row!.count) };
    },
  }),
  defineOperation({
    id: 'resolveEverything',
    method: 'POST',
    path: '/api/v1/blockers/resolve-all',
    summary: 'A member-only operation',
    tag: 'Blockers',
    access: { permission: 'blockers:resolve' },
    input: z.object({}),
    output: z.object({ resolved: z.number() }),
    mcpTool: 'resolve_everything',
    run: async () => ({ resolved: 0 }),
  }),
  defineOperation({
    id: 'httpOnly',
    method: 'GET',
    path: '/api/v1/only-http',
    summary: 'Not a tool',
    tag: 'Builders',
    access: { permission: 'portfolio:read' },
    input: z.object({}),
    output: z.object({}),
    run: async () => ({}),
  }),
];

let handle: DatabaseHandle;
let builderToken: string;
let ownerCookie: Headers;

const url = new URL('http://localhost/api/mcp');
const inProcessFetch = (input: string | URL | Request, init?: RequestInit) => handleMcpRequest(new Request(input, init), operations);

async function connect(token: string | undefined): Promise<Client> {
  const client = new Client({ name: 'gantry-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(url, {
    fetch: inProcessFetch,
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  return client;
}

beforeAll(async () => {
  handle = await openTestDatabase();
  attachDatabase(handle);
  await query(handle.db, 'CREATE TABLE mcp_notes (work_id text NOT NULL, note text NOT NULL)');
  await query(handle.db, 'GRANT SELECT, INSERT ON mcp_notes TO PUBLIC');
  const org = await createOrganisation(handle.db, 'acme');
  await createBuilder(handle.db, org, 'builder-1');
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  const { token, hash, prefix } = generateApiToken();
  await query(
    handle.db,
    `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by) VALUES ('${org}', 'builder-1', 'mcp test', '${hash}', '${prefix}', '${ownerId}')`,
  );
  builderToken = token;
  ownerCookie = await signIn('owner@example.com');
});
afterAll(() => closeAttachedDatabase(handle));

describe('the MCP server', () => {
  it('makes a tool of each operation that has an MCP name, with its zod input as JSON Schema', () => {
    const tools = toolsOf(operations).map(({ tool }) => tool);
    expect(tools.map((t) => t.name)).toEqual(['get_own_builder', 'note_work', 'resolve_everything']);
    const note = tools.find((t) => t.name === 'note_work')!;
    expect(note.inputSchema).toMatchObject({
      type: 'object',
      properties: { workId: { type: 'string', minLength: 1 }, note: { type: 'string', maxLength: 20 } },
      required: ['workId', 'note'],
    });
    expect(tools.find((t) => t.name === 'get_own_builder')!.outputSchema).toMatchObject({ properties: { at: { type: 'string', format: 'date-time' } } });
  });

  it('lists to a builder token the tools its role may call', async () => {
    const client = await connect(builderToken);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['get_own_builder', 'note_work']);
    expect(client.getServerVersion()?.name).toBe('gantry');
    await client.close();
  });

  it('runs a call as the token’s builder, in its organisation, and answers structured content that matches the output schema', async () => {
    const client = await connect(builderToken);
    await client.listTools();
    const own = await client.callTool({ name: 'get_own_builder', arguments: {} });
    expect(own.isError).toBeFalsy();
    expect(own.structuredContent).toMatchObject({ builderId: 'builder-1', at: '1970-01-01T00:00:00.000Z' });

    const note = await client.callTool({ name: 'note_work', arguments: { workId: 'RI-1', note: 'started' } });
    expect(note.structuredContent).toEqual({ workId: 'RI-1', count: 1 });
    const [row] = await query<{ count: number }>(handle.db, `SELECT count(*)::int AS count FROM mcp_notes`);
    expect(Number(row!.count)).toBe(1);
    await client.close();
  });

  it('refuses invalid input with the wrapper’s field errors, as a tool error, and writes nothing', async () => {
    const client = await connect(builderToken);
    const result = await client.callTool({ name: 'note_work', arguments: { workId: 'RI-2', note: 'x'.repeat(21) } });
    expect(result.isError).toBe(true);
    const problem = JSON.parse((result.content as { text: string }[])[0]!.text);
    expect(problem).toMatchObject({ status: 400, code: 'invalid_input', errors: { note: expect.any(String) } });
    const [row] = await query<{ count: number }>(handle.db, `SELECT count(*)::int AS count FROM mcp_notes WHERE work_id = 'RI-2'`);
    expect(Number(row!.count)).toBe(0);
    await client.close();
  });

  it('gives the database’s reason for a refused rule, and the role’s refusal for a forbidden tool', async () => {
    const client = await connect(builderToken);
    const taken = await client.callTool({ name: 'note_work', arguments: { workId: 'taken', note: 'again' } });
    expect(JSON.parse((taken.content as { text: string }[])[0]!.text)).toMatchObject({
      status: 409,
      code: 'conflict',
      detail: expect.stringContaining('active attempt'),
    });
    const forbidden = await client.callTool({ name: 'resolve_everything', arguments: {} });
    expect(JSON.parse((forbidden.content as { text: string }[])[0]!.text)).toMatchObject({ status: 403, code: 'forbidden' });
    const unknown = await client.callTool({ name: 'http_only', arguments: {} });
    expect(JSON.parse((unknown.content as { text: string }[])[0]!.text)).toMatchObject({ code: 'not_found' });
    await client.close();
  });

  it('refuses a missing, made-up or cookie-only credential with 401 before any MCP message is read', async () => {
    await expect(connect(undefined)).rejects.toThrow(/401/);
    await expect(connect(generateApiToken().token)).rejects.toThrow(/401/);
    const response = await handleMcpRequest(
      new Request(url, {
        method: 'POST',
        headers: { ...Object.fromEntries(ownerCookie), 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: '{}',
      }),
      operations,
    );
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await response.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('answers 405 to GET and DELETE (stateless: no stream, no session) and 413 to an oversized body', async () => {
    const headers = { authorization: `Bearer ${builderToken}` };
    expect((await handleMcpRequest(new Request(url, { method: 'GET', headers }), operations)).status).toBe(405);
    expect((await handleMcpRequest(new Request(url, { method: 'DELETE', headers }), operations)).status).toBe(405);
    const big = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'note_work', arguments: { workId: 'RI-3', note: 'x'.repeat(MCP_MAX_BODY_BYTES) } },
    });
    const response = await handleMcpRequest(
      new Request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: big,
      }),
      operations,
    );
    expect(response.status).toBe(413);
  });
});
