import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

import postgres from 'postgres';
import { inject } from 'vitest';

import { connect, type DatabaseHandle } from '../connection';
import { seedDemoData } from '../seed/demo';

/**
 * Test databases. Migrating (and seeding the demo data) takes longer than most test files, so
 * it is done once and copied. global-setup.ts migrates one database per run: on PGlite an
 * archive of its data directory, which every file opens as an in-memory copy; on PostgreSQL
 * (TEST_DATABASE_URL) a template database, which every file copies with CREATE DATABASE …
 * TEMPLATE. The demo data is seeded once per worker (per `today`) and copied the same way.
 */
declare module 'vitest' {
  export interface ProvidedContext {
    /** The migrated database of this run, made by global-setup.ts. */
    migratedTemplate: { kind: 'pglite-archive'; file: string } | { kind: 'postgres'; database: string } | null;
  }
}

/**
 * A database of the test file's own: a fresh in-memory PGlite, or, when TEST_DATABASE_URL is
 * set, a fresh PostgreSQL database created beside it and dropped on close. Migrated unless
 * asked not to. Close it in afterAll.
 */
export async function openTestDatabase({ migrate = true } = {}): Promise<DatabaseHandle> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = migrate ? migratedTemplate() : null;
  if (template?.kind === 'postgres' && adminUrl) return openPostgresTestDatabase(adminUrl, template.database);
  if (template?.kind === 'pglite-archive' && !adminUrl) return connect({ kind: 'pglite-memory', from: await pgliteArchive(template.file) });
  // Not migrated, or outside the project's vitest config (no global setup).
  const handle = adminUrl ? await openPostgresTestDatabase(adminUrl) : await connect({ kind: 'pglite-memory' });
  if (migrate) await handle.migrate();
  return handle;
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
let archive: { file: string; blob: Promise<Blob> } | undefined;

function migratedTemplate() {
  return inject('migratedTemplate') ?? null;
}

function pgliteArchive(file: string): Promise<Blob> {
  if (archive?.file !== file) archive = { file, blob: fs.promises.readFile(file).then((bytes) => new Blob([bytes])) };
  return archive.blob;
}

async function seedDemoTemplate(today: Date | undefined): Promise<DemoTemplate> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const template = migratedTemplate();
  if (template?.kind !== 'postgres' || !adminUrl) {
    // PGlite: seed an in-memory copy, keep its archive, open a copy of that for every file.
    const handle = await openTestDatabase();
    try {
      const { organisationId } = await seedDemoData(handle.db, { today });
      const seeded = await handle.archive!();
      return { organisationId, open: () => connect({ kind: 'pglite-memory', from: seeded }) };
    } finally {
      await handle.close();
    }
  }
  // PostgreSQL: a template database of this worker's, seeded and then left alone (PostgreSQL
  // copies a template only while nobody is connected to it); global-setup.ts drops it.
  const name = `${template.database}_demo_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`CREATE DATABASE "${name}" TEMPLATE "${template.database}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }
  const handle = await connect({ kind: 'postgres', url: databaseUrl(adminUrl, name), poolMax: 1 });
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
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  const handle = await connect({ kind: 'postgres', url: databaseUrl(adminUrl, name), poolMax: 4 });
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
