import fs from 'node:fs';

import { defineConfig, devices } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 3100);

/**
 * Playwright cannot download its own browser here; Debian's stand in. Its headless shell (package
 * chromium-headless-shell, the browser Playwright itself runs headless by default) ran the same
 * specs on about a seventh less processor time than full Chromium's headless mode
 * (docs/testing.md); full Chromium is the fallback, and the one to name in CHROMIUM_PATH for
 * `--headed`.
 */
const HEADLESS_SHELL = '/usr/lib/chromium/chromium-headless-shell';
const chromiumPath = process.env.CHROMIUM_PATH ?? (fs.existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');

/**
 * Browser tests run against a production build served by `npm start`, exactly as a fresh
 * clone runs, on an embedded database of their own that starts empty every run.
 */
export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  // CI runs the browser tests beside both test suites on two cores, where a test that takes 20 s
  // alone (a viewer joins through an invitation, then drags) passed 30 s: a time-out there says the
  // machine was busy, not that the page hangs. A step's own wait stays at 10 s (expect).
  timeout: 90_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${port}`,
    // Recording a trace of every test (kept only when it fails) cost a quarter of the suite's
    // processor time; CI, whose files are thrown away with its clone, runs with --trace off.
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromiumPath,
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    // The first visitor of the fresh instance creates the admin; every other spec reuses that session.
    { name: 'first-admin', testMatch: /first-admin\.setup\.ts/, use: { ...devices['Desktop Chrome'], channel: undefined } },
    {
      name: 'chromium',
      dependencies: ['first-admin'],
      use: { ...devices['Desktop Chrome'], channel: undefined, storageState: 'e2e/.auth/admin.json' },
    },
  ],
  webServer: {
    command: 'rm -rf .e2e-data && npm start',
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'pipe',
    // No simulated demo builders: the agents spec runs the reference agent itself, so every run is the same.
    env: { PORT: String(port), GANTRY_DATA_DIR: '.e2e-data', DATABASE_URL: '', GANTRY_DEMO_AGENTS: '0' },
  },
});
