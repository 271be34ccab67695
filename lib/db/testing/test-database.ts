import { randomBytes } from 'node:crypto';

import postgres from 'postgres';

import { connect, type DatabaseHandle } from '../connection';

/**
 * A database of the test file's own: a fresh in-memory PGlite, or, when TEST_DATABASE_URL is
 * set, a fresh PostgreSQL database created beside it and dropped on close. Migrated unless
 * asked not to. Close it in afterAll.
 */
export async function openTestDatabase({ migrate = true } = {}): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const handle = adminUrl ? await openPostgresTestDatabase(adminUrl) : await connect({ kind: 'pglite-memory' });
  if (migrate) await handle.migrate();
  return handle;
}

async function openPostgresTestDatabase(adminUrl: string): Promise<DatabaseHandle> {
  const name = `gantry_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await connect({ kind: 'postgres', url: url.toString(), poolMax: 4 });
  return {
    ...handle,
    async close() {
      try {
        await handle.close();
        await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
  };
}

export { pgErrorOf } from '../errors';
