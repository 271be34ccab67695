// npm run bench: serves a production build on its own database and measures what a manager
// waits for (median and 95th percentile), each beside the same data queries run bare on the
// same database, and the server's memory. Options: --runs N, --data-dir DIR (an existing
// embedded database, e.g. one filled with --scale L; default: a fresh one with demo data).
// With DATABASE_URL set it measures that PostgreSQL database instead (seed it first).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { runMain } from './lib/run';
import { printTable, time, type Row } from './bench/stats';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

function rssMiB(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
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

runMain(async () => {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '60' }, 'data-dir': { type: 'string' }, port: { type: 'string', default: '3211' } },
  });
  const runs = Number(values.runs);
  const onPostgres = Boolean(process.env.DATABASE_URL);
  const dataDir = values['data-dir'] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-bench-'));
  process.env.GANTRY_DATA_DIR = dataDir;

  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` first.');
  }

  const url = `http://localhost:${values.port}`;
  const server = spawn(process.execPath, [nextBin, 'start', '--port', values.port!], {
    env: { ...process.env, GANTRY_DATA_DIR: dataDir },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const rows: Row[] = [];
  let memory: { rss: number; peak: number };
  try {
    await waitForHealth(url);
    console.log(`Benchmark: ${onPostgres ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`}, ${runs} runs each, ${os.cpus().length} cores\n`);
    const page = async (pathname: string) => {
      const response = await fetch(`${url}${pathname}`);
      if (!response.ok) throw new Error(`${pathname} answered ${response.status}`);
      await response.text();
    };
    rows.push({ figure: 'overview page (server render)', app: await time(runs, 5, () => page('/')) });
    rows.push({ figure: 'health check', app: await time(runs, 5, () => page('/api/health')) });
    memory = rssMiB(server.pid!);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }

  // The same data, read bare in this process once the server has let go of the database.
  const { getDb } = await import('../lib/db/client');
  const { getOverview } = await import('../lib/portfolio/overview');
  const { getCurrentOrganisation } = await import('../lib/tenancy/current-organisation');
  await getDb();
  const organisation = await getCurrentOrganisation();
  if (!organisation) throw new Error('The benchmark database has no organisation');
  rows[0]!.bare = await time(runs, 5, async () => {
    await getCurrentOrganisation();
    await getOverview({ organisationId: organisation.id });
  });

  printTable(rows);
  console.log(`\nserver memory after the runs: ${memory.rss.toFixed(0)} MiB resident, ${memory.peak.toFixed(0)} MiB peak`);
  if (!values['data-dir']) fs.rmSync(dataDir, { recursive: true, force: true });
});
