import 'server-only';

import { getDb } from './client';

// Before the first request: connect, migrate the embedded database (seeding it when new) or
// refuse a PostgreSQL database that is behind. A server that cannot serve stops with the reason.
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  try {
    await getDb();
    // Every server checks for stalled builders on a timer; the database raises each stall once.
    const { startStallWatch } = await import('../foreman/stall-watch');
    startStallWatch(getDb);
    // And sweeps claims whose lease lapsed (the agent API), one instance at a time.
    const { startLeaseSweep } = await import('../agent-api/lease-sweep');
    startLeaseSweep(getDb);
    // The change feed: this instance's one LISTEN, fanning out to its live streams, and the log's prune.
    const { changeHub } = await import('../live/stream');
    await changeHub().start();
    // Outgoing webhooks: woken by the hub for each change, and by a timer for retries.
    const { startWebhookWorker } = await import('../webhooks/worker');
    startWebhookWorker(getDb, (listener) => changeHub().observe(listener));
    // The demo's simulated builders are a nicety: a failure to start them must not stop the server.
    await startDemoBuildersIfWanted().catch((error: unknown) =>
      console.warn(`The demo's simulated builders did not start: ${error instanceof Error ? error.message : String(error)}`),
    );
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

/**
 * On the embedded demo, simulated builders keep the demo alive through the agent API
 * (GANTRY_DEMO_AGENTS=0 turns them off; never on a database from DATABASE_URL).
 */
async function startDemoBuildersIfWanted(): Promise<void> {
  const { env } = await import('../env');
  const { DATABASE_URL, GANTRY_DEMO_AGENTS, PORT } = env();
  if (DATABASE_URL || !GANTRY_DEMO_AGENTS) return;
  const { startDemoBuilders } = await import('../reference-agent/demo');
  const started = await startDemoBuilders(await getDb(), `http://127.0.0.1:${PORT}`, (line) => {
    if (line.includes('problem:')) console.warn(`demo builders: ${line}`);
  });
  if (started) console.log(`Demo: ${started} simulated builders at work through the agent API (GANTRY_DEMO_AGENTS=0 turns them off).`);
}
