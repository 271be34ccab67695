import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMember } from '../auth/test-fixtures';
import { attachDatabase } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { openAttachedDemoDatabase } from '../db/testing/attached';
import { query } from '../db/testing/sql';
import { forgetEnv } from '../env';
import { createHeartbeatFastPath, type HeartbeatFastPath } from './fast-path';
import { MAX_BODY_BYTES } from './limits';
import { callApi, insertBuilderToken } from './testing';

// The heartbeat fast path of `npm start` (PostgreSQL only, like the fast path itself): over real
// HTTP, it answers a heartbeat exactly as Next's route does, and hands everything else to the
// next handler with its body whole.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let handle: DatabaseHandle;
let org: string;
let ui: string;
let api: string;
let fastPath: HeartbeatFastPath;
let server: http.Server;
let base: string;
/** The rows of the tables a heartbeat writes, before the fast path was made. */
let rowsBefore: Record<string, number>;
/** What reached the next handler: method, url and the body it read. */
const passed: { method: string; url: string; body: string }[] = [];

beforeAll(async () => {
  if (!onPostgres) return;
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  const ownerId = await createMember(handle.db, 'owner@example.com', [[org, 'owner']]);
  ui = (await insertBuilderToken(handle.db, org, 'ui-builder', ownerId)).token;
  api = (await insertBuilderToken(handle.db, org, 'api-builder', ownerId)).token;
  await insertItems(
    handle.db,
    org,
    [1, 2, 3, 4, 5].map((i) => ({ id: `FP-${i}`, phase: 'post_launch', rank: 3000 + i })),
  );
  const [{ name }] = (await query<{ name: string }>(handle.db, 'SELECT current_database() AS name')) as [{ name: string }];
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  rowsBefore = await writtenRows();
  fastPath = createHeartbeatFastPath({ databaseUrl: url.toString(), maxWaitMs: 2 });
  server = http.createServer((req, res) =>
    fastPath.handle(req, res, (request) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        passed.push({ method: request.method!, url: request.url!, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(599, { 'content-type': 'text/plain' });
        res.end('next');
      });
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await fastPath?.close();
  attachDatabase(undefined);
  await handle?.close();
  delete process.env.GANTRY_API_RATE_LIMIT;
  forgetEnv();
});

/** How many rows each table a heartbeat writes holds. */
async function writtenRows(): Promise<Record<string, number>> {
  const [row] = await query<Record<string, number>>(
    handle.db,
    `SELECT (SELECT count(*)::int FROM heartbeats) AS heartbeats, (SELECT count(*)::int FROM idempotency_keys) AS keys,
            (SELECT count(*)::int FROM change_log) AS changes, (SELECT count(*)::int FROM api_tokens WHERE last_used_at IS NOT NULL) AS used_tokens`,
  );
  return row!;
}

async function claim(workId: string, token: string): Promise<{ id: string; leaseId: string }> {
  const answer = await callApi<{ data: { id: string; lease: { id: string } } }>('POST', `/api/v1/work/${workId}/claim`, {
    auth: token,
    body: { ttlSeconds: 60 },
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return { id: answer.body.data.id, leaseId: answer.body.data.lease.id };
}

async function post(path: string, { token, body, headers = {} }: { token?: string; body?: string; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ?? '{}',
  });
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), headers: response.headers, text };
}

describe.skipIf(!onPostgres)('the heartbeat fast path (PostgreSQL)', () => {
  it('opens and warms its connections when it is made, writing nothing', async () => {
    await fastPath.ready;
    const [{ name }] = (await query<{ name: string }>(handle.db, 'SELECT current_database() AS name')) as [{ name: string }];
    const backends = await query<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = '${name}' AND application_name = 'gantry-heartbeats'`,
    );
    expect(backends[0]!.n).toBe(2);
    expect(await writtenRows()).toEqual(rowsBefore);
  });

  it('answers heartbeats and their refusals as Next’s route does: 200, 403, 404, 409, 410, a replay, 422', async () => {
    const mine = await claim('FP-1', ui);
    const ended = await claim('FP-2', ui);
    const expired = await claim('FP-3', ui);
    expect((await callApi('POST', `/api/v1/attempts/${ended.id}/fail`, { auth: ui, body: { reason: 'The build needs a newer compiler' } })).status).toBe(200);
    await query(
      handle.db,
      `UPDATE leases SET acquired_at = now() - interval '2 minutes', expires_at = now() - interval '1 second' WHERE organisation_id = '${org}' AND id = '${expired.leaseId}'`,
    );
    const cases: { path: string; token: string; body: object; headers?: Record<string, string> }[] = [
      { path: `/api/v1/attempts/${mine.id}/heartbeat`, token: ui, body: { progress: 40, message: 'fast' }, headers: { 'idempotency-key': 'fast-1' } },
      { path: `/api/v1/attempts/${mine.id}/heartbeat`, token: api, body: {} },
      { path: '/api/v1/attempts/AT-NOPE/heartbeat', token: ui, body: {} },
      { path: `/api/v1/attempts/${ended.id}/heartbeat`, token: ui, body: {} },
      { path: `/api/v1/attempts/${expired.id}/heartbeat`, token: ui, body: {} },
    ];
    const fast = await Promise.all(cases.map((c) => post(c.path, { token: c.token, body: JSON.stringify(c.body), headers: c.headers })));
    expect(fast.map((a) => a.status)).toEqual([200, 403, 404, 409, 410]);
    expect(passed).toEqual([]);
    expect(JSON.parse(fast[0]!.text)).toMatchObject({ data: { attemptId: mine.id, status: 'active', progress: 40 } });
    const [row] = await query<{ message: string }>(
      handle.db,
      `SELECT message FROM heartbeats WHERE organisation_id = '${org}' AND builder_id = 'ui-builder' ORDER BY "timestamp" DESC LIMIT 1`,
    );
    expect(row!.message).toBe('fast');
    // The same requests through Next's route answer the same status, type and problem code.
    for (const [i, c] of cases.slice(1).entries()) {
      const viaNext = await callApi('POST', c.path, { auth: c.token, body: c.body });
      const mineFast = JSON.parse(fast[i + 1]!.text) as { code: string; type: string; title: string };
      expect([fast[i + 1]!.status, fast[i + 1]!.contentType, mineFast.code, mineFast.type, mineFast.title]).toEqual([
        viaNext.status,
        viaNext.contentType,
        viaNext.body.code,
        (viaNext.body as { type?: string }).type,
        (viaNext.body as { title?: string }).title,
      ]);
    }
    // A retry under the key gets the stored answer; another body under it is refused.
    const retry = await post(cases[0]!.path, { token: ui, body: JSON.stringify(cases[0]!.body), headers: { 'idempotency-key': 'fast-1' } });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.text).toBe(fast[0]!.text);
    const mismatch = await post(cases[0]!.path, { token: ui, body: JSON.stringify({ progress: 41 }), headers: { 'idempotency-key': 'fast-1' } });
    expect([mismatch.status, JSON.parse(mismatch.text).code]).toEqual([422, 'idempotency_mismatch']);
    expect(fastPath.stats.answered).toBe(7);
  });

  it('hands on, body whole, what it does not answer itself: no token, a refused token, invalid input, a body too large, other routes', async () => {
    passed.length = 0;
    const { id } = await claim('FP-4', ui);
    const path = `/api/v1/attempts/${id}/heartbeat`;
    const large = JSON.stringify({ message: 'x'.repeat(MAX_BODY_BYTES + 10) });
    const answers = [
      await post(path, { body: '{"progress":1}' }),
      await post(path, { token: 'gantry_' + 'A'.repeat(43), body: '{"progress":2}' }),
      await post(path, { token: ui, body: '{"progress":101}' }),
      await post(path, { token: ui, body: '[1,2]' }),
      await post(path, { token: ui, body: large }),
      await post('/api/v1/work/FP-4/claim', { token: ui, body: '{"ttlSeconds":60}' }),
    ];
    expect(answers.map((a) => a.status)).toEqual([599, 599, 599, 599, 599, 599]);
    expect(passed.map((p) => p.body)).toEqual(['{"progress":1}', '{"progress":2}', '{"progress":101}', '[1,2]', large, '{"ttlSeconds":60}']);
    expect(passed.every((p) => p.method === 'POST')).toBe(true);
  });

  it('leaves a token over its rate limit to Next’s route, which answers 429', async () => {
    const [{ id: ownerId }] = (await query<{ id: string }>(handle.db, `SELECT id FROM "user" WHERE email = 'owner@example.com'`)) as [{ id: string }];
    const fresh = (await insertBuilderToken(handle.db, org, 'schema-builder', ownerId)).token;
    const { id } = await claim('FP-5', fresh);
    process.env.GANTRY_API_RATE_LIMIT = '3';
    forgetEnv();
    passed.length = 0;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(`/api/v1/attempts/${id}/heartbeat`, { token: fresh, body: '{}' })).status);
    // The claim counted once: two heartbeats are answered here, then the limit is reached.
    expect(statuses).toEqual([200, 200, 599, 599]);
    expect(passed).toHaveLength(2);
  });
});
