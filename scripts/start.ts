// npm start: builds when there is no build, then serves Gantry. The server itself migrates the
// embedded database (and seeds it when new) before it answers; see instrumentation.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { env } from '../lib/env';
import { runMain } from './lib/run';

const nextBin = path.join(process.cwd(), 'node_modules', 'next', 'dist', 'bin', 'next');

function run(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, ...args], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
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
  const { PORT, DATABASE_URL, GANTRY_DATA_DIR } = env();

  if (!fs.existsSync(path.join(process.cwd(), '.next', 'BUILD_ID'))) {
    console.log('No build found: building Gantry first (about a minute)…');
    const code = await run(['build']);
    if (code !== 0) process.exit(code);
  }

  const server = run(['start', '--port', String(PORT)]);
  const url = `http://localhost:${PORT}`;
  if (await waitUntilHealthy(url, server)) {
    const where = DATABASE_URL ? 'PostgreSQL from DATABASE_URL' : `the embedded database in ${GANTRY_DATA_DIR}/`;
    console.log(`\nGantry is running at ${url} on ${where}. Press Ctrl+C to stop.\n`);
  }
  process.exit(await server);
});
