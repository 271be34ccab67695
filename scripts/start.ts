// npm start: builds when there is no build, then serves Gantry. Next.js runs in this process
// behind a plain node:http server (Next's custom server: next({ dev: false, dir }) and its request
// handler), on either database. The server itself migrates the embedded database (and seeds it
// when new) before it answers; see instrumentation.ts. On PostgreSQL, heartbeats are answered
// before Next's router by the heartbeat fast path (lib/agent-api/fast-path.ts;
// GANTRY_HEARTBEAT_FAST_PATH=0 turns it off), which hands Next every other request and any
// heartbeat it does not answer itself. (The embedded database used to be served by `next start` as
// a child process: a second Node process of about 67 MiB for nothing; docs/benchmarks.md.)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

import { env } from '../lib/env';
import { runMain } from './lib/run';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

/** Next.js telemetry stays off unless the person turned it on (see next.config.js). */
function childEnv(): NodeJS.ProcessEnv {
  const telemetry = process.env.NEXT_TELEMETRY_DISABLED;
  if (telemetry === undefined) return { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  return { ...process.env };
}

const seconds = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};

/**
 * Runs `next <args>`. With `quietAfterMs`, its output is passed through and, whenever it has
 * been silent that long (the compiler prints nothing for minutes on a slow machine), a line
 * says that it is still working and for how long.
 */
function run(args: string[], { quietAfterMs }: { quietAfterMs?: number } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const child = spawn(process.execPath, [nextBin, ...args], {
      stdio: quietAfterMs ? ['inherit', 'pipe', 'pipe'] : 'inherit',
      env: childEnv(),
    });
    let lastOutput = Date.now();
    child.stdout?.on('data', (chunk: Buffer) => {
      lastOutput = Date.now();
      process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      lastOutput = Date.now();
      process.stderr.write(chunk);
    });
    const ticker = quietAfterMs
      ? setInterval(() => {
          if (Date.now() - lastOutput < quietAfterMs) return;
          lastOutput = Date.now();
          console.log(`   … still ${args[0] === 'build' ? 'building' : 'working'} (${seconds(Date.now() - started)} so far)`);
        }, 1_000)
      : undefined;
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(ticker);
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function waitUntilHealthy(url: string, child: Promise<number>): Promise<boolean> {
  let exited = false;
  void child.then(() => (exited = true));
  for (let i = 0; i < 600 && !exited; i++) {
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

runMain(async () => {
  const { PORT, DATABASE_URL, GANTRY_DATA_DIR, GANTRY_HEARTBEAT_FAST_PATH } = env();
  const started = Date.now();

  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    console.log(
      'No build found: building Gantry first, once. This takes minutes, more on a busy machine\n' +
        '(measured times: docs/benchmarks.md). It compiles only: type checking and lint are left to\n' +
        '`npm run typecheck` and `npm run lint`, which CI runs. A line below says when it is still at work.\n',
    );
    const code = await run(['build'], { quietAfterMs: 15_000 });
    if (code !== 0) process.exit(code);
    console.log(`\nBuilt in ${seconds(Date.now() - started)}. Starting the server…`);
  }

  // The heartbeat fast path needs PostgreSQL (it shares no connection with the server's pool).
  const fastPathUrl = DATABASE_URL && GANTRY_HEARTBEAT_FAST_PATH ? DATABASE_URL : undefined;
  const server = serve(PORT, fastPathUrl);
  const url = `http://localhost:${PORT}`;
  if (await waitUntilHealthy(url, server)) {
    const where = DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : `the embedded database in ${GANTRY_DATA_DIR}/`;
    const fast = DATABASE_URL && GANTRY_HEARTBEAT_FAST_PATH ? ' Heartbeats take the fast path (GANTRY_HEARTBEAT_FAST_PATH=0 turns it off).' : '';
    console.log(`\nGantry is running at ${url} on ${where} (ready ${seconds(Date.now() - started)} after npm start).${fast} Press Ctrl+C to stop.\n`);
  }
  process.exit(await server);
});

/**
 * Next.js in this process behind a node:http server on `port`; with `fastPathUrl` (PostgreSQL),
 * the heartbeat fast path first. Resolves with the exit code once the server has stopped.
 */
async function serve(port: number, fastPathUrl: string | undefined): Promise<number> {
  Object.assign(process.env, childEnv(), { NODE_ENV: 'production' });
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: process.cwd(), port });
  const handleNext = app.getRequestHandler();
  // Loads the build and runs instrumentation.ts (which migrates or checks the database).
  await app.prepare();
  const fastPath = fastPathUrl ? (await import('../lib/agent-api/fast-path')).createHeartbeatFastPath({ databaseUrl: fastPathUrl }) : undefined;
  const toNext = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handleNext(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  };
  const server = http.createServer(fastPath ? (req, res) => fastPath.handle(req, res, (passed) => toNext(passed, res)) : toNext);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => console.log(`   Serving on port ${port}…`));
    const stop = (signal: NodeJS.Signals) => {
      console.log(`\n${signal}: stopping…`);
      server.close(() => void Promise.all([fastPath?.close(), app.close()]).finally(() => resolve(0)));
      // Keep-alive connections would hold the close open.
      server.closeIdleConnections();
      setTimeout(() => resolve(0), 5_000).unref();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
