import http from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { runHeartbeatClient } from './agents';

// The heartbeat load's client (heartbeat-client.mjs) speaks HTTP/1.1 itself: against a plain
// node:http server it must send each builder's heartbeats with their own idempotency keys, read
// answers of a stated length and chunked ones, count a refusal as failed, and keep the warm-up's
// times apart from those it measures.

let server: http.Server;
let url: string;
const seen: { url: string; authorization?: string; key?: string; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({
        url: req.url!,
        authorization: req.headers.authorization,
        key: req.headers['idempotency-key'] as string,
        body: Buffer.concat(chunks).toString(),
      });
      if (req.url!.includes('refused')) {
        res.writeHead(410, { 'content-type': 'application/json', 'content-length': '2' });
        return res.end('{}');
      }
      // Every other answer of builder B is chunked (no Content-Length), as Next's route may send.
      if (req.url!.includes('AT-B') && seen.filter((s) => s.url.includes('AT-B')).length % 2 === 0) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"data":');
        return res.end('{"ok":true}}');
      }
      const body = '{"data":{"ok":true}}';
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('the heartbeat load client', () => {
  it('sends every builder its heartbeats on its own connection, reads plain and chunked answers, and times the warm-up apart', async () => {
    seen.length = 0;
    const beats = [
      { token: 'token-a', attemptId: 'AT-A' },
      { token: 'token-b', attemptId: 'AT-B' },
      { token: 'token-c', attemptId: 'AT-refused' },
    ];
    // 3 builders at 30/s: one heartbeat each every 0.1 s, for 0.5 s of warm-up and 1 s measured.
    const result = await runHeartbeatClient({ url, rate: 30, seconds: 1, warmup: 0.5, sockets: beats.length, beats });
    expect(result.sent).toBe(seen.length);
    expect(result.sent).toBeGreaterThanOrEqual(42);
    const answered = Object.values(result.statuses).reduce((a, b) => a + b, 0);
    expect(answered).toBe(result.sent);
    expect(result.statuses['410']).toBe(seen.filter((s) => s.url.includes('refused')).length);
    expect(result.failed).toBe(result.statuses['410']);
    expect(result.samples.length + result.warmupSamples.length).toBe(result.statuses['200']);
    // 1 s measured against 0.5 s of warm-up, two builders answered 200 each 0.1 s.
    expect(result.samples.length).toBeGreaterThanOrEqual(18);
    expect(result.warmupSamples.length).toBeGreaterThanOrEqual(8);
    expect(result.warmupSamples.length).toBeLessThan(result.samples.length);
    const a = seen.filter((s) => s.url === '/api/v1/attempts/AT-A/heartbeat');
    expect(a.every((s) => s.authorization === 'Bearer token-a' && JSON.parse(s.body).message === 'load')).toBe(true);
    expect(new Set(seen.map((s) => s.key)).size).toBe(seen.length);
  });

  it('counts the heartbeats of a connection that fails as failed', async () => {
    const result = await runHeartbeatClient({
      url: 'http://127.0.0.1:9',
      rate: 10,
      seconds: 0.3,
      warmup: 0,
      sockets: 1,
      beats: [{ token: 't', attemptId: 'AT-X' }],
    });
    expect(result.statuses['0']).toBe(result.sent);
    expect(result.failed).toBe(result.sent);
    expect(result.samples).toEqual([]);
  });
});
