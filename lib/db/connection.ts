import 'server-only';

import path from 'node:path';

import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';

import { lockDataDir } from './data-dir-lock';
import { SnapshotMemoryFS, takeSnapshot, type PgliteSnapshot } from './pglite-snapshot';
import { openPostgresPool, sessionSettings } from './pool';
import * as schema from './schema';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

export interface DatabaseHandle {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  readonly db: Database;
  /** Applies every pending migration in order; safe to run twice. */
  migrate(): Promise<void>;
  /**
   * PGlite only: the data directory as it is now, as a snapshot that
   * `connect({ kind: 'pglite-memory', from })` opens as an in-memory copy (the tests migrate
   * and seed once and copy the result for each file).
   */
  snapshot?(): Promise<PgliteSnapshot>;
  /**
   * LISTEN on `channel`: `onPayload` receives each NOTIFY's payload once it is committed. On
   * PostgreSQL all listens of a handle share one dedicated connection (postgres' sql.listen),
   * besides the pool; on PGlite notifications arrive in process. Resolves with the unlisten.
   * `onReconnect` runs when a lost PostgreSQL listen connection is back (notifications in the gap
   * are lost: replay them from the change log).
   */
  listen(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export type ConnectOptions =
  | { kind: 'postgres'; url: string; poolMax?: number; statementTimeoutMs?: number; connectTimeoutSeconds?: number }
  | { kind: 'pglite'; dataDir: string; sharedBuffersMb?: number }
  | { kind: 'pglite-memory'; from?: PgliteSnapshot };

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'drizzle');
const MIGRATION_LOCK_KEY = 7_305_112; // any constant: one migrator at a time per database

export class DatabaseUnreachableError extends Error {
  constructor(location: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`Cannot reach the PostgreSQL database at ${location} (from DATABASE_URL): ${reason}`, {
      cause,
    });
    this.name = 'DatabaseUnreachableError';
  }
}

/** host:port/database of a PostgreSQL URL, without the user's password. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname || '/'}`;
}

export async function connect(options: ConnectOptions): Promise<DatabaseHandle> {
  return options.kind === 'postgres' ? connectPostgres(options) : connectPglite(options);
}

async function connectPostgres(options: {
  url: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  connectTimeoutSeconds?: number;
}): Promise<DatabaseHandle> {
  const location = describePostgresUrl(options.url);
  const open = (max: number) =>
    openPostgresPool(options.url, {
      max,
      applicationName: 'gantry',
      statementTimeoutMs: options.statementTimeoutMs,
      connectTimeoutSeconds: options.connectTimeoutSeconds,
    });

  const client = open(options.poolMax ?? 10);
  try {
    await client`select 1`;
  } catch (error) {
    await client.end({ timeout: 1 });
    throw new DatabaseUnreachableError(location, error);
  }

  return {
    kind: 'postgres',
    location,
    db: drizzlePostgres({ client, schema, casing: 'snake_case' }) as unknown as Database,
    async migrate() {
      // A single connection of its own, so that the session advisory lock and the
      // migration run on the same backend: two migrators at once wait for each other.
      const single = open(1);
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
        await migratePostgres(drizzlePostgres({ client: single, casing: 'snake_case' }), {
          migrationsFolder: MIGRATIONS_FOLDER,
        });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
      } finally {
        await single.end({ timeout: 5 });
      }
    },
    async listen(channel, onPayload, onReconnect) {
      let listening = false;
      const request = await client.listen(channel, onPayload, () => {
        // Called on the first listen and again after every reconnect of the listen connection.
        if (listening) onReconnect?.();
        listening = true;
      });
      return () => request.unlisten();
    },
    close: () => client.end({ timeout: 5 }),
  };
}

async function connectPglite(
  options: { kind: 'pglite'; dataDir: string; sharedBuffersMb?: number } | { kind: 'pglite-memory'; from?: PgliteSnapshot },
): Promise<DatabaseHandle> {
  const dataDir = options.kind === 'pglite' ? path.resolve(options.dataDir) : undefined;
  const release = dataDir ? lockDataDir(dataDir) : () => {};
  try {
    // pg_trgm backs the palette's search (migration 0039); PostgreSQL ships it, PGlite loads it here.
    const extensions = { pg_trgm };
    // PostgreSQL settings go in as start parameters: PGlite writes its `postgresqlconf` option only
    // into a data directory it creates. The page cache lives in PGlite's WebAssembly memory, which
    // never shrinks (GANTRY_PGLITE_SHARED_BUFFERS_MB). An in-memory database (the tests' copies,
    // the inventory script) holds a few MB: PostgreSQL's default 128 MB of shared buffers and 100
    // connections' worth of shared memory, set up at every start, cost about a quarter of the
    // processor time of opening one (docs/testing.md).
    const settings =
      options.kind === 'pglite-memory'
        ? ['shared_buffers=32MB', 'max_connections=10']
        : options.sharedBuffersMb
          ? [`shared_buffers=${options.sharedBuffersMb}MB`]
          : [];
    const startParams = settings.length ? [...PGlite.defaultStartParams, ...settings.flatMap((setting) => ['-c', setting])] : undefined;
    const client = dataDir
      ? await PGlite.create(dataDir, { extensions, startParams })
      : await PGlite.create(
          options.kind === 'pglite-memory' && options.from ? { fs: new SnapshotMemoryFS(options.from), extensions, startParams } : { extensions, startParams },
        );
    return await pgliteHandle(client, dataDir ?? 'memory', release);
  } catch (error) {
    release();
    throw error;
  }
}

async function pgliteHandle(client: PGlite, location: string, release: () => void): Promise<DatabaseHandle> {
  const settings = sessionSettings(30_000);
  await client.exec(
    `SET lock_timeout = ${settings.lock_timeout};
     SET statement_timeout = ${settings.statement_timeout};
     SET TIME ZONE '${settings.TimeZone}';`,
  );
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });

  return {
    kind: 'pglite',
    location,
    db: db as unknown as Database,
    migrate: () => migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER }),
    snapshot: () => takeSnapshot(client),
    async listen(channel, onPayload) {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
