import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../db/connection';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { query } from '../db/testing/sql';
import { jsonSchemaOf } from './openapi';
import { agentOperations } from './operations';
import { closeAgentTestDatabase, openAgentTestDatabase, postLaunchItems } from './testing';

/**
 * Contract tests of every MCP tool of the agent API, through the route at /api/mcp with the SDK's
 * own client: what a tool takes (the operation's zod input), what it answers (structured content
 * matching its output schema), that it writes what the REST route writes, and that it refuses
 * what the REST route refuses, with the same problem.
 */
let handle: DatabaseHandle;
let org: string;
let ui: string;
let api: string;

const sql = <T = Record<string, unknown>>(text: string) => query<T>(handle.db, text);
const ajv = new Ajv2020({ strict: false });
addFormats.default(ajv);

async function connect(token: string): Promise<Client> {
  const { POST } = (await import('../../app/api/mcp/route')) as { POST: (request: Request) => Promise<Response> };
  const client = new Client({ name: 'gantry-contract-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://localhost/api/mcp'), {
      fetch: (input, init) => POST(new Request(input, init)),
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const tools = new Map<string, Tool>();

/** Calls a tool, expects success, checks the answer against the tool's output schema, returns it. */
async function ok<T = Record<string, unknown>>(client: Client, name: string, args: Record<string, unknown>): Promise<T> {
  const result = await client.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text: string }[])[0]!.text;
  expect(result.isError, `${name}: ${text}`).toBeFalsy();
  const data = JSON.parse(text) as T;
  const schema = tools.get(name)?.outputSchema;
  if (schema) {
    expect(result.structuredContent).toEqual(data);
    const validate = ajv.compile(schema);
    expect(validate(data), `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
  }
  return data;
}

async function refused(client: Client, name: string, args: Record<string, unknown>) {
  const result = await client.callTool({ name, arguments: args });
  expect(result.isError, name).toBe(true);
  return JSON.parse((result.content as { text: string }[])[0]!.text) as { status: number; code: string; detail: string; errors?: Record<string, string> };
}

beforeAll(async () => {
  ({ handle, org, ui, api } = await openAgentTestDatabase());
  await insertItems(handle.db, org, postLaunchItems('MC', 6, 7000, 'Tool work'));
});
afterAll(() => closeAgentTestDatabase(handle));

describe('the MCP tools of the agent API', () => {
  it('lists the operations as tools, with the input schemas of their zod definitions', async () => {
    const client = await connect(ui);
    const listed = (await client.listTools()).tools;
    for (const tool of listed) tools.set(tool.name, tool);
    expect(listed.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'list_ready_work',
        'claim_work',
        'heartbeat',
        'record_evidence',
        'complete_attempt',
        'hand_off_attempt',
        'block_attempt',
        'raise_blocker',
        'record_check_result',
        'get_work_item',
      ]),
    );
    for (const tool of listed) {
      const operation = agentOperations.find((op) => op.mcpTool === tool.name)!;
      const input = jsonSchemaOf(operation.input, 'input') as { properties?: Record<string, unknown> };
      if (operation.method === 'GET') expect(tool.inputSchema).toEqual(input);
      else {
        // A tool that writes takes an idempotency key too, documented in its schema.
        expect(tool.inputSchema).toEqual({
          ...input,
          properties: { ...input.properties, idempotencyKey: expect.objectContaining({ type: 'string', maxLength: 255 }) },
        });
        expect((tool.inputSchema.properties!.idempotencyKey as { description: string }).description).toMatch(/same key and the same arguments/);
      }
    }
    // A builder may not deploy: the tool is not offered to it.
    expect(listed.map((t) => t.name)).not.toContain('request_deployment');
    await client.close();
  });

  it('runs a whole session: ready work, claim, heartbeat, evidence, complete', async () => {
    const client = await connect(ui);
    const idle = await ok<{ builderId: string; status: string }>(client, 'builder_heartbeat', { message: 'Looking for work' });
    expect(idle).toMatchObject({ builderId: 'ui-builder', status: 'idle' });
    const ready = await ok<{ items: { id: string }[] }>(client, 'list_ready_work', { limit: 50 });
    expect(ready.items.map((i) => i.id)).toContain('MC-1');
    const item = await ok<{ id: string; claimable: boolean }>(client, 'get_work_item', { workId: 'MC-1' });
    expect(item).toMatchObject({ id: 'MC-1', claimable: true });
    const claim = await ok<{ id: string; lease: { ttlSeconds: number } }>(client, 'claim_work', { workId: 'MC-1', ttlSeconds: 120 });
    expect(claim.lease.ttlSeconds).toBe(120);
    const beat = await ok<{ progress: number }>(client, 'heartbeat', { attemptId: claim.id, progress: 50, message: 'Halfway' });
    expect(beat.progress).toBe(50);
    const evidence = await ok<{ sha256: string; hashOf: string }>(client, 'record_evidence', { attemptId: claim.id, type: 'build_artifact', content: 'hello' });
    expect(evidence).toMatchObject({ hashOf: 'content', sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824' });
    await ok(client, 'complete_attempt', { attemptId: claim.id, notes: 'Done through MCP' });
    const [row] = await sql<{ outcome: string; worker_id: string }>(
      `SELECT outcome, worker_id FROM attempts WHERE organisation_id = '${org}' AND id = '${claim.id}'`,
    );
    expect(row).toEqual({ outcome: 'completed', worker_id: 'agent:ui-builder' });
    const [beats] = await sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM heartbeats WHERE organisation_id = '${org}' AND builder_id = 'ui-builder' AND message = 'Halfway'`,
    );
    expect(Number(beats!.count)).toBe(1);
    // Every write is audited with its actor, as through REST (the evidence and the completion; the
    // heartbeat's receipt is its heartbeat row, counted above).
    const audits = await sql<{ action: string; actor: string }>(
      `SELECT action, actor FROM audit_log WHERE organisation_id = '${org}' AND event_type = 'agent_api' AND resource_id = '${claim.id}' ORDER BY action`,
    );
    expect(audits).toEqual([
      { action: 'completeAttempt', actor: 'agent:ui-builder' },
      { action: 'recordEvidence', actor: 'agent:ui-builder' },
    ]);
    await client.close();
  });

  it('hands off, blocks, raises a blocker and records a check result', async () => {
    const client = await connect(ui);
    const claim = await ok<{ id: string }>(client, 'claim_work', { workId: 'MC-2' });
    const handed = await ok<{ handedOffTo: { attemptId: string; workerId: string } }>(client, 'hand_off_attempt', {
      attemptId: claim.id,
      toBuilderId: 'api-builder',
      reason: 'Needs the API builder',
    });
    expect(handed.handedOffTo.workerId).toBe('agent:api-builder');
    const other = await connect(api);
    await other.listTools().then(({ tools: listed }) => listed.forEach((t) => tools.set(t.name, t)));
    const blocked = await ok<{ blockerId: string }>(other, 'block_attempt', {
      attemptId: handed.handedOffTo.attemptId,
      reasonCode: 'missing_info',
      title: 'Which timeout?',
    });
    expect(blocked.blockerId).toBeTruthy();
    const raised = await ok<{ id: string }>(client, 'raise_blocker', {
      targetType: 'roadmap_item',
      targetId: 'MC-3',
      kind: 'missing_dependency',
      title: 'Waits on the schema',
    });
    const [blocker] = await sql<{ created_by: string }>(`SELECT created_by FROM blockers WHERE organisation_id = '${org}' AND id = '${raised.id}'`);
    expect(blocker!.created_by).toContain('ui-builder');
    const result = await ok<{ result: string }>(client, 'record_check_result', {
      releaseId: 'motus-v0.2.0',
      standardId: 'STD-PRD-002',
      result: 'pass',
      value: '83',
    });
    expect(result.result).toBe('pass');
    await client.close();
    await other.close();
  });

  it('takes an idempotency key on every tool that writes: the same key and arguments get the stored result, other arguments are refused', async () => {
    const client = await connect(ui);
    const key = 'mcp-claim-MC-5';
    const first = await client.callTool({ name: 'claim_work', arguments: { workId: 'MC-5', ttlSeconds: 90, idempotencyKey: key } });
    expect(first.isError, JSON.stringify(first.content)).toBeFalsy();
    const retry = await client.callTool({ name: 'claim_work', arguments: { workId: 'MC-5', ttlSeconds: 90, idempotencyKey: key } });
    expect(retry.isError).toBeFalsy();
    expect(retry.structuredContent).toEqual(first.structuredContent);
    expect(retry._meta).toMatchObject({ 'gantry/idempotentReplayed': true });
    const [{ n }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM attempts WHERE organisation_id = '${org}' AND work_id = 'MC-5'`)) as [
      { n: number },
    ];
    expect(Number(n)).toBe(1);
    // The key is in the HTTP API's store, under the claim's operation.
    const [stored] = await sql<{ operation: string; status: string }>(
      `SELECT operation, status FROM idempotency_keys WHERE organisation_id = '${org}' AND key = '${key}'`,
    );
    expect(stored).toEqual({ operation: 'claimWork', status: 'complete' });
    expect(await refused(client, 'claim_work', { workId: 'MC-6', idempotencyKey: key })).toMatchObject({ status: 422, code: 'idempotency_mismatch' });
    const attemptId = (first.structuredContent as { id: string }).id;
    const beat = { attemptId, progress: 20, idempotencyKey: 'mcp-beat-1' };
    const once = await ok<{ at: string }>(client, 'heartbeat', beat);
    const again = await client.callTool({ name: 'heartbeat', arguments: beat });
    expect(again.structuredContent).toEqual(once);
    expect(await refused(client, 'heartbeat', { ...beat, progress: 21 })).toMatchObject({ status: 422, code: 'idempotency_mismatch' });
    expect(await refused(client, 'heartbeat', { attemptId, idempotencyKey: 'not a key' })).toMatchObject({ status: 400, code: 'invalid_input' });
    await client.close();
  });

  it('refuses as the REST routes do: taken work, another builder’s attempt, bad input, another organisation’s work', async () => {
    const client = await connect(ui);
    const claim = await ok<{ id: string }>(client, 'claim_work', { workId: 'MC-4' });
    const other = await connect(api);
    expect(await refused(other, 'claim_work', { workId: 'MC-4' })).toMatchObject({ status: 409, detail: expect.stringMatching(/active attempt|claimed/i) });
    expect(await refused(other, 'heartbeat', { attemptId: claim.id })).toMatchObject({ status: 403 });
    expect(await refused(client, 'record_evidence', { attemptId: claim.id, type: 'log', uri: 'file:///etc/passwd' })).toMatchObject({
      status: 400,
      code: 'invalid_input',
      errors: { uri: expect.any(String) },
    });
    expect(await refused(client, 'complete_attempt', { attemptId: claim.id })).toMatchObject({ status: 409, detail: expect.stringContaining('evidence') });
    expect(await refused(client, 'get_work_item', { workId: 'NO-SUCH' })).toMatchObject({ status: 404 });
    await client.close();
    await other.close();
  });
});
