import postgres from 'postgres';

/**
 * The settings that play the part of seed 002's PRAGMAs: wait at most 5 s for a lock (its
 * busy_timeout), bound every statement, and speak UTC.
 */
export function sessionSettings(statementTimeoutMs: number) {
  return {
    lock_timeout: 5_000,
    statement_timeout: statementTimeoutMs,
    idle_in_transaction_session_timeout: 60_000,
    TimeZone: 'UTC',
  };
}

/**
 * A postgres.js pool with Gantry's session settings: the app's pool (lib/db/connection.ts) and the
 * fast paths' own (the heartbeats', the board's moves) open theirs here. A module of its own, with
 * nothing but postgres.js, so that the fast paths load no schema or PGlite.
 */
export function openPostgresPool(url: string, options: { max: number; applicationName: string; statementTimeoutMs?: number; connectTimeoutSeconds?: number }) {
  return postgres(url, {
    max: options.max,
    connect_timeout: options.connectTimeoutSeconds ?? 10,
    idle_timeout: 60,
    onnotice: () => {},
    connection: { application_name: options.applicationName, ...sessionSettings(options.statementTimeoutMs ?? 30_000) },
  });
}
