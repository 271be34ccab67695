import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import { createPortfolio, insertItems } from '../db/testing/roadmap-fixtures';
import { query } from '../db/testing/sql';
import { setUpTestDatabase } from '../db/testing/test-database';
import { runAsOrganisation } from '../db/tenant';
import { searchEntities } from './search';
import { searchWords } from './words';

/**
 * The palette's search on both databases: by id, by words of a title in any order, live rows
 * only, and never another organisation's rows (it reads as the member, under row-level security).
 */
const database = setUpTestDatabase();
const orgA = randomUUID();
const orgB = randomUUID();

const search = (organisationId: string, q: string) => runAsOrganisation(database.db, { organisationId }, (tx) => searchEntities(tx, { q }));
const keys = (hits: { kind: string; id: string }[]) => hits.map((h) => `${h.kind}:${h.id}`);

beforeAll(async () => {
  const db = database.db;
  await createPortfolio(db, orgA, `search-a-${orgA.slice(0, 8)}`);
  await createPortfolio(db, orgB, `search-b-${orgB.slice(0, 8)}`);
  await insertItems(db, orgA, [
    { id: 'RI-101', title: 'Harden webhook retries' },
    { id: 'RI-102', title: 'Retries for the webhook queue, later' },
    { id: 'RI-103', title: 'Deleted webhook idea' },
  ]);
  await insertItems(db, orgB, [{ id: 'RI-101', title: 'Harden webhook retries in B' }]);
  await query(db, `UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${orgA}' AND id = 'RI-103'`);
  await query(db, `INSERT INTO change_requests (organisation_id, id, title) VALUES ('${orgA}', 'CR-77', 'Upgrade the webhook signer')`);
  await query(
    db,
    `INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, failure_message) VALUES ('${orgA}', 'STD-9', 'Signed webhooks', 'release', 'boolean', 'x')`,
  );
  await query(
    db,
    `INSERT INTO blockers (organisation_id, id, work_id, reason_code, title, created_by) VALUES ('${orgA}', 'BLK-7', 'RI-101', 'technical_failure', 'Webhook sandbox is down', 'system')`,
  );
});

describe('searchEntities', () => {
  it('finds an item by its id, the exact id first', async () => {
    const hits = await search(orgA, 'ri-101');
    expect(keys(hits)[0]).toBe('roadmap:RI-101');
    expect(hits[0]).toMatchObject({ title: 'Harden webhook retries', href: '/roadmap/items/RI-101' });
  });

  it('finds by words of the title in any order, across kinds, with each kind’s page', async () => {
    const hits = await search(orgA, 'retries webhook');
    expect(keys(hits).sort()).toEqual(['roadmap:RI-101', 'roadmap:RI-102']);
    const all = await search(orgA, 'webhook');
    expect(keys(all).sort()).toEqual(['blocker:BLK-7', 'cr:CR-77', 'roadmap:RI-101', 'roadmap:RI-102', 'standard:STD-9']);
    expect(all.find((h) => h.kind === 'cr')!.href).toBe('/change-requests/CR-77');
    expect(all.find((h) => h.kind === 'blocker')!.href).toBe('/blockers?q=BLK-7');
  });

  it('ranks a title that starts with the query before one that only contains it', async () => {
    expect(keys(await search(orgA, 'retries'))).toEqual(['roadmap:RI-102', 'roadmap:RI-101']);
  });

  it('ignores deleted rows', async () => {
    expect(keys(await search(orgA, 'deleted webhook'))).toEqual([]);
    expect(keys(await search(orgA, 'RI-103'))).toEqual([]);
  });

  it('never returns another organisation’s rows', async () => {
    expect(keys(await search(orgB, 'webhook'))).toEqual(['roadmap:RI-101']);
    expect((await search(orgB, 'webhook'))[0]!.title).toBe('Harden webhook retries in B');
    expect(keys(await search(orgB, 'CR-77'))).toEqual([]);
    // Outside any organisation (no gantry.organisation_id), the application role sees nothing.
    expect(keys(await search('00000000-0000-0000-0000-000000000000', 'webhook'))).toEqual([]);
  });

  it('probes only the searchable tables, with one to eight words (search_candidates)', async () => {
    const probe = (table: string, patterns: string) =>
      runAsOrganisation(database.db, { organisationId: orgA }, (tx) => query(tx, `SELECT * FROM search_candidates('${table}', ${patterns}, 'x', 'x%', 5)`));
    await expect(probe('user', `ARRAY['%a%']`)).rejects.toThrow();
    await expect(probe('roadmap_items', `ARRAY[]::text[]`)).rejects.toThrow();
    expect(await probe('roadmap_items', `ARRAY['%webhook%']`)).toHaveLength(2);
  });

  it('treats LIKE wildcards as text and skips words too short to index', async () => {
    expect(await search(orgA, '%%%')).toEqual([]);
    expect(await search(orgA, 'a_b')).toEqual([]);
    expect(await search(orgA, 'ri')).toEqual([]);
    expect(searchWords('  Web  hooks  RI  web ')).toEqual(['web', 'hooks']);
  });
});

describe('search_candidates on a word that matches many rows (migration 0044)', () => {
  // From 0044 a large table answers from the shortest rows and the rows that start with the query
  // instead of sorting every match; the answer must stay 0039's: the best five by (exact id, exact
  // title, prefix of id or title, anything else), then title length, then id.
  const orgC = randomUUID();
  const words = ['lease', 'ri-31', 'renew lease', 'archive', 'nothing-like-it'];

  beforeAll(async () => {
    const db = database.db;
    await createPortfolio(db, orgC, `search-c-${orgC.slice(0, 8)}`);
    await insertItems(db, orgC, [
      ...Array.from({ length: 24 }, (_, n) => ({ id: `RI-${300 + n}`, title: `Renew lease ${'x'.repeat(n % 7)} ${n}`, status: 'completed' })),
      { id: 'RI-350', title: 'Lease renewal for the very long title of the archive store', status: 'completed' },
      { id: 'RI-351', title: 'lease', status: 'completed' },
      { id: 'RI-352', title: 'Lease', status: 'completed' },
      { id: 'RI-353', title: 'A lease in the archive', status: 'completed' },
      ...Array.from({ length: 8 }, (_, n) => ({ id: `RI-36${n}`, title: `A lease ${n}`, status: 'completed' })),
    ]);
    // 990 short titles that match nothing: the 1,000 shortest rows are these, the two exact titles
    // and the eight "A lease n", so that the long title starting with "Lease" lies beyond them.
    await query(
      db,
      `INSERT INTO roadmap_items (organisation_id, id, title, phase_key, status_key)
       SELECT '${orgC}', 'F-' || n, 'F' || n, 'phase_a', 'completed' FROM generate_series(1, 990) n`,
    );
  });

  it('gives the same five as sorting every match', async () => {
    for (const q of words) {
      const patterns = searchWords(q).map((w) => `%${w}%`);
      const array = `ARRAY[${patterns.map((p) => `'${p}'`).join(', ')}]::text[]`;
      const found = await runAsOrganisation(database.db, { organisationId: orgC }, (tx) =>
        query<{ id: string }>(tx, `SELECT id FROM search_candidates('roadmap_items', ${array}, '${q}', '${q}%', 5)`),
      );
      const everyMatch = await query<{ id: string }>(
        database.db,
        `SELECT id FROM roadmap_items
         WHERE organisation_id = '${orgC}' AND deleted_at IS NULL AND ${patterns.map((p) => `(id || ' ' || title) ILIKE '${p}'`).join(' AND ')}
         ORDER BY CASE WHEN lower(id) = '${q}' THEN 0 WHEN lower(title) = '${q}' THEN 1
                       WHEN id ILIKE '${q}%' OR title ILIKE '${q}%' THEN 2 ELSE 3 END, length(title), 1
         LIMIT 5`,
      );
      expect(
        found.map((r) => r.id),
        q,
      ).toEqual(everyMatch.map((r) => r.id));
    }
    const lease = await runAsOrganisation(database.db, { organisationId: orgC }, (tx) => searchEntities(tx, { q: 'lease', limit: 5 }));
    expect(keys(lease)).toEqual(['roadmap:RI-351', 'roadmap:RI-352', 'roadmap:RI-350', 'roadmap:RI-360', 'roadmap:RI-361']);
  });
});
