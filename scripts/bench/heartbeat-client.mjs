// The heartbeat load's HTTP client, in a process of its own so that its CPU is not the server's
// and is measured apart (scripts/bench/agents.ts spawns it). Plain Node: node:http with a
// keep-alive agent, no framework. Reads its job as JSON on stdin:
//   { url, rate, seconds, sockets, beats: [{ token, attemptId }] }
// and writes one JSON line: { samples, perSecond, failed, statuses, cpuMs, wallMs }.
// Open loop: each builder sends a heartbeat every `beats.length / rate` seconds from a random
// phase, whether or not its last one has been answered (a late answer does not slow the load).
import http from 'node:http';
import { randomUUID } from 'node:crypto';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const target = new URL(job.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: job.sockets ?? 64 });

// The body and every header but the idempotency key are the same for a builder's every heartbeat:
// made once per builder, not per request (the client's CPU is measured as a part of a heartbeat's).
const BODY = JSON.stringify({ progress: 10, message: 'load' });
const BODY_LENGTH = String(Buffer.byteLength(BODY));

function poster(token, attemptId) {
  const path = `/api/v1/attempts/${attemptId}/heartbeat`;
  const authorization = `Bearer ${token}`;
  return () =>
    new Promise((resolve) => {
      const request = http.request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path,
          method: 'POST',
          headers: {
            authorization,
            'content-type': 'application/json',
            'content-length': BODY_LENGTH,
            'idempotency-key': randomUUID(),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', () => resolve(0));
      request.end(BODY);
    });
}

const samples = [];
const statuses = {};
let failed = 0;
const interval = (job.beats.length / job.rate) * 1000;
const cpuBefore = process.cpuUsage();
const start = performance.now();
const end = start + job.seconds * 1000;
await Promise.all(
  job.beats.map(async ({ token, attemptId }) => {
    const post = poster(token, attemptId);
    let next = start + Math.random() * interval;
    const pending = [];
    while (next < end) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const t = performance.now();
      pending.push(
        post().then((status) => {
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (status === 200) samples.push(performance.now() - t);
          else failed++;
        }),
      );
      next += interval;
    }
    await Promise.all(pending);
  }),
);
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
agent.destroy();
process.stdout.write(
  `${JSON.stringify({ samples, perSecond: samples.length / (wallMs / 1000), failed, statuses, cpuMs: (cpu.user + cpu.system) / 1000, wallMs })}\n`,
);
