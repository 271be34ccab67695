import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { connect, DatabaseUnreachableError, describePostgresUrl } from './connection';
import { DataDirLockedError } from './data-dir-lock';
import { query } from './testing/sql';

const folders: string[] = [];
function tempDataDir() {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-conn-')), 'nested', 'data');
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) fs.rmSync(path.dirname(path.dirname(dir)), { recursive: true, force: true });
});

describe('PostgreSQL by URL', () => {
  it('gives a clear error naming the database (without the password) when it cannot be reached', async () => {
    const attempt = connect({ kind: 'postgres', url: 'postgres://gantry:s3cret@127.0.0.1:1/gantry' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseUnreachableError);
    await expect(attempt).rejects.toThrow(/^Cannot reach the PostgreSQL database at 127\.0\.0\.1:1\/gantry \(from DATABASE_URL\): .*ECONNREFUSED/);
    await expect(attempt).rejects.not.toThrow(/s3cret/);
  });

  it('describes a URL without its credentials', () => {
    expect(describePostgresUrl('postgresql://u:p@db.example:6543/app')).toBe('db.example:6543/app');
    expect(describePostgresUrl('postgres://u@db.example/app')).toBe('db.example:5432/app');
  });
});

// These open PGlite folders whatever the test database is; the PGlite run covers them.
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('PGlite in a data folder', () => {
  // A folder PGlite has set up, copied for the tests that open an existing one: setting one up
  // (initdb) costs seconds of processor time, and the first test does that itself.
  let initialised: string;
  beforeAll(async () => {
    initialised = fs.mkdtempSync(path.join(os.tmpdir(), 'gantry-conn-initialised-'));
    await (await connect({ kind: 'pglite', dataDir: initialised })).close();
  });
  afterAll(() => fs.rmSync(initialised, { recursive: true, force: true }));
  const existingDataDir = () => {
    const dir = tempDataDir();
    fs.cpSync(initialised, dir, { recursive: true });
    return dir;
  };

  it('creates missing parent folders, runs in UTC with a 5 s lock timeout, and keeps data across opens', async () => {
    const dataDir = tempDataDir();
    const first = await connect({ kind: 'pglite', dataDir });
    const [settings] = await query<{ tz: string; lock: string }>(first.db, `SELECT current_setting('TimeZone') AS tz, current_setting('lock_timeout') AS lock`);
    expect(settings).toEqual({ tz: 'UTC', lock: '5s' });
    await query(first.db, 'CREATE TABLE kept (n int)');
    await query(first.db, 'INSERT INTO kept VALUES (42)');
    await first.close();

    const second = await connect({ kind: 'pglite', dataDir });
    expect(await query(second.db, 'SELECT n FROM kept')).toEqual([{ n: 42 }]);
    await second.close();
  });

  it("sizes PostgreSQL's page cache (shared_buffers) as asked, keeping PGlite's other start settings", async () => {
    const dataDir = existingDataDir();
    const small = await connect({ kind: 'pglite', dataDir, sharedBuffersMb: 16 });
    const settings = `SELECT current_setting('shared_buffers') AS buffers, current_setting('max_parallel_workers') AS workers, current_setting('search_path') AS path`;
    expect(await query(small.db, settings)).toEqual([{ buffers: '16MB', workers: '0', path: 'public' }]);
    await small.close();

    const unset = await connect({ kind: 'pglite', dataDir });
    expect(await query(unset.db, settings)).toEqual([{ buffers: '128MB', workers: '0', path: 'public' }]);
    await unset.close();
  });

  it('refuses a second opener of the same folder while the first holds it, and frees it on close', async () => {
    const dataDir = existingDataDir();
    const holder = await connect({ kind: 'pglite', dataDir });
    const lockFile = path.join(dataDir, 'gantry.lock');
    // Another live process holds the folder (this test's parent process stands in for it).
    fs.writeFileSync(lockFile, String(process.ppid));
    await expect(connect({ kind: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(connect({ kind: 'pglite', dataDir })).rejects.toThrow(
      `Another Gantry process (pid ${process.ppid}) holds the embedded database in ${dataDir}`,
    );
    fs.writeFileSync(lockFile, String(process.pid));
    await holder.close();
    expect(fs.existsSync(lockFile)).toBe(false);
  });

  it('takes over a stale lock left by a process that died', async () => {
    const dataDir = existingDataDir();
    fs.writeFileSync(path.join(dataDir, 'gantry.lock'), '999999999');
    const handle = await connect({ kind: 'pglite', dataDir });
    expect(fs.readFileSync(path.join(dataDir, 'gantry.lock'), 'utf8')).toBe(String(process.pid));
    await handle.close();
  });
});
