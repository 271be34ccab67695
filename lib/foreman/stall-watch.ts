import 'server-only';

import type { Database } from '../db/connection';
import { raiseBuilderStalls } from './stalls';

/** How often each server checks for stalled builders; the shortest stall threshold is 60 s. */
export const STALL_CHECK_INTERVAL_MS = 30_000;

const state = globalThis as typeof globalThis & { __gantryStallWatch?: NodeJS.Timeout };

/**
 * Checks every organisation for stalled builders every 30 s, for as long as the server runs. A
 * system job: it runs on the connection's own user, across organisations, like the migrations
 * (the server's start-up hands it the connection).
 * Several instances may run it at once; the database raises each stall once
 * (raise_builder_stalls and its unique index). A failed check is logged and tried again.
 */
export function startStallWatch(getDb: () => Promise<Database>, intervalMs = STALL_CHECK_INTERVAL_MS): void {
  if (state.__gantryStallWatch) return;
  const check = async () => {
    try {
      await raiseBuilderStalls(await getDb());
    } catch (error) {
      console.error('The stall check failed; it runs again in a moment:', error instanceof Error ? error.message : error);
    }
  };
  state.__gantryStallWatch = setInterval(() => void check(), intervalMs);
  // The timer alone does not keep the process alive (a script that imports the server code exits).
  state.__gantryStallWatch.unref();
  void check();
}
