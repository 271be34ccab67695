import 'server-only';

import { getDb } from './client';

// Before the first request: connect, migrate the embedded database (seeding it when new) or
// refuse a PostgreSQL database that is behind. A server that cannot serve stops with the reason.
if (process.env.NEXT_PHASE !== 'phase-production-build') {
  try {
    await getDb();
    // Every server checks for stalled builders on a timer; the database raises each stall once.
    const { startStallWatch } = await import('../builders/stall-watch');
    startStallWatch(getDb);
    // And sweeps claims whose lease lapsed (the agent API), one instance at a time.
    const { startLeaseSweep } = await import('../agent-api/lease-sweep');
    startLeaseSweep(getDb);
  } catch (error) {
    console.error(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
