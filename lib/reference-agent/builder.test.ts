import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callApi, closeAgentTestDatabase, openAgentTestDatabase, postLaunchItems } from '../agent-api/testing';
import type { DatabaseHandle } from '../db/connection';
import { insertItems } from '../db/testing/roadmap-fixtures';
import { query } from '../db/testing/sql';
import { runBuilder, type BuilderOptions } from './builder';
import { AgentClient } from './client';

/**
 * The reference agent against the real route handlers (in process, through its own HTTP client):
 * a real agent writes a file, records its hash as evidence and completes; simulated builders
 * fail, hand off (and the other builder picks the attempt up) and block; an idle builder sends
 * builder heartbeats.
 */
let handle: DatabaseHandle;
let org: string;
let ui: string;
let api: string;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-agent-test-'));

const sql = <T = Record<string, unknown>>(text: string) => query<T>(handle.db, text);

/** fetch, answered by the route handlers. */
const inProcess: typeof fetch = async (input, init) => {
  const url = new URL(String(input));
  const headers = new Headers(init?.headers);
  const token = headers.get('authorization')!.replace(/^Bearer /, '');
  const key = headers.get('idempotency-key');
  const answer = await callApi(init?.method as 'GET' | 'POST', `${url.pathname}${url.search}`, {
    auth: token,
    rawBody: init?.body as string | undefined,
    headers: key ? { 'idempotency-key': key } : {},
  });
  return new Response(JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
};

const client = (token: string) => new AgentClient({ url: 'http://localhost', token, fetch: inProcess, sleep: async () => {} });
const fast = (token: string): BuilderOptions => ({
  client: client(token),
  durationSeconds: [0.2, 0.2],
  heartbeatSeconds: 0.1,
  leaseSeconds: 60,
  idleSeconds: 0.05,
  maxAttempts: 1,
  workDir,
});

beforeAll(async () => {
  ({ handle, org, ui, api } = await openAgentTestDatabase());
  await insertItems(handle.db, org, postLaunchItems('RA', 4, 9000, 'Reference work'));
});
afterAll(async () => {
  await closeAgentTestDatabase(handle);
  fs.rmSync(workDir, { recursive: true, force: true });
});

describe('the reference agent', () => {
  it('claims the work, sends heartbeats, records the hash of the file it wrote, and completes', async () => {
    const lines: string[] = [];
    const { finished } = await runBuilder({ ...fast(ui), workId: 'RA-1', log: (line) => lines.push(line) });
    expect(finished).toBe(1);
    const [attempt] = await sql<{ id: string; outcome: string }>(`SELECT id, outcome FROM attempts WHERE organisation_id = '${org}' AND work_id = 'RA-1'`);
    expect(attempt!.outcome).toBe('completed');
    const [item] = await sql<{ status_key: string }>(`SELECT status_key FROM roadmap_items WHERE organisation_id = '${org}' AND id = 'RA-1'`);
    expect(item!.status_key).toBe('completed');
    const file = fs.readdirSync(workDir).find((name) => name.startsWith('RA-1-'))!;
    const sha = createHash('sha256')
      .update(fs.readFileSync(path.join(workDir, file)))
      .digest('hex');
    const evidence = await sql<{ sha256: string; evidence_type: string }>(
      `SELECT sha256, evidence_type FROM evidence WHERE organisation_id = '${org}' AND attempt_id = '${attempt!.id}' ORDER BY evidence_type`,
    );
    expect(evidence).toContainEqual({ sha256: sha, evidence_type: 'build_artifact' });
    const [beats] = await sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM heartbeats WHERE organisation_id = '${org}' AND builder_id = 'ui-builder' AND message IS NOT NULL`,
    );
    expect(Number(beats!.count)).toBeGreaterThanOrEqual(2);
    expect(lines.join('\n')).toMatch(/claimed RA-1[\s\S]*completed RA-1 with evidence sha256/);
  });

  it('a simulated builder that fails leaves the work ready again', async () => {
    await runBuilder({ ...fast(ui), workId: 'RA-2', simulate: { outcomes: { fail: 1, handOff: 0, block: 0 }, handOffTo: [] } });
    const [item] = await sql<{ status_key: string }>(`SELECT status_key FROM roadmap_items WHERE organisation_id = '${org}' AND id = 'RA-2'`);
    expect(item!.status_key).toBe('pending');
    expect((await client(ui).readyWork(100)).map((w) => w.id)).toContain('RA-2');
  });

  it('hands off to another builder, whose agent picks the attempt up and completes it', async () => {
    await runBuilder({ ...fast(ui), workId: 'RA-3', simulate: { outcomes: { fail: 0, handOff: 1, block: 0 }, handOffTo: ['api-builder'] } });
    const { finished } = await runBuilder({ ...fast(api), workId: 'RA-3' });
    expect(finished).toBe(1);
    const attempts = await sql<{ worker_id: string; outcome: string }>(
      `SELECT worker_id, outcome FROM attempts WHERE organisation_id = '${org}' AND work_id = 'RA-3' ORDER BY started_at`,
    );
    expect(attempts).toEqual([
      { worker_id: 'agent:ui-builder', outcome: 'handed_off' },
      { worker_id: 'agent:api-builder', outcome: 'completed' },
    ]);
  });

  it('blocks with a classified blocker, and sends builder heartbeats while it waits for work', async () => {
    await runBuilder({ ...fast(ui), workId: 'RA-4', simulate: { outcomes: { fail: 0, handOff: 0, block: 1 }, handOffTo: [] } });
    const [blocker] = await sql<{ reason_code: string }>(
      `SELECT reason_code FROM blockers WHERE organisation_id = '${org}' AND work_id = 'RA-4' AND resolved_at IS NULL`,
    );
    expect(blocker!.reason_code).toMatch(/missing_info|missing_credential|external_wait/);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 500);
    await runBuilder({ ...fast(ui), workId: 'RA-4', maxAttempts: undefined, signal: controller.signal });
    const [idle] = await sql<{ count: number }>(
      `SELECT count(*)::int AS count FROM heartbeats WHERE organisation_id = '${org}' AND builder_id = 'ui-builder' AND status = 'idle' AND message = 'Waiting for ready work'`,
    );
    expect(Number(idle!.count)).toBeGreaterThanOrEqual(1);
  });
});
