// The heartbeat load's HTTP client, in a process of its own so that its CPU is not the server's
// and is measured apart (scripts/bench/agents.ts spawns it). Reads its job as JSON on stdin:
//   { url, rate, seconds, warmup, sockets, beats: [{ token, attemptId }] }
// and writes one JSON line: { samples, warmupSamples, perSecond, failed, statuses, sent, cpuMs, wallMs }.
//
// The load runs `warmup` seconds at the same rate before the `seconds` it measures: the heartbeats
// due then are answered as any other but their times are returned apart (`warmupSamples`), since
// the first second of a load meets a cold process (code not yet optimised by V8, new connections)
// and the figure asked for is the sustained one. `failed`, `statuses`, `sent` and `cpuMs` count all.
//
// Open loop: each builder sends a heartbeat every `beats.length / rate` seconds from a random
// phase, whether or not its last one has been answered (a late answer does not slow the load).
// A builder keeps one keep-alive connection, as an agent does (`sockets` below the number of
// builders makes them share connections round robin). A heartbeat sent before the last one on its
// connection was answered is pipelined behind it (HTTP/1.1), so the time it waits is still counted.
//
// It speaks HTTP/1.1 over node:net itself, with each builder's request made once and only the
// idempotency key filled in per heartbeat: node:http's client cost about 0.2 ms of CPU a request,
// taken from the two cores the server and PostgreSQL share with it (docs/benchmarks.md). Answers
// are read by their Content-Length or chunked encoding, which is all a Node server sends.
import net from 'node:net';
import { randomUUID } from 'node:crypto';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const job = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const target = new URL(job.url);
const port = Number(target.port || 80);

const BODY = JSON.stringify({ progress: 10, message: 'load' });

const samples = [];
const warmupSamples = [];
const statuses = {};
let failed = 0;
let sent = 0;
let measuredFrom = Infinity; // when the warm-up ends

/** Records an answer (status 0: the connection failed before it came). */
function answered(status, sentAt) {
  statuses[status] = (statuses[status] ?? 0) + 1;
  if (status === 200) (sentAt < measuredFrom ? warmupSamples : samples).push(performance.now() - sentAt);
  else failed++;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** One keep-alive connection: requests written in order, answers matched to them in order (FIFO). */
function connection() {
  const waiting = []; // send times, oldest first
  let buffer = Buffer.alloc(0);
  let closed = false;
  const socket = net.connect({ host: target.hostname, port });
  socket.setNoDelay(true);
  const ready = new Promise((resolve) => {
    socket.once('connect', resolve);
    socket.once('error', resolve);
  });

  // The next whole answer in `buffer`: its status and length in bytes, or null when incomplete.
  const nextAnswer = () => {
    const headEnd = buffer.indexOf(CRLF2);
    if (headEnd < 0) return null;
    const head = buffer.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (length) {
      const total = headEnd + 4 + Number(length[1]);
      return buffer.length >= total ? { status, total } : null;
    }
    if (!/\r\ntransfer-encoding:\s*chunked/i.test(head)) return { status, total: headEnd + 4 };
    let at = headEnd + 4;
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', at);
      if (lineEnd < 0) return null;
      const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
      at = lineEnd + 2 + size + 2;
      if (buffer.length < at) return null;
      if (size === 0) return { status, total: at };
    }
  };

  socket.on('data', (data) => {
    buffer = buffer.length ? Buffer.concat([buffer, data]) : data;
    for (let answer = nextAnswer(); answer; answer = nextAnswer()) {
      buffer = buffer.subarray(answer.total);
      answered(answer.status, waiting.shift());
    }
  });
  const fail = () => {
    if (closed) return;
    closed = true;
    while (waiting.length) answered(0, waiting.shift());
  };
  socket.on('error', fail);
  socket.on('close', fail);
  return {
    ready,
    /** Sends a request due at `dueAt` (its latency counts from then: a late send is the client's queue). */
    send(request, dueAt) {
      if (closed) return answered(0, dueAt);
      waiting.push(dueAt);
      socket.write(request, 'latin1');
    },
    drained: () => waiting.length === 0 || closed,
    close: () => {
      fail(); // what is still unanswered counts as failed
      socket.destroy();
    },
  };
}

const sockets = Math.max(1, Math.min(job.sockets ?? job.beats.length, job.beats.length));
const connections = Array.from({ length: sockets }, connection);
await Promise.all(connections.map((c) => c.ready));
const interval = (job.beats.length / job.rate) * 1000;
const cpuBefore = process.cpuUsage();
const start = performance.now();
measuredFrom = start + (job.warmup ?? 0) * 1000;
const end = measuredFrom + job.seconds * 1000;

// Everything but the idempotency key is the same for a builder's every heartbeat.
const requests = job.beats.map(({ token, attemptId }) => [
  `POST /api/v1/attempts/${encodeURIComponent(attemptId)}/heartbeat HTTP/1.1\r\nhost: ${target.host}\r\n` +
    `authorization: Bearer ${token}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(BODY)}\r\nidempotency-key: `,
  `\r\n\r\n${BODY}`,
]);
// Every heartbeat's time, made up front and sorted: one timer for the whole load, not one a builder.
const schedule = [];
requests.forEach((_, builder) => {
  for (let at = start + Math.random() * interval; at < end; at += interval) schedule.push({ at, builder });
});
schedule.sort((a, b) => a.at - b.at);
await new Promise((resolve) => {
  let i = 0;
  const tick = () => {
    const now = performance.now();
    for (; i < schedule.length && schedule[i].at <= now; i++) {
      const { builder } = schedule[i];
      const [before, after] = requests[builder];
      connections[builder % sockets].send(before + randomUUID() + after, schedule[i].at);
      sent++;
    }
    if (i < schedule.length) setTimeout(tick, Math.max(0, schedule[i].at - performance.now()));
    else resolve();
  };
  tick();
});
// The last answers: at most 60 s more.
const deadline = performance.now() + 60_000;
while (!connections.every((c) => c.drained()) && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
const wallMs = performance.now() - measuredFrom;
const cpu = process.cpuUsage(cpuBefore);
for (const c of connections) c.close();
process.stdout.write(
  `${JSON.stringify({ samples, warmupSamples, perSecond: samples.length / (wallMs / 1000), failed, statuses, sent, cpuMs: (cpu.user + cpu.system) / 1000, wallMs })}\n`,
);
