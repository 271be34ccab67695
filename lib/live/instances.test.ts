import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createBuilder, createMember, createOrganisation } from '../auth/test-fixtures';
import { generateApiToken } from '../organisations/token-format';
import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';

/**
 * Two Gantry servers (`next start`, the production build) in front of one PostgreSQL database:
 * a change made through one reaches an event stream open on the other, through PostgreSQL's
 * NOTIFY. Needs TEST_DATABASE_URL and a build (`npm run build`); ports GANTRY_INSTANCES_PORTS
 * (default 3191,3192).
 */
const url = process.env.TEST_DATABASE_URL;
const built = fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'));
const ports = (process.env.GANTRY_INSTANCES_PORTS ?? '3191,3192').split(',').map(Number) as [number, number];

let handle: DatabaseHandle;
const servers: ChildProcess[] = [];
let token = '';

function databaseUrlOf(handle: DatabaseHandle): string {
  const target = new URL(url!);
  target.pathname = `/${handle.location.split('/').pop()}`;
  return target.toString();
}

async function startServer(port: number, databaseUrl: string): Promise<void> {
  const next = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');
  const child = spawn(process.execPath, [next, 'start', '-p', String(port)], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  servers.push(child);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server on ${port} stopped: ${output}`);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => null);
    if (health?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server on ${port} did not answer in time: ${output}`);
}

describe.skipIf(!url || !built)('two instances on one PostgreSQL', () => {
  beforeAll(async () => {
    handle = await openTestDatabase();
    const organisationId = await createOrganisation(handle.db, 'instances');
    const owner = await createMember(handle.db, 'owner@instances.example', [[organisationId, 'owner']]);
    await createBuilder(handle.db, organisationId, 'twin-builder');
    const made = generateApiToken();
    token = made.token;
    await query(
      handle.db,
      `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by)
       VALUES ('${organisationId}', 'twin-builder', 'instances', '${made.hash}', '${made.prefix}', '${owner}')`,
    );
    const databaseUrl = databaseUrlOf(handle);
    await Promise.all(ports.map((port) => startServer(port, databaseUrl)));
  }, 180_000);

  afterAll(async () => {
    for (const server of servers) server.kill('SIGTERM');
    await Promise.all(servers.map((server) => new Promise((resolve) => (server.exitCode !== null ? resolve(null) : server.once('exit', resolve)))));
    await handle?.close();
  });

  it('a heartbeat sent to one server reaches a stream open on the other', async () => {
    const auth = { authorization: `Bearer ${token}` };
    const abort = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${ports[1]}/api/v1/events`, { headers: auth, signal: abort.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readUntil = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(text)) {
        if (Date.now() > deadline) throw new Error(`not seen ${pattern}: ${text}`);
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended: ${text}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(/event: ready/);

    const sent = Date.now();
    const beat = await fetch(`http://127.0.0.1:${ports[0]}/api/v1/builder/heartbeat`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'from the first instance' }),
    });
    expect(beat.status, await beat.text()).toBe(200);
    await readUntil(/"type":"builders","id":"twin-builder"/);
    expect(Date.now() - sent).toBeLessThan(5_000);
    abort.abort();
  }, 30_000);
});
