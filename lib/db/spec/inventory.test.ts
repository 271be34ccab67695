import fs from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { buildInventory, CATALOGUE_QUERIES, namesInSeeds, readInventory, SPEC_KINDS, type SpecKind } from './inventory';

/**
 * Every table, view, trigger, function and policy the specification names has a home: the
 * migrated database has it, or docs/schema-map.md says what became of it. The names are the
 * committed inventory (spec-inventory.json); when GANTRY_SPEC_DIR names the folder of seed
 * documents (CI sets it when ../shared/seeds exists), the inventory is checked against them too.
 */
const inventory = readInventory();
const schemaMap = fs.readFileSync(path.resolve(process.cwd(), 'docs', 'schema-map.md'), 'utf8');
const specDir = process.env.GANTRY_SPEC_DIR;

let inDatabase: Record<SpecKind, Set<string>>;

setUpTestDatabase(async (db) => {
  inDatabase = {} as Record<SpecKind, Set<string>>;
  for (const kind of SPEC_KINDS) {
    inDatabase[kind] = new Set((await query<{ name: string }>(db, CATALOGUE_QUERIES[kind])).map((row) => row.name));
  }
});

describe('the specification inventory', () => {
  it('is a plausible inventory of the five seeds', () => {
    const names = (kind: SpecKind) => inventory[kind].map((entry) => entry.name);
    expect(inventory.tables.length).toBeGreaterThan(70);
    expect(inventory.views).toHaveLength(19);
    expect(inventory.triggers.length).toBeGreaterThan(60);
    for (const name of ['programs', 'heartbeats', 'attempts', 'card_question', 'memory_retrieval_log', 'compliance_results']) {
      expect(names('tables')).toContain(name);
    }
    const seedsNamed = new Set(SPEC_KINDS.flatMap((kind) => inventory[kind].flatMap((entry) => entry.seeds)));
    expect([...seedsNamed].sort()).toEqual(['000', '001', '002', '003', '004']);
  });

  for (const kind of SPEC_KINDS) {
    it(`${kind}: each one is in the migrated database, or named in docs/schema-map.md`, () => {
      const wrong = inventory[kind].filter((entry) =>
        entry.home === 'database' ? !inDatabase[kind].has(entry.name) : !new RegExp(`\\b${entry.name}\\b`).test(schemaMap),
      );
      expect(wrong, `${kind} of the specification with no home (run npm run spec:inventory after a deliberate change)`).toEqual([]);
    });
  }

  it('says "schema-map" only for names the database does not have', () => {
    const stale = SPEC_KINDS.flatMap((kind) =>
      inventory[kind].filter((entry) => entry.home === 'schema-map' && inDatabase[kind].has(entry.name)).map((e) => `${kind} ${e.name}`),
    );
    expect(stale, 'now in the database: run npm run spec:inventory').toEqual([]);
  });

  it.skipIf(!specDir)('matches the seed documents in GANTRY_SPEC_DIR', () => {
    const fromSeeds = buildInventory(namesInSeeds(path.resolve(specDir!)), inDatabase);
    for (const kind of SPEC_KINDS) {
      expect(inventory[kind], `${kind}: run npm run spec:inventory`).toEqual(fromSeeds[kind]);
    }
  });
});
