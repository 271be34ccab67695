import 'server-only';

import { env } from '../env';
import { connect, type ConnectOptions, type Database, type DatabaseHandle } from './connection';
import { getMigrationStatus, type MigrationStatus } from './migrations';
import { seedDemoData } from './seed/demo';
import { runAsOrganisation } from './tenant';

export class DatabaseBehindError extends Error {
  constructor(
    readonly location: string,
    readonly status: MigrationStatus,
  ) {
    super(
      `The database at ${location} is behind this version of Gantry: ` +
        `${status.pending.length} migration(s) not applied (${status.pending.join(', ')}). ` +
        'Run `npm run db:migrate`, then start Gantry again.',
    );
    this.name = 'DatabaseBehindError';
  }
}

/** Where the server's data lives: PostgreSQL when DATABASE_URL is set, else PGlite in a folder. */
export function serverConnectOptions(): ConnectOptions {
  const { DATABASE_URL, GANTRY_DATA_DIR, GANTRY_PGLITE_SHARED_BUFFERS_MB, DB_POOL_MAX, DB_STATEMENT_TIMEOUT_MS } = env();
  return DATABASE_URL
    ? { kind: 'postgres', url: DATABASE_URL, poolMax: DB_POOL_MAX, statementTimeoutMs: DB_STATEMENT_TIMEOUT_MS }
    : { kind: 'pglite', dataDir: GANTRY_DATA_DIR, sharedBuffersMb: GANTRY_PGLITE_SHARED_BUFFERS_MB };
}

/**
 * Makes a connection fit to serve. The embedded database migrates itself and, when it is
 * brand new, receives the demo data once; a PostgreSQL database that is behind is refused.
 */
export async function prepareForServing(handle: DatabaseHandle): Promise<void> {
  const status = await getMigrationStatus(handle.db);
  if (handle.kind === 'postgres') {
    if (!status.current) throw new DatabaseBehindError(handle.location, status);
    return;
  }
  if (status.current) return;
  await handle.migrate();
  if (status.applied === 0) await seedDemoData(handle.db);
}

// One connection per server process, kept on globalThis so that development's hot reload
// does not open a second PGlite on the same folder (which its lock would refuse).
const state = globalThis as typeof globalThis & {
  __gantryConnection?: Promise<DatabaseHandle>;
  __gantryReady?: Promise<Database>;
};

function connection(): Promise<DatabaseHandle> {
  state.__gantryConnection ??= connect(serverConnectOptions()).catch((error: unknown) => {
    state.__gantryConnection = undefined;
    throw error;
  });
  return state.__gantryConnection;
}

/**
 * Serves from a connection opened elsewhere (a test's own database), or forgets it. Domain
 * functions then read that database through getDb() like in a running server.
 */
export function attachDatabase(handle: DatabaseHandle | undefined): void {
  state.__gantryConnection = handle && Promise.resolve(handle);
  state.__gantryReady = handle && Promise.resolve(handle.db);
}

/** The server's database, connected and ready to serve. */
export function getDb(): Promise<Database> {
  state.__gantryReady ??= connection()
    .then(async (handle) => {
      await prepareForServing(handle);
      return handle.db;
    })
    .catch((error: unknown) => {
      state.__gantryReady = undefined;
      throw error;
    });
  return state.__gantryReady;
}

/**
 * The seam for every domain read and write: `work` runs in one transaction as the application
 * role inside `organisationId`, so row-level security shows it that organisation's rows only and
 * refuses a row of another. `actor` names the caller in audit rows that triggers write.
 */
export async function withOrganisation<T>(organisationId: string, work: (tx: Database) => Promise<T>, { actor }: { actor?: string } = {}): Promise<T> {
  return runAsOrganisation(await getDb(), { organisationId, actor }, work);
}

/**
 * LISTEN on the server's database (the change feed, lib/live/hub.ts): one dedicated connection
 * per server process on PostgreSQL, in process on PGlite. Resolves with the unlisten.
 */
export async function listenOnDatabase(channel: string, onPayload: (payload: string) => void, onReconnect?: () => void): Promise<() => Promise<void>> {
  await getDb();
  return (await connection()).listen(channel, onPayload, onReconnect);
}

/**
 * Runs `work` on the connection's own user, outside any organisation (the change log's prune),
 * when the server's database is open or opening; else does nothing. A timer's chore never opens
 * the database itself: in a test worker whose database was detached, it would migrate and seed
 * the default embedded one in `.data/` (seen in CI, ten minutes into a suite).
 */
export async function withConnectionUser<T>(work: (db: Database) => Promise<T>): Promise<T | undefined> {
  if (!state.__gantryReady) return undefined;
  return work(await state.__gantryReady);
}

export interface DatabaseHealth {
  ok: boolean;
  kind: DatabaseHandle['kind'] | 'unknown';
  reachable: boolean;
  migrations: MigrationStatus | null;
  error?: string;
}

/** The database's state for /api/health: reachable, and migrations current. */
export async function getDatabaseHealth(): Promise<DatabaseHealth> {
  let handle: DatabaseHandle;
  try {
    handle = await connection();
  } catch (error) {
    return { ok: false, kind: 'unknown', reachable: false, migrations: null, error: messageOf(error) };
  }
  // On the embedded database, readiness includes the first migration; wait for it.
  const notReady = await getDb().then(
    () => null,
    (error: unknown) => error,
  );
  try {
    const migrations = await getMigrationStatus(handle.db);
    return {
      ok: migrations.current && notReady === null,
      kind: handle.kind,
      reachable: true,
      migrations,
      ...(notReady ? { error: messageOf(notReady) } : {}),
    };
  } catch (error) {
    return { ok: false, kind: handle.kind, reachable: false, migrations: null, error: messageOf(error) };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
