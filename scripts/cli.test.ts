import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const tsx = path.join(process.cwd(), 'node_modules', '.bin', 'tsx');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-cli-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Runs one of the npm scripts' entry points the way npm does, with its own environment. */
async function script(name: string, env: Record<string, string>, args: string[] = []) {
  try {
    const { stdout, stderr } = await run(tsx, ['--conditions=react-server', `scripts/${name}.ts`, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('command-line scripts', () => {
  it('db:migrate stops with a message naming DATABASE_URL when it is not a PostgreSQL URL', async () => {
    const result = await script('migrate', { DATABASE_URL: 'mysql://root@localhost/gantry' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Gantry cannot start: invalid environment');
    expect(result.stderr).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it('db:migrate stops with a clear error when DATABASE_URL points at no server', async () => {
    const result = await script('migrate', { DATABASE_URL: 'postgres://gantry:hunter2@127.0.0.1:1/gantry' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Cannot reach the PostgreSQL database at 127.0.0.1:1/gantry (from DATABASE_URL)');
    expect(result.stderr).not.toContain('hunter2');
  });

  // The PostgreSQL run of the suite covers nothing new here: these use the embedded database.
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))(
    'db:migrate then db:seed fill an embedded database; run again, they change nothing',
    async () => {
      const env = { GANTRY_DATA_DIR: dataDir };
      expect((await script('migrate', env)).stdout).toMatch(/Applied \d+ migration\(s\) to .*0000_portfolio/);
      expect((await script('migrate', env)).stdout).toMatch(/is up to date \(\d+ migrations applied\)/);
      expect((await script('seed', env)).stdout).toContain('Added portfolio: 3 programs, 5 products, 12 features, 8 releases; roadmap: ');
      expect((await script('seed', env)).stdout).toContain(
        'Added portfolio: nothing new; roadmap: nothing new; governance: nothing new; foreman: nothing new; kernel: nothing new; planning: nothing new.',
      );
    },
    120_000,
  );

  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('db:seed refuses an unknown scale', async () => {
    const result = await script('seed', { GANTRY_DATA_DIR: dataDir }, ['--scale', 'XL']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown --scale "XL"');
  });
});
