// The agent API in `npm run bench`: a builder's claim → heartbeat → evidence → complete round
// trip over HTTP, and sustained heartbeats from many simulated builders at a target rate, each
// beside the same statements run bare in-process (the round trip: the domain functions in their
// transactions, without HTTP, token lookup, rate limit, idempotency or the audit row; a heartbeat:
// the one database call the route makes, agent_heartbeat_by_token, without HTTP). The heartbeat
// load's HTTP client runs in a process of its own (heartbeat-client.mjs); the CPU that the
// server, its PostgreSQL backends, the client and everything else on the machine used during the
// load is reported beside it.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import type { Database } from '../../lib/db/connection';
import { summarise, time, type Row } from './stats';

export interface AgentBench {
  organisationId: string;
  tag: string;
  tokens: { builderId: string; tokenId: string; token: string }[];
  /** Work for the HTTP round trips, and for the bare ones. */
  roundTripItems: string[];
  bareItems: string[];
  /** One item per load builder, claimed before the load starts. */
  loadItems: string[];
}

export interface AgentBenchOptions {
  runs: number;
  builders: number;
  rate: number;
  seconds: number;
  /** Seconds of load before `seconds`, timed apart (default 0). */
  warmup?: number;
  /** Connections of the HTTP load client (default: one a builder). */
  sockets?: number;
}

/**
 * Before the server opens the database: builders bench-builder-NNN with a token each (made by the
 * benchmark's member), and fresh ready work items, tagged with this run so that runs never collide.
 */
export async function prepareAgentBench(db: Database, memberEmail: string, options: AgentBenchOptions): Promise<AgentBench> {
  const { generateApiToken } = await import('../../lib/organisations/token-format');
  const tag = Date.now().toString(36).toUpperCase();
  const { rowsOf } = await import('../../lib/db/sql');
  const [member] = rowsOf<{ organisation_id: string; user_id: string }>(
    await db.execute(sql`
      SELECT m.organisation_id, u.id AS user_id FROM "user" u JOIN memberships m ON m.user_id = u.id AND m.deleted_at IS NULL
       WHERE u.email = ${memberEmail} LIMIT 1`),
  );
  if (!member) throw new Error(`The benchmark member ${memberEmail} belongs to no organisation`);
  const organisationId = member.organisation_id;

  const builderIds = Array.from({ length: options.builders }, (_, i) => `bench-builder-${String(i + 1).padStart(3, '0')}`);
  for (let i = 0; i < builderIds.length; i += 250) {
    const batch = builderIds.slice(i, i + 250);
    await db.execute(sql`
      INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state)
      SELECT ${organisationId}, id, 'api', 'hosted', 'idle' FROM unnest(${sql.raw(`ARRAY[${batch.map((b) => `'${b}'`).join(',')}]`)}::text[]) AS id
      ON CONFLICT DO NOTHING`);
  }
  const tokens = builderIds.map((builderId) => ({ builderId, tokenId: randomUUID(), ...generateApiToken() }));
  for (let i = 0; i < tokens.length; i += 250) {
    const values = tokens
      .slice(i, i + 250)
      .map((t) => sql`(${organisationId}, ${t.tokenId}, ${t.builderId}, ${`bench ${tag}`}, ${t.hash}, ${t.prefix}, ${member.user_id})`);
    await db.execute(
      sql`INSERT INTO api_tokens (organisation_id, id, builder_id, name, token_hash, token_prefix, created_by) VALUES ${sql.join(values, sql`, `)}`,
    );
  }
  const items = (kind: string, n: number) => Array.from({ length: n }, (_, i) => `BENCH-${tag}-${kind}-${String(i + 1).padStart(4, '0')}`);
  const roundTripItems = items('RT', options.runs + 5);
  const bareItems = items('BARE', options.runs + 5);
  const loadItems = items('HB', options.builders);
  const all = [...roundTripItems, ...bareItems, ...loadItems];
  // Hundreds of live items in one phase: the benchmark lifts the phase's limit (50 by default) for its organisation.
  await db.execute(sql`
    INSERT INTO roadmap_phase_limits (organisation_id, phase_key, max_active_items) VALUES (${organisationId}, 'post_launch', 1000000)
    ON CONFLICT (organisation_id, phase_key) DO UPDATE SET max_active_items = 1000000`);
  for (let i = 0; i < all.length; i += 500) {
    const values = all
      .slice(i, i + 500)
      .map((id, j) => sql`(${organisationId}, ${id}, ${`Benchmark work ${id}`}, 'post_launch', 'pending', 'work', ${100_000 + i + j})`);
    await db.execute(sql`INSERT INTO roadmap_items (organisation_id, id, title, phase_key, status_key, item_type, rank) VALUES ${sql.join(values, sql`, `)}`);
  }
  // What autovacuum would have done by now (the machine's PostgreSQL may run without it, as this
  // one's CI configuration does): the dead row versions of the earlier runs' heartbeats gone (each
  // heartbeat leaves one of its builder, its lease and its key), and statistics that count the
  // bench's 500 builders, so that a token's lookup reads its builder by the primary key, not the
  // whole organisation's builders (docs/benchmarks.md, "Heartbeats: the CPU of each part").
  await db.execute(sql`VACUUM (ANALYZE) builders, api_tokens, attempts, leases, idempotency_keys, heartbeats, change_log`);
  return { organisationId, tag, tokens: tokens.map(({ builderId, tokenId, token }) => ({ builderId, tokenId, token })), roundTripItems, bareItems, loadItems };
}

type Post = (token: string, path: string, body: Record<string, unknown>) => Promise<{ data: Record<string, unknown> }>;

function poster(url: string): Post {
  return async (token, path, body) => {
    const response = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`POST ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as { data: Record<string, unknown> };
  };
}

/**
 * Open loop: each builder sends a heartbeat every `builders / rate` seconds, from a random phase,
 * for `seconds`, whether or not its last one has been answered; answers how long each took and
 * how many per second went through.
 */
async function heartbeatLoad(
  count: number,
  options: AgentBenchOptions,
  beat: (i: number) => Promise<void>,
): Promise<{ samples: number[]; perSecond: number; failed: number }> {
  const interval = (count / options.rate) * 1000;
  const samples: number[] = [];
  let failed = 0;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      let next = start + Math.random() * interval;
      const pending: Promise<void>[] = [];
      while (next < end) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const t = performance.now();
        pending.push(
          beat(i).then(
            () => void samples.push(performance.now() - t),
            () => void failed++,
          ),
        );
        next += interval;
      }
      await Promise.all(pending);
    }),
  );
  return { samples, perSecond: samples.length / ((performance.now() - start) / 1000), failed };
}

/** CPU time of a process and its descendants, in ms (Linux /proc; 0 when gone). */
function processTreeCpuMs(pid: number): number {
  let ticks = 0;
  const visit = (p: number) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        for (const child of children ? children.split(' ') : []) visit(Number(child));
      }
    } catch {
      // The process ended.
    }
  };
  visit(pid);
  return (ticks * 1000) / 100;
}

/** The machine's CPU time in all (busy, every core), in ms, from /proc/stat. */
function machineBusyMs(): number {
  const [cpu] = fs.readFileSync('/proc/stat', 'utf8').split('\n');
  const [user, nice, system, , , irq, softirq, steal] = cpu!.trim().split(/\s+/).slice(1).map(Number) as number[];
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / 100;
}

/** CPU of the database's own backends (the connections to this benchmark's database), by pid. */
async function backendCpu(db: Database | undefined): Promise<Map<number, number>> {
  const cpu = new Map<number, number>();
  if (!db) return cpu;
  const { rowsOf } = await import('../../lib/db/sql');
  const pids = rowsOf<{ pid: number }>(await db.execute(sql`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`));
  for (const { pid } of pids) cpu.set(Number(pid), processTreeCpuMs(Number(pid)));
  return cpu;
}

export interface CpuSplit {
  seconds: number;
  server: number;
  database: number;
  client: number;
  machine: number;
  loadBefore: number[];
  loadAfter: number[];
}

function describeSplit(split: CpuSplit, requests: number): string {
  const pct = (ms: number) => `${((ms / (split.seconds * 1000)) * 100).toFixed(0)}%`;
  const each = (ms: number) => `${(ms / requests).toFixed(2)} ms`;
  const others = Math.max(0, split.machine - split.server - split.database - split.client);
  return (
    `  CPU over ${split.seconds.toFixed(1)} s (100% = one core; the machine has ${os.cpus().length}): server ${pct(split.server)}, ` +
    `its PostgreSQL backends ${pct(split.database)}, load client ${pct(split.client)}, everything else on the machine ${pct(others)}; ` +
    `per heartbeat: server ${each(split.server)}, PostgreSQL ${each(split.database)}, client ${each(split.client)}; ` +
    `load average ${split.loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${split.loadAfter.map((l) => l.toFixed(1)).join(' / ')} after`
  );
}

/** Runs the heartbeat load's HTTP client in its own process; answers what it measured. */
export function runHeartbeatClient(job: {
  url: string;
  rate: number;
  seconds: number;
  warmup: number;
  sockets: number;
  beats: { token: string; attemptId: string }[];
}) {
  return new Promise<{
    samples: number[];
    warmupSamples: number[];
    perSecond: number;
    failed: number;
    statuses: Record<string, number>;
    sent: number;
    cpuMs: number;
    wallMs: number;
  }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(import.meta.dirname, 'heartbeat-client.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`The heartbeat client exited with ${code}`))));
    child.stdin.end(JSON.stringify(job));
  });
}

/**
 * While the server runs: the round trip, then the heartbeat load, over HTTP. `db` (PostgreSQL
 * only: PGlite is the server's alone) lets it measure the database's share of the CPU.
 */
export async function benchAgentApi(
  bench: AgentBench,
  url: string,
  options: AgentBenchOptions,
  { serverPid, db }: { serverPid: number; db?: Database },
): Promise<{ rows: Row[]; load: string }> {
  const post = poster(url);
  const [first] = bench.tokens;
  let next = 0;
  const roundTrip = await time(options.runs, 5, async () => {
    const workId = bench.roundTripItems[next++]!;
    const claim = (await post(first!.token, `/api/v1/work/${workId}/claim`, { ttlSeconds: 300 })).data;
    const attempt = claim.id as string;
    await post(first!.token, `/api/v1/attempts/${attempt}/heartbeat`, { progress: 50, message: 'benchmark' });
    await post(first!.token, `/api/v1/attempts/${attempt}/evidence`, { type: 'build_artifact', content: `built ${workId}` });
    await post(first!.token, `/api/v1/attempts/${attempt}/complete`, {});
  });

  // Every load builder claims its item first (not timed).
  const attempts: string[] = [];
  for (let i = 0; i < bench.tokens.length; i += 50) {
    const claims = await Promise.all(
      bench.tokens.slice(i, i + 50).map((t, j) => post(t.token, `/api/v1/work/${bench.loadItems[i + j]}/claim`, { ttlSeconds: 3600 })),
    );
    attempts.push(...claims.map((c) => c.data.id as string));
  }
  (bench as AgentBench & { loadAttempts?: string[] }).loadAttempts = attempts;

  const loadBefore = os.loadavg();
  const backendsBefore = await backendCpu(db);
  const serverBefore = processTreeCpuMs(serverPid);
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const load = await runHeartbeatClient({
    url,
    rate: options.rate,
    seconds: options.seconds,
    warmup: options.warmup ?? 0,
    sockets: options.sockets ?? bench.tokens.length,
    beats: bench.tokens.map((t, i) => ({ token: t.token, attemptId: attempts[i]! })),
  });
  const seconds = (performance.now() - started) / 1000;
  const machine = machineBusyMs() - machineBefore;
  const server = processTreeCpuMs(serverPid) - serverBefore;
  const backendsAfter = await backendCpu(db);
  let database = 0;
  for (const [pid, cpu] of backendsAfter) database += cpu - (backendsBefore.get(pid) ?? 0);
  const split: CpuSplit = { seconds, server, database, client: load.cpuMs, machine, loadBefore, loadAfter: os.loadavg() };
  return {
    rows: [
      { figure: 'agent round trip: claim → heartbeat → evidence → complete', app: roundTrip },
      { figure: `heartbeats from ${bench.tokens.length} builders at ${options.rate}/s`, app: load.samples },
    ],
    load:
      `heartbeats over HTTP: ${load.perSecond.toFixed(0)}/s sustained for ${options.seconds} s from ${bench.tokens.length} builders over ${options.sockets ?? bench.tokens.length} connections ` +
      `(target ${options.rate}/s, p50 ${summarise(load.samples).median.toFixed(1)} ms, p95 ${summarise(load.samples).p95.toFixed(1)} ms), ` +
      `${load.failed} failed ${JSON.stringify(load.statuses)}` +
      (load.warmupSamples.length
        ? `; before it, ${options.warmup} s of warm-up at the same rate, not counted: p50 ${summarise(load.warmupSamples).median.toFixed(1)} ms, p95 ${summarise(load.warmupSamples).p95.toFixed(1)} ms`
        : '') +
      `\n${db ? describeSplit(split, load.sent) : describeSplit({ ...split, database: 0 }, load.sent) + ' (PGlite: the database is inside the server)'}`,
  };
}

/**
 * The same statements bare, beside each row: on PostgreSQL while the server still runs (idle), so
 * that the machine's load is the one the HTTP figures had; on PGlite once the server has let go.
 */
export async function benchAgentBare(bench: AgentBench, rows: Row[], options: AgentBenchOptions): Promise<string> {
  const { getDb, withOrganisation } = await import('../../lib/db/client');
  const { claimWork } = await import('../../lib/agent-api/work');
  const { recordEvidence, completeAttempt } = await import('../../lib/agent-api/attempts');
  const { heartbeatInOneCall } = await import('../../lib/agent-api/heartbeat');
  const { requestHashOf } = await import('../../lib/agent-api/idempotency');
  const callerOf = (t: AgentBench['tokens'][number]) => ({
    kind: 'token' as const,
    tokenId: t.tokenId,
    builderId: t.builderId,
    userId: null,
    organisationId: bench.organisationId,
    role: 'builder' as const,
  });
  const inOrganisation = <T>(t: AgentBench['tokens'][number], work: (tx: Database) => Promise<T>) =>
    withOrganisation(bench.organisationId, work, { actor: `agent:${t.builderId}` });
  const db = await getDb();
  const { hashApiToken } = await import('../../lib/organisations/token-format');
  const beat = async (t: AgentBench['tokens'][number], attemptId: string, progress: number, message: string) => {
    const input = { attemptId, progress, status: 'active' as const, message };
    const answer = await heartbeatInOneCall({
      tokenHash: hashApiToken(t.token),
      roles: ['builder'],
      input,
      idempotencyKey: randomUUID(),
      requestHash: requestHashOf('heartbeat', input),
    });
    if (!('body' in answer)) throw new Error(`The heartbeat answered ${JSON.stringify(answer)}`);
  };

  const first = bench.tokens[0]!;
  const caller = callerOf(first);
  let next = 0;
  const roundTrip = rows.find((r) => r.figure.startsWith('agent round trip'));
  if (roundTrip) {
    roundTrip.bare = await time(options.runs, 5, async () => {
      const workId = bench.bareItems[next++]!;
      const claim = await inOrganisation(first, (tx) => claimWork(tx, caller, { workId, ttlSeconds: 300 }));
      await beat(first, claim.id, 50, 'benchmark');
      await inOrganisation(first, (tx) => recordEvidence(tx, caller, { attemptId: claim.id, type: 'build_artifact', content: `built ${workId}` }));
      await inOrganisation(first, (tx) => completeAttempt(tx, caller, { attemptId: claim.id }));
    });
  }
  const attempts = (bench as AgentBench & { loadAttempts?: string[] }).loadAttempts ?? [];
  const loadRow = rows.find((r) => r.figure.startsWith('heartbeats from'));
  if (!loadRow || !attempts.length) return '';
  const lines: string[] = [];
  // The same one call per heartbeat as before the fast path (agent_heartbeat_by_token)…
  lines.push(await bareLoad(bench, options, db, 'the same one call per heartbeat, no HTTP', (i) => beat(bench.tokens[i]!, attempts[i]!, 10, 'load')));
  // …and the statement the fast path sends: the heartbeats that arrive together, as one (group commit).
  if (process.env.DATABASE_URL) {
    const { HeartbeatBatcher, runHeartbeatBatch } = await import('../../lib/agent-api/heartbeat-batch');
    const batcher = new HeartbeatBatcher({ runBatch: (requests) => runHeartbeatBatch(db, requests), runOne: heartbeatInOneCall });
    const batched = await bareLoad(bench, options, db, 'batched as the fast path sends them (agent_heartbeats_by_token), no HTTP', async (i) => {
      const input = { attemptId: attempts[i]!, progress: 10, status: 'active' as const, message: 'load' };
      const answer = await batcher.submit({
        tokenHash: hashApiToken(bench.tokens[i]!.token),
        roles: ['builder'],
        input,
        idempotencyKey: randomUUID(),
        requestHash: requestHashOf('heartbeat', input),
      });
      if (!('body' in answer)) throw new Error(`The heartbeat answered ${JSON.stringify(answer)}`);
    });
    lines.push(
      `${batched}; ${batcher.stats.batches} statements, ${(batcher.stats.heartbeats / Math.max(1, batcher.stats.batches)).toFixed(1)} heartbeats each`,
    );
  }
  loadRow.bare = lastBareSamples;
  return lines.join('\n');
}

let lastBareSamples: number[] = [];

/** One bare heartbeat load at the benchmark's rate: its rate, latencies and CPU, as a line. */
async function bareLoad(bench: AgentBench, options: AgentBenchOptions, db: Database, label: string, beat: (i: number) => Promise<void>): Promise<string> {
  const loadBefore = os.loadavg();
  const cpuBefore = process.cpuUsage();
  const backendsBefore = await backendCpu(process.env.DATABASE_URL ? db : undefined);
  const started = performance.now();
  const load = await heartbeatLoad(bench.tokens.length, options, beat);
  const seconds = (performance.now() - started) / 1000;
  const requests = load.samples.length + load.failed;
  const cpu = process.cpuUsage(cpuBefore);
  let database = 0;
  for (const [pid, ms] of await backendCpu(process.env.DATABASE_URL ? db : undefined)) database += ms - (backendsBefore.get(pid) ?? 0);
  lastBareSamples = load.samples;
  const share = (ms: number) => `${((ms / (seconds * 1000)) * 100).toFixed(0)}% (${(ms / requests).toFixed(2)} ms per heartbeat)`;
  return (
    `heartbeats bare (${label}): ${load.perSecond.toFixed(0)}/s sustained (p50 ${summarise(load.samples).median.toFixed(1)} ms, ` +
    `p95 ${summarise(load.samples).p95.toFixed(1)} ms), ${load.failed} failed\n  CPU over ${seconds.toFixed(1)} s: the calling process ${share((cpu.user + cpu.system) / 1000)}` +
    `${process.env.DATABASE_URL ? `, its PostgreSQL backends ${share(database)}` : ''}; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ` +
    `${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} after`
  );
}

/** The benchmark's tokens are revoked when it ends (by its member), so that none stays live. */
export async function revokeBenchTokens(db: Database, bench: AgentBench): Promise<void> {
  await db.execute(sql`
    UPDATE api_tokens t SET revoked_at = now(), revoked_by = (SELECT created_by FROM api_tokens WHERE id = t.id)
     WHERE organisation_id = ${bench.organisationId} AND name = ${`bench ${bench.tag}`} AND revoked_at IS NULL`);
}
