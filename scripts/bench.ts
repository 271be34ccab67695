// npm run bench: serves a production build on its own database and measures what a manager
// waits for (median and 95th percentile), each beside the same data queries run bare on the
// same database, and the server's memory. Options: --runs N, --data-dir DIR (an existing
// embedded database, e.g. one filled with --scale L; default: a fresh one with demo data).
// With DATABASE_URL set it measures that PostgreSQL database instead (seed it first). Pages are
// for members: on the embedded database the benchmark adds an owner of the demo organisation
// (bench@gantry.invalid) before it starts the server; on PostgreSQL it signs in as the member
// named by GANTRY_BENCH_EMAIL and GANTRY_BENCH_PASSWORD. The agent API's figures (--agents N
// builders sending --heartbeat-rate heartbeats a second for --heartbeat-seconds) add builders,
// their tokens (revoked at the end) and work items tagged with the run to that database, and lift
// the demo organisation's limit of live items in the post_launch phase. The change feed's figures
// (--live-streams N event streams, default 500; 0 skips them) time a heartbeat's way to every
// open stream and the instance's fan-out rate (scripts/bench/live.ts). The audit page's figures
// (scripts/bench/audit.ts; `--only audit` alone) read the member's organisation's audit log;
// --fill-audit first tops it up to 1,000,000 rows. `--only memory`: --runs rounds of every page and
// the server's memory after each (scripts/bench/memory-pages.ts). `--only board`: the board's render and move
// alone (scripts/bench/board.ts); `--browser`: what a person sees, in chromium (scripts/bench/browser.ts), on boards of
// about 1,000 and 10,000 cards that it makes when the database has none (scripts/bench/bench-boards.ts).
// `--only pages`: every page's server render alone, the list pages and one of each detail page (scripts/bench/pages.ts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { runMain } from './lib/run';
import { benchAgentApi, benchAgentBare, prepareAgentBench, revokeBenchTokens, type AgentBench, type AgentBenchOptions } from './bench/agents';
import { benchAudit, fillAuditLog } from './bench/audit';
import { benchBlockerPages, benchBlockerReads } from './bench/blockers';
import { benchBoardBare, benchBoardOnly, benchBoardPages, findBenchBoard } from './bench/board';
import { benchBrowser } from './bench/browser';
import { detailPaths } from './bench/detail-pages';
import { benchLiveStreams } from './bench/live';
import { benchPagesOnly, LIST_PAGES } from './bench/pages';
import { benchReleaseBare, benchReleasePages } from './bench/releases';
import { benchRoadmap } from './bench/roadmap';
import { benchSearchBare, benchSearchRoute } from './bench/search';
import { rssMiB } from './bench/memory';
import { benchMemoryOnly } from './bench/memory-pages';
import { printTable, time, type Row } from './bench/stats';

// `npm start`'s own command: scripts/start.mjs compiles scripts/start.ts and runs it.
const startScript = path.join(process.cwd(), 'scripts', 'start.mjs');

/** Node's flags as `npm start` passes them (package.json's start script), or `flags` instead of V8's and Node's own. */
function serverNodeFlags(flags: string | undefined): string[] {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as { scripts: { start: string } };
  const start = scripts.start.split(/\s+/).filter((arg) => arg.startsWith('--'));
  if (flags === undefined) return start;
  return [...start.filter((arg) => arg.startsWith('--conditions')), ...flags.split(/\s+/).filter(Boolean)];
}

const BENCH_MEMBER = { name: 'Benchmark', email: 'bench@gantry.invalid', password: 'a benchmark passphrase for gantry' };

/** Builders, tokens and work for the agent API's figures, before the server opens the database. */
async function prepareAgents(email: string, options: AgentBenchOptions): Promise<AgentBench> {
  const { prepareForServing, serverConnectOptions } = await import('../lib/db/client');
  const { connect } = await import('../lib/db/connection');
  const handle = await connect(serverConnectOptions());
  try {
    await prepareForServing(handle);
    return await prepareAgentBench(handle.db, email, options);
  } finally {
    await handle.close();
  }
}

/** Who the benchmark signs in as; on the embedded database, made (with the data) before the server opens it. */
async function prepareMember(onPostgres: boolean): Promise<{ email: string; password: string }> {
  if (onPostgres) {
    const email = process.env.GANTRY_BENCH_EMAIL;
    const password = process.env.GANTRY_BENCH_PASSWORD;
    if (!email || !password) throw new Error('On PostgreSQL the benchmark signs in as a member: set GANTRY_BENCH_EMAIL and GANTRY_BENCH_PASSWORD.');
    return { email, password };
  }
  const { prepareForServing, serverConnectOptions } = await import('../lib/db/client');
  const { connect } = await import('../lib/db/connection');
  const { addBenchmarkMember } = await import('./bench/member');
  const handle = await connect(serverConnectOptions());
  try {
    await prepareForServing(handle);
    await addBenchmarkMember(handle.db, BENCH_MEMBER);
  } finally {
    await handle.close();
  }
  return BENCH_MEMBER;
}

async function signIn(url: string, member: { email: string; password: string }): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify(member),
  });
  if (!response.ok) throw new Error(`Signing in as ${member.email} failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

async function waitForHealth(url: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('The server did not become healthy within a minute');
}

/** A session for the bare reads, made in this process (the server's session is just as good, but this one is local). */
async function signInBare(member: { email: string; password: string }): Promise<string> {
  const { getAuth } = await import('../lib/auth/auth');
  const auth = await getAuth();
  const { headers } = await auth.api.signInEmail({ body: member, returnHeaders: true });
  return headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

/** The machine's load average (1, 5 and 15 minutes), printed with the figures: the machine may be shared. */
function loadAverage(): string {
  return `load average ${os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' / ')}`;
}

runMain(async () => {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '60' },
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '3211' },
      agents: { type: 'string', default: '500' },
      'heartbeat-rate': { type: 'string', default: '1000' },
      'heartbeat-seconds': { type: 'string', default: '10' },
      // Seconds of the same load before those measured, timed apart (a cold server and new connections).
      'heartbeat-warmup': { type: 'string', default: '2' },
      // Keep-alive connections of the heartbeat load's client; by default one a builder (64 before 3 December 2026).
      'heartbeat-sockets': { type: 'string' },
      // `--only agents`: the agent API's figures alone (no pages); `--only audit`: the audit page's; `--only search`: the palette's search alone.
      only: { type: 'string' },
      // `--only board`: the board's render and move alone; `--browser`: what a person sees in chromium (scripts/bench/browser.ts).
      browser: { type: 'boolean', default: false },
      'fill-audit': { type: 'boolean', default: false },
      'live-streams': { type: 'string', default: '500' },
      // `--only pages`: every list page's render alone (scripts/bench/pages.ts); `--pages /,/builders` picks some.
      pages: { type: 'string' },
      // Node's flags for the server instead of `npm start`'s own (package.json), e.g. to compare V8's heap settings.
      'node-flags': { type: 'string' },
    },
  });
  const runs = Number(values.runs);
  const agentOptions: AgentBenchOptions = {
    runs,
    builders: Number(values.agents),
    rate: Number(values['heartbeat-rate']),
    seconds: Number(values['heartbeat-seconds']),
    warmup: Number(values['heartbeat-warmup']),
    sockets: values['heartbeat-sockets'] ? Number(values['heartbeat-sockets']) : undefined,
  };
  const onPostgres = Boolean(process.env.DATABASE_URL);
  const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-'));
  process.env.GANTRY_DATA_DIR = dataDir;

  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` first.');
  }

  const member = await prepareMember(onPostgres);
  if (values['fill-audit']) {
    const { serverConnectOptions } = await import('../lib/db/client');
    const { connect } = await import('../lib/db/connection');
    const handle = await connect(serverConnectOptions());
    try {
      console.log(`audit log: ${(await fillAuditLog(handle.db, member.email)).toLocaleString('en')} rows added (to 1,000,000)`);
    } finally {
      await handle.close();
    }
  }
  const auditOnly = values.only === 'audit';
  const serve = () =>
    spawn(process.execPath, [...serverNodeFlags(values['node-flags']), startScript], {
      env: { ...process.env, GANTRY_DATA_DIR: dataDir, PORT: values.port, GANTRY_DEMO_AGENTS: '0', GANTRY_LIVE_STREAMS_PER_CALLER: '100000' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  if (values.only === 'board' || values.browser) {
    const harness = { runs, url: `http://localhost:${values.port}`, member, serve, waitForHealth, signIn, signInBare };
    await (values.browser ? benchBrowser(harness) : benchBoardOnly(harness));
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (values.only === 'pages') {
    const paths = values.pages ? values.pages.split(',').map((p) => p.trim()) : [...LIST_PAGES, ...(await detailPaths(member.email))];
    printTable(await benchPagesOnly({ runs, url: `http://localhost:${values.port}`, member, serve, waitForHealth, signIn, paths, loadAverage }));
    console.log(`\n${loadAverage()} at the end`);
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (values.only === 'search') {
    const url = `http://localhost:${values.port}`;
    const server = serve();
    const rows: Row[] = [];
    try {
      await waitForHealth(url);
      console.log(
        `Benchmark (search only): ${onPostgres ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`}, ${runs} runs each, ${os.cpus().length} cores, ${loadAverage()} at the start\n`,
      );
      rows.push(...(await benchSearchRoute({ runs, url, cookie: await signIn(url, member) })));
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
    await (await import('../lib/db/client')).getDb();
    await benchSearchBare({ runs, headers: new Headers({ cookie: await signInBare(member) }), rows });
    printTable(rows);
    console.log(`\n${loadAverage()} at the end`);
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (values.only === 'memory') {
    const url = `http://localhost:${values.port}`;
    const where = `${onPostgres ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`}, server's Node flags: ${serverNodeFlags(values['node-flags']).join(' ')}`;
    await benchMemoryOnly({ rounds: runs, url, member, where, serve, waitForHealth, signIn, loadAverage });
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  const agents = auditOnly ? undefined : await prepareAgents(member.email, agentOptions);
  const board = await findBenchBoard();
  const url = `http://localhost:${values.port}`;
  // The server as `npm start` runs it (scripts/start.ts: Next.js in-process behind node:http, and
  // on PostgreSQL the heartbeat fast path; GANTRY_HEARTBEAT_FAST_PATH=0 measures without it). PORT:
  // the server accepts sign-in from the address it is served at; no simulated demo builders (they would add their own load to every
  // figure); the live streams' figures open many streams as one person, so the per-person bound is lifted.
  const server = serve();
  const rows: Row[] = [];
  let boardRows: Row[] = [];
  let releases!: Awaited<ReturnType<typeof benchReleasePages>>;
  let memory: { rss: number; peak: number };
  let roadmap!: Awaited<ReturnType<typeof benchRoadmap>>;
  let audit!: Awaited<ReturnType<typeof benchAudit>>;
  let agentRows: Row[] = [];
  const agentLines: string[] = [];
  try {
    await waitForHealth(url);
    console.log(
      `Benchmark: ${onPostgres ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`}, ${runs} runs each, ${os.cpus().length} cores, ${loadAverage()} at the start\n`,
    );
    const agentsOnly = values.only === 'agents';
    const cookie = await signIn(url, member);
    const page = async (pathname: string) => {
      // A redirect (to sign in) would time the wrong page.
      const response = await fetch(`${url}${pathname}`, { headers: { cookie }, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
      return response.text();
    };
    if (!agentsOnly) audit = await benchAudit({ runs, page });
    if (!agentsOnly && !auditOnly) {
      rows.push({ figure: 'overview page (server render)', app: await time(runs, 5, () => page('/')) });
      rows.push({ figure: 'health check', app: await time(runs, 5, () => page('/api/health')) });
      if (board) rows.push(...(boardRows = await benchBoardPages(board, { runs, url, cookie, page })));
      rows.push(...(await benchBlockerPages({ runs, page })));
      releases = await benchReleasePages(page, runs);
      roadmap = await benchRoadmap({ runs, page });
      rows.push(...(await benchSearchRoute({ runs, url, cookie })));
    }
    memory = rssMiB(server.pid!);
    if (agents) {
      const onPostgresDb = onPostgres ? await (await import('../lib/db/client')).getDb() : undefined;
      const agentApi = await benchAgentApi(agents, url, agentOptions, { serverPid: server.pid!, db: onPostgresDb });
      agentRows = agentApi.rows;
      agentLines.push(agentApi.load);
      memory = rssMiB(server.pid!);
      if (onPostgres) agentLines.push(await benchAgentBare(agents, agentRows, agentOptions));
      const beat = agents.tokens[0];
      if (beat && Number(values['live-streams']) > 0) {
        agentLines.push(
          ...(await benchLiveStreams({
            url,
            cookie,
            streams: Number(values['live-streams']),
            changes: Math.min(runs, 30),
            burstSeconds: 5,
            memory: () => rssMiB(server.pid!).rss,
            change: async () => {
              const response = await fetch(`${url}/api/v1/builder/heartbeat`, {
                method: 'POST',
                headers: { authorization: `Bearer ${beat.token}`, 'content-type': 'application/json' },
                body: JSON.stringify({ message: 'bench: live streams' }),
              });
              if (response.status !== 200) throw new Error(`a heartbeat answered ${response.status}: ${await response.text()}`);
            },
          })),
        );
      }
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  if (auditOnly) {
    const { getDb } = await import('../lib/db/client');
    await getDb();
    rows.push(...(await audit.bare(new Headers({ cookie: await signInBare(member) }))));
    printTable(rows);
    console.log(`\n${loadAverage()} at the end`);
    console.log(`\nserver memory after the runs: ${memory!.rss.toFixed(0)} MiB resident, ${memory!.peak.toFixed(0)} MiB peak`);
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }
  if (!agents) return;
  if (values.only === 'agents') {
    rows.push(...agentRows);
    await revokeBenchTokens(await (await import('../lib/db/client')).getDb(), agents);
    printTable(rows);
    console.log(`\n${loadAverage()} at the end`);
    for (const line of agentLines.filter(Boolean)) console.log(`\n${line}`);
    console.log(`\nserver memory after the runs: ${memory!.rss.toFixed(0)} MiB resident, ${memory!.peak.toFixed(0)} MiB peak`);
    if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
    return;
  }

  // The same reads (who is asking, their organisation, the overview's data), bare in this
  // process once the server has let go of the database.
  const { getDb } = await import('../lib/db/client');
  const { getOverview } = await import('../lib/portfolio/overview');
  const { getOrganisationSummary } = await import('../lib/organisations/summary');
  const { resolveCaller } = await import('../lib/auth/identity');
  await getDb();
  const headers = new Headers({ cookie: await signInBare(member) });
  rows[0]!.bare = await time(runs, 5, async () => {
    const caller = await resolveCaller(headers);
    if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
    await getOrganisationSummary(caller);
    await getOverview(caller);
  });

  if (board) {
    const call = await benchBoardBare(board, boardRows, { runs, headers });
    rows.push(...call);
  }
  await benchBlockerReads({ runs, headers, rows });
  rows.push(
    ...(await benchReleaseBare(releases.rows, {
      releaseId: releases.releaseId,
      runs,
      whoIsAsking: async () => {
        const caller = await resolveCaller(headers);
        if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
        return caller;
      },
    })),
  );

  rows.push(...(await roadmap.bare(headers)));
  rows.push(...(await audit.bare(headers)));
  await benchSearchBare({ runs, headers, rows });
  if (!onPostgres) agentLines.push(await benchAgentBare(agents, agentRows, agentOptions));
  rows.push(...agentRows);
  await revokeBenchTokens(await getDb(), agents);

  printTable(rows);
  console.log(`\n${loadAverage()} at the end`);
  for (const line of agentLines.filter(Boolean)) console.log(`\n${line}`);
  console.log(`\nserver memory after the runs: ${memory.rss.toFixed(0)} MiB resident, ${memory.peak.toFixed(0)} MiB peak`);
  if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
});
