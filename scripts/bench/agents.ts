// The agent API in `npm run bench`: a builder's claim → heartbeat → evidence → complete round
// trip over HTTP, and sustained heartbeats from many simulated builders at a target rate, each
// beside the same statements run bare in-process (the domain functions in their transactions,
// without HTTP, token lookup, rate limit, idempotency or the audit row).
import { randomUUID } from 'node:crypto';

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
 * for `seconds`; answers how long each took and how many per second went through.
 */
async function heartbeatLoad(
  count: number,
  options: AgentBenchOptions,
  beat: (i: number) => Promise<void>,
): Promise<{ samples: number[]; perSecond: number; failed: number }> {
  const interval = (count / options.rate) * 1000;
  const end = performance.now() + options.seconds * 1000;
  const samples: number[] = [];
  let failed = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      let next = start + Math.random() * interval;
      while (next < end) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const t = performance.now();
        try {
          await beat(i);
          samples.push(performance.now() - t);
        } catch {
          failed++;
        }
        next += interval;
      }
    }),
  );
  return { samples, perSecond: samples.length / ((performance.now() - start) / 1000), failed };
}

/** While the server runs: the round trip, then the heartbeat load, over HTTP. */
export async function benchAgentApi(bench: AgentBench, url: string, options: AgentBenchOptions): Promise<{ rows: Row[]; load: string }> {
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
  const load = await heartbeatLoad(bench.tokens.length, options, async (i) => {
    await post(bench.tokens[i]!.token, `/api/v1/attempts/${attempts[i]}/heartbeat`, { progress: 10, message: 'load' });
  });
  (bench as AgentBench & { loadAttempts?: string[] }).loadAttempts = attempts;
  return {
    rows: [
      { figure: 'agent round trip: claim → heartbeat → evidence → complete', app: roundTrip },
      { figure: `heartbeats from ${bench.tokens.length} builders at ${options.rate}/s`, app: load.samples },
    ],
    load: `heartbeats over HTTP: ${load.perSecond.toFixed(0)}/s sustained for ${options.seconds} s from ${bench.tokens.length} builders (target ${options.rate}/s, p95 ${summarise(load.samples).p95.toFixed(1)} ms), ${load.failed} failed`,
  };
}

/** Once the server has let go of the database: the same statements bare, beside each row. */
export async function benchAgentBare(bench: AgentBench, rows: Row[], options: AgentBenchOptions): Promise<string> {
  const { withOrganisation } = await import('../../lib/db/client');
  const { claimWork } = await import('../../lib/agent-api/work');
  const { heartbeat, recordEvidence, completeAttempt } = await import('../../lib/agent-api/attempts');
  const callerOf = (t: AgentBench['tokens'][number]) => ({
    kind: 'token' as const,
    tokenId: t.tokenId,
    builderId: t.builderId,
    userId: null,
    organisationId: bench.organisationId,
    role: 'builder' as const,
  });
  const inOrganisation = <T>(t: AgentBench['tokens'][number], work: (tx: Database) => Promise<T>) =>
    withOrganisation(bench.organisationId, work, { actor: `token:${t.tokenId}` });

  const first = bench.tokens[0]!;
  const caller = callerOf(first);
  let next = 0;
  const roundTrip = rows.find((r) => r.figure.startsWith('agent round trip'));
  if (roundTrip) {
    roundTrip.bare = await time(options.runs, 5, async () => {
      const workId = bench.bareItems[next++]!;
      const claim = await inOrganisation(first, (tx) => claimWork(tx, caller, { workId, ttlSeconds: 300 }));
      await inOrganisation(first, (tx) => heartbeat(tx, caller, { attemptId: claim.id, progress: 50, status: 'active', message: 'benchmark' }));
      await inOrganisation(first, (tx) => recordEvidence(tx, caller, { attemptId: claim.id, type: 'build_artifact', content: `built ${workId}` }));
      await inOrganisation(first, (tx) => completeAttempt(tx, caller, { attemptId: claim.id }));
    });
  }
  const attempts = (bench as AgentBench & { loadAttempts?: string[] }).loadAttempts ?? [];
  const loadRow = rows.find((r) => r.figure.startsWith('heartbeats from'));
  if (!loadRow || !attempts.length) return '';
  const load = await heartbeatLoad(bench.tokens.length, options, async (i) => {
    const t = bench.tokens[i]!;
    await inOrganisation(t, (tx) => heartbeat(tx, callerOf(t), { attemptId: attempts[i]!, progress: 10, status: 'active', message: 'load' }));
  });
  loadRow.bare = load.samples;
  return `heartbeats bare: ${load.perSecond.toFixed(0)}/s sustained (p95 ${summarise(load.samples).p95.toFixed(1)} ms), ${load.failed} failed`;
}

/** The benchmark's tokens are revoked when it ends (by its member), so that none stays live. */
export async function revokeBenchTokens(db: Database, bench: AgentBench): Promise<void> {
  await db.execute(sql`
    UPDATE api_tokens t SET revoked_at = now(), revoked_by = (SELECT created_by FROM api_tokens WHERE id = t.id)
     WHERE organisation_id = ${bench.organisationId} AND name = ${`bench ${bench.tag}`} AND revoked_at IS NULL`);
}
