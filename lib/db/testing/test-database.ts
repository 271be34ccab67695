import { randomBytes } from 'node:crypto';

import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';

import { connect, type Database, type DatabaseHandle } from '../connection';
import type { PgliteSnapshot } from '../pglite-snapshot';
import { seedDemoData } from '../seed/demo';
import { TEST_CONNECT_TIMEOUT_SECONDS } from './connect-timeout';

/**
 * Test databases. Migrating (and seeding the demo data) takes longer than most test files, so
 * it is done once and copied. On PGlite each worker migrates one in-memory database, keeps a
 * snapshot of its data directory and opens an in-memory copy of it for every file; on
 * PostgreSQL (TEST_DATABASE_URL) global-setup.ts migrates a template database once per run and
 * every file copies it with CREATE DATABASE … TEMPLATE. The demo data is seeded once per worker
 * (per `today`) and copied the same way.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated template database of this run on PostgreSQL, made by global-setup.ts. */
    postgresTemplate: string | null;
  }
}

/**
 * A database of the test file's own: a fresh in-memory PGlite, or, when TEST_DATABASE_URL is
 * set, a fresh PostgreSQL database created beside it and dropped on close. Migrated unless
 * asked not to. Close it in afterAll.
 */
export async function openTestDatabase({ migrate = true } = {}): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return migrate ? connect({ kind: 'pglite-memory', from: await migratedPglite() }) : connect({ kind: 'pglite-memory' });
  const template = migrate ? postgresTemplate() : null;
  if (template) return openPostgresTestDatabase(adminUrl, template);
  // Not migrated, or outside the project's vitest config (no global setup).
  const handle = await openPostgresTestDatabase(adminUrl);
  if (migrate) await handle.migrate();
  return handle;
}

/** A test file's database, open while its tests run (setUpTestDatabase). */
export interface TestDatabase {
  readonly db: Database;
  readonly handle: DatabaseHandle;
}

/**
 * The test file's own migrated database (openTestDatabase): opened before its tests, then set up
 * by `seed` if given, and closed after them. Call it at the top level of a test file, before its
 * other hooks; read `.db` in tests and hooks. With `when: false` nothing is opened (a file whose
 * tests all skip here, such as the PostgreSQL-only races on PGlite).
 */
export function setUpTestDatabase(seed?: (db: Database) => Promise<unknown>, { when = true }: { when?: boolean } = {}): TestDatabase {
  let handle: DatabaseHandle | undefined;
  beforeAll(async () => {
    if (!when) return;
    handle = await openTestDatabase();
    await seed?.(handle.db);
  });
  afterAll(async () => {
    await handle?.close();
  });
  const opened = () => {
    if (!handle) throw new Error('The test database is open only while the tests run (in tests and hooks)');
    return handle;
  };
  return {
    get db() {
      return opened().db;
    },
    get handle() {
      return opened();
    },
  };
}

/**
 * A migrated test database with the demo data (seedDemoData) in it, and the demo
 * organisation's id. `today` is the seed's today (default: now). Close the handle in afterAll.
 */
export async function openDemoDatabase({ today }: { today?: Date } = {}): Promise<{
  handle: DatabaseHandle;
  organisationId: string;
}> {
  const key = today?.toISOString() ?? 'now';
  let seeded = demoTemplates.get(key);
  if (!seeded) {
    seeded = seedDemoTemplate(today);
    demoTemplates.set(key, seeded);
    seeded.catch(() => demoTemplates.delete(key));
  }
  const { organisationId, open } = await seeded;
  return { handle: await open(), organisationId };
}

interface DemoTemplate {
  organisationId: string;
  open(): Promise<DatabaseHandle>;
}
/** This worker's seeded templates, by `today`. */
const demoTemplates = new Map<string, Promise<DemoTemplate>>();
let pgliteSnapshot: Promise<PgliteSnapshot> | undefined;

function postgresTemplate(): string | null {
  return inject('postgresTemplate') ?? null;
}

/** This worker's migrated in-memory database, as the snapshot each file opens a copy of. */
function migratedPglite(): Promise<PgliteSnapshot> {
  pgliteSnapshot ??= (async () => {
    const handle = await connect({ kind: 'pglite-memory' });
    try {
      await handle.migrate();
      return await handle.snapshot!();
    } finally {
      await handle.close();
    }
  })();
  pgliteSnapshot.catch(() => (pgliteSnapshot = undefined));
  return pgliteSnapshot;
}

async function seedDemoTemplate(today: Date | undefined): Promise<DemoTemplate> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = postgresTemplate();
  if (!template || !adminUrl) {
    // PGlite: seed an in-memory copy, keep its snapshot, open a copy of that for every file.
    const handle = await openTestDatabase();
    try {
      const { organisationId } = await seedDemoData(handle.db, { today });
      const seeded = await handle.snapshot!();
      return { organisationId, open: () => connect({ kind: 'pglite-memory', from: seeded }) };
    } finally {
      await handle.close();
    }
  }
  // PostgreSQL: a template database of this worker's, seeded and then left alone (PostgreSQL
  // copies a template only while nobody is connected to it); global-setup.ts drops it.
  const name = `${template}_demo_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, connect_timeout: TEST_CONNECT_TIMEOUT_SECONDS, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const handle = await connect({ kind: 'postgres', url: databaseUrl(adminUrl, name), poolMax: 1, connectTimeoutSeconds: TEST_CONNECT_TIMEOUT_SECONDS });
  try {
    const { organisationId } = await seedDemoData(handle.db, { today });
    return { organisationId, open: () => openPostgresTestDatabase(adminUrl, name) };
  } finally {
    await handle.close();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openPostgresTestDatabase(adminUrl: string, template?: string): Promise<DatabaseHandle> {
  const name = `gantry_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, connect_timeout: TEST_CONNECT_TIMEOUT_SECONDS, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  const handle = await connect({ kind: 'postgres', url: databaseUrl(adminUrl, name), poolMax: 4, connectTimeoutSeconds: TEST_CONNECT_TIMEOUT_SECONDS });
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
