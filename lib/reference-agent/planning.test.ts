import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi, insertBuilderToken } from '../agent-api/testing';
import type { MemberCaller } from '../auth/identity';
import { createMember } from '../auth/test-fixtures';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { stableUuid } from '../db/seed/helpers';
import { query } from '../db/testing/sql';
import { startRun } from '../planning/run-actions';
import { AgentClient } from './client';
import { buildAssignment, type PlanningAssignment } from './planning';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

// The demo's simulated planning builder, over the agent API (route handlers in process), and the
// same reports through the MCP tools.

let handle: DatabaseHandle;
let org: string;
let token: string;
let runId: string;
const sql = <T = Record<string, unknown>>(text: string) => query<T>(handle.db, text);

/** fetch, answered by the route handlers. */
const inProcess: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  const key = headers.get('idempotency-key');
  const answer = await callApi(init?.method as 'GET' | 'POST', `${url.pathname}${url.search}`, {
    auth: headers.get('authorization')!.replace(/^Bearer /, ''),
    rawBody: init?.body as string | undefined,
    headers: key ? { 'idempotency-key': key } : {},
  });
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
};

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  token = (await insertBuilderToken(handle.db, org, 'api-builder', ownerId)).token;
  const manager = { kind: 'member', userId: ownerId, organisationId: org, role: 'manager' } as MemberCaller;
  const input = { projectId: stableUuid('planning', 'motus-0.2'), scope: 'card' as const, cardId: stableUuid('planning', 'card:write-leases') };
  runId = (await withOrganisation(org, (tx) => startRun(tx, { caller: manager, input }))).id;
}, 240_000);

afterAll(() => closeAttachedDatabase(handle));

describe('the simulated planning builder', () => {
  it('takes the open assignment and reports an execution, a commit, the required checks and the PR candidate', async () => {
    const client = new AgentClient({ url: 'http://localhost', token, fetch: inProcess, sleep: async () => {} });
    const [assignment] = (await client.request<PlanningAssignment[]>('GET', '/api/v1/planning/assignments')).data.filter((a) => a.runId === runId);
    expect(assignment).toMatchObject({ requiredChecks: ['lint', 'unit'], allowedPaths: ['src/motus/leases/write.py'] });
    let lintFailures = 0;
    await buildAssignment(assignment!, { client, pauseSeconds: 0, random: () => (lintFailures++ === 0 ? 0 : 1) });

    const checks = await sql<{ check_type: string; status: string }>(
      `SELECT check_type, status FROM run_check WHERE run_id = '${runId}' ORDER BY created_at, id`,
    );
    expect(checks.map((c) => `${c.check_type} ${c.status}`)).toEqual(expect.arrayContaining(['lint failed', 'lint passed', 'unit passed']));
    const [run] = await sql<{ status: string }>(`SELECT status FROM orchestration_run WHERE id = '${runId}'`);
    expect(run!.status).toBe('completed');
    const [approval] = await sql<{ status: string; requested_by: string }>(`SELECT status, requested_by FROM approval_request WHERE run_id = '${runId}'`);
    expect(approval).toEqual({ status: 'pending', requested_by: 'agent:api-builder' });
    expect(await sql(`SELECT 1 FROM agent_commit c JOIN card_assignment a ON a.id = c.assignment_id WHERE a.run_id = '${runId}'`)).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM pull_request_candidate WHERE run_id = '${runId}' AND status = 'not_created'`)).toHaveLength(1);
  });

  it('reports through the MCP tools too, and a refusal is the tool’s error with its sentence', async () => {
    const { POST } = (await import('../../app/api/mcp/route')) as { POST: (request: Request) => Promise<Response> };
    const client = new Client({ name: 'planning-test', version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL('http://localhost/api/mcp'), {
        fetch: (input, init) => POST(new Request(input, init)),
        requestInit: { headers: { authorization: `Bearer ${token}` } },
      }),
    );
    const names = (await client.listTools()).tools.map((t) => t.name);
    expect(names).toEqual(
      expect.arrayContaining(['list_planning_assignments', 'report_execution', 'report_commit', 'report_run_check', 'report_pull_request']),
    );
    const check = await client.callTool({ name: 'report_run_check', arguments: { runId, checkType: 'e2e', status: 'skipped', idempotencyKey: 'mcp-e2e-1' } });
    expect(check.isError).toBeFalsy();
    const again = await client.callTool({ name: 'report_run_check', arguments: { runId, checkType: 'e2e', status: 'skipped', idempotencyKey: 'mcp-e2e-1' } });
    expect(again.isError).toBeFalsy();
    expect(await sql(`SELECT 1 FROM run_check WHERE run_id = '${runId}' AND check_type = 'e2e'`)).toHaveLength(1);
    const backwards = await client.callTool({ name: 'report_pull_request', arguments: { runId, title: 'x', status: 'merged' } });
    expect(backwards.isError).toBe(true);
    expect((backwards.content as { text: string }[])[0]!.text).toContain('The pull request cannot move from not created to merged.');
    await client.close();
  });
});
