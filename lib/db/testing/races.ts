import type { Database } from '../connection';
import { pgErrorOf } from '../errors';
import { query } from './sql';

/** How long the first session of a race keeps its transaction open, in milliseconds. */
export const HOLD_MS = 400;

export interface RaceOutcome {
  status: 'committed' | 'refused';
  code?: string;
  message?: string;
  ms: number;
}

export type Isolation = 'read committed' | 'repeatable read';

/**
 * Two sessions at once (PostgreSQL; PGlite has one connection): session 1 runs `first` and keeps
 * its transaction open for HOLD_MS; meanwhile session 2 runs `second` in its own transaction (at
 * `isolation`). Returns how each ended and how long it took, so that a test can tell whether the
 * second waited for the first.
 */
export async function race(db: Database, first: string, second: string, isolation: Isolation = 'read committed'): Promise<[RaceOutcome, RaceOutcome]> {
  const settle = async (run: () => Promise<unknown>): Promise<RaceOutcome> => {
    const start = performance.now();
    try {
      await run();
      return { status: 'committed', ms: performance.now() - start };
    } catch (error) {
      const { code, message } = pgErrorOf(error);
      return { status: 'refused', code, message, ms: performance.now() - start };
    }
  };
  let firstRan!: () => void;
  const firstHasRun = new Promise<void>((resolve) => (firstRan = resolve));
  const one = settle(() =>
    db.transaction(async (tx) => {
      try {
        await query(tx, first);
      } finally {
        firstRan();
      }
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    }),
  );
  await firstHasRun;
  const two = settle(() => db.transaction((tx) => query(tx, second), { isolationLevel: isolation }));
  return Promise.all([one, two]);
}
