import path from 'node:path';

import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // Outside React's server environment, `server-only` throws on import; its own
      // react-server build is the empty module that Next.js uses on the server.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.next/**', 'e2e/**', '.data/**'],
    environment: 'node',
    // CI runs both suites at nice 10 beside the build and the browser tests on two cores, where a
    // case that takes 10–15 s alone (migrating an empty PostgreSQL database, the large-graph cycle
    // checks, seeding twice) took 42–56 s: a time-out there says the machine was busy, not that
    // the code hangs. A run with other work on the machine besides (load 18) saw opening a PGlite
    // folder alone pass 90 s.
    testTimeout: 180_000,
    // A worker's first file also waits for the worker's migrated database and demo data (several
    // seconds of processor time); on a loaded machine that alone passed 60 s, failing the file.
    hookTimeout: 300_000,
    // Files share worker processes, so PGlite's WebAssembly is compiled once per worker rather
    // than once per file. Every file still opens a database of its own (openTestDatabase).
    isolate: false,
    globalSetup: ['./lib/db/testing/global-setup.ts'],
  },
});
