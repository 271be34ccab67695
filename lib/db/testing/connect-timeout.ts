/**
 * How long a test waits for a PostgreSQL connection. The app waits 10 s (lib/db/pool.ts); CI runs
 * this suite at nice 10 beside the PGlite suite, the build and the browser tests on two cores,
 * where opening a connection once took longer than that (CONNECT_TIMEOUT in a migration test).
 */
export const TEST_CONNECT_TIMEOUT_SECONDS = 120;
