import { describe, expect, it } from 'vitest';

import { createPortfolio, insertEdges, insertItems } from '../testing/roadmap-fixtures';
import { query } from '../testing/sql';
import { HOLD_MS, race } from '../testing/races';
import { setUpTestDatabase } from '../testing/test-database';

// Two sessions at once need two connections: PostgreSQL only (PGlite has one).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const org = '00000000-0000-4000-8000-0000000000a7';
const other = '00000000-0000-4000-8000-0000000000b7';

const handle = setUpTestDatabase(
  async (db) => {
    await createPortfolio(db, org, 'races-a');
    await createPortfolio(db, other, 'races-b');
  },
  { when: onPostgres },
);

const edge = (organisationId: string, item: string, on: string) =>
  `INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id) VALUES ('${organisationId}', '${item}', '${on}')`;

describe('races between two sessions (PostgreSQL)', () => {
  it.skipIf(!onPostgres)('two edges that together close a cycle: the second waits, then is refused', async () => {
    await insertItems(handle.db, org, [{ id: 'A' }, { id: 'B' }]);
    const [one, two] = await race(handle.db, edge(org, 'A', 'B'), edge(org, 'B', 'A'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({ status: 'refused', message: expect.stringMatching(/^Circular dependency detected/) });
    // It waited for the first session's commit, and then saw its edge.
    expect(two.ms).toBeGreaterThan(HOLD_MS * 0.75);
  });

  it.skipIf(!onPostgres)('a longer cycle closed from two sessions: exactly one edge is kept', async () => {
    await insertItems(handle.db, org, [{ id: 'X' }, { id: 'Y' }, { id: 'Z' }]);
    await insertEdges(handle.db, org, [['X', 'Y']]);
    const outcomes = await race(handle.db, edge(org, 'Y', 'Z'), edge(org, 'Z', 'X'));
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
    const [one, two] = await race(handle.db, edge(org, 'O1', 'O2'), edge(other, 'O1', 'O2'));
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
    const [one, two] = await race(handle.db, insert('P49'), insert('P50'));
    expect(one.status).toBe('committed');
    expect(two).toMatchObject({ status: 'refused', message: expect.stringMatching(/^POLICY: Maximum 50 active items per phase/) });
  });
});
