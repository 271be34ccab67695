import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../connection';
import { createPortfolio, insertEdges, insertItems } from '../testing/roadmap-fixtures';
import { query } from '../testing/sql';
import { openTestDatabase, pgErrorOf } from '../testing/test-database';

// Two sessions at once need two connections: PostgreSQL only (PGlite has one).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let handle: DatabaseHandle;
const org = '00000000-0000-4000-8000-0000000000a7';
const other = '00000000-0000-4000-8000-0000000000b7';
const HOLD_MS = 400;

beforeAll(async () => {
  if (!onPostgres) return;
  handle = await openTestDatabase();
  await createPortfolio(handle.db, org, 'races-a');
  await createPortfolio(handle.db, other, 'races-b');
});

afterAll(async () => {
  await handle?.close();
});

interface Outcome {
  status: 'committed' | 'refused';
  message?: string;
  ms: number;
}

/**
 * Session 1 runs `first` and keeps its transaction open for HOLD_MS; meanwhile session 2 runs
 * `second` in its own transaction. Returns how each ended and how long each took.
 */
async function race(first: string, second: string): Promise<[Outcome, Outcome]> {
  const settle = async (run: () => Promise<unknown>): Promise<Outcome> => {
    const start = performance.now();
    try {
      await run();
      return { status: 'committed', ms: performance.now() - start };
    } catch (error) {
      return { status: 'refused', message: pgErrorOf(error).message, ms: performance.now() - start };
    }
  };
  let firstRan!: () => void;
  const firstHasRun = new Promise<void>((resolve) => (firstRan = resolve));
  const one = settle(() =>
    handle.db.transaction(async (tx) => {
      try {
        await query(tx, first);
      } finally {
        firstRan();
      }
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
    }),
  );
  await firstHasRun;
  const two = settle(() => handle.db.transaction((tx) => query(tx, second)));
  return Promise.all([one, two]);
}

const edge = (organisationId: string, item: string, on: string) =>
  `INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id) VALUES ('${organisationId}', '${item}', '${on}')`;

describe('races between two sessions (PostgreSQL)', () => {
  it.skipIf(!onPostgres)('two edges that together close a cycle: the second waits, then is refused', async () => {
    await insertItems(handle.db, org, [{ id: 'A' }, { id: 'B' }]);
    const [one, two] = await race(edge(org, 'A', 'B'), edge(org, 'B', 'A'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({ status: 'refused', message: expect.stringMatching(/^Circular dependency detected/) });
    // It waited for the first session's commit, and then saw its edge.
    expect(two.ms).toBeGreaterThan(HOLD_MS * 0.75);
  });

  it.skipIf(!onPostgres)('a longer cycle closed from two sessions: exactly one edge is kept', async () => {
    await insertItems(handle.db, org, [{ id: 'X' }, { id: 'Y' }, { id: 'Z' }]);
    await insertEdges(handle.db, org, [['X', 'Y']]);
    const outcomes = await race(edge(org, 'Y', 'Z'), edge(org, 'Z', 'X'));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['committed', 'refused']);
    const rows = await query(
      handle.db,
      `SELECT item_id || '->' || depends_on_id AS edge FROM roadmap_dependencies
       WHERE organisation_id = '${org}' AND item_id IN ('X', 'Y', 'Z') ORDER BY 1`,
    );
    expect(rows).toEqual([{ edge: 'X->Y' }, { edge: 'Y->Z' }]);
  });

  it.skipIf(!onPostgres)("does not make another organisation's edits wait", async () => {
    await insertItems(handle.db, org, [{ id: 'O1' }, { id: 'O2' }]);
    await insertItems(handle.db, other, [{ id: 'O1' }, { id: 'O2' }]);
    const [one, two] = await race(edge(org, 'O1', 'O2'), edge(other, 'O1', 'O2'));
    expect([one.status, two.status]).toEqual(['committed', 'committed']);
    expect(two.ms).toBeLessThan(HOLD_MS * 0.75);
  });

  it.skipIf(!onPostgres)('two inserts into a phase with one free place: exactly one is refused', async () => {
    await insertItems(
      handle.db,
      org,
      Array.from({ length: 49 }, (_, i) => ({ id: `P${i}`, phase: 'phase_e' })),
    );
    const insert = (id: string) => `INSERT INTO roadmap_items (organisation_id, id, phase_key, title) VALUES ('${org}', '${id}', 'phase_e', 'Late')`;
    const [one, two] = await race(insert('P49'), insert('P50'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({ status: 'refused', message: expect.stringMatching(/^POLICY: Maximum 50 active items per phase/) });
  });
});
