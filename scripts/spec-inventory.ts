// npm run spec:inventory: rewrites lib/db/spec/spec-inventory.json from the seed documents
// (GANTRY_SPEC_DIR, default ../shared/seeds) and a freshly migrated in-memory database.
import fs from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';

import { connect } from '../lib/db/connection';
import { rowsOf } from '../lib/db/sql';
import { buildInventory, CATALOGUE_QUERIES, INVENTORY_FILE, namesInSeeds, SPEC_KINDS, type SpecKind } from '../lib/db/spec/inventory';
import { runMain } from './lib/run';

runMain(async () => {
  const dir = path.resolve(process.env.GANTRY_SPEC_DIR ?? path.join('..', 'shared', 'seeds'));
  if (!fs.existsSync(dir)) throw new Error(`No seed documents at ${dir}; set GANTRY_SPEC_DIR to their folder.`);
  const seeds = namesInSeeds(dir);
  const handle = await connect({ kind: 'pglite-memory' });
  try {
    await handle.migrate();
    const inDatabase = {} as Record<SpecKind, Set<string>>;
    for (const kind of SPEC_KINDS) {
      const rows = rowsOf<{ name: string }>(await handle.db.execute(sql.raw(CATALOGUE_QUERIES[kind])));
      inDatabase[kind] = new Set(rows.map((row) => row.name));
    }
    const inventory = buildInventory(seeds, inDatabase);
    // One entry a line, so that a change to the specification or the schema reads as a small diff.
    const kinds = SPEC_KINDS.map((kind) => {
      const entries = inventory[kind].map((entry) => `    ${JSON.stringify(entry)}`);
      return `  ${JSON.stringify(kind)}: [\n${entries.join(',\n')}\n  ]`;
    });
    fs.writeFileSync(INVENTORY_FILE, `{\n${kinds.join(',\n')}\n}\n`);
    const summary = SPEC_KINDS.map((kind) => {
      const moved = inventory[kind].filter((entry) => entry.home === 'schema-map').length;
      return `${inventory[kind].length} ${kind} (${moved} mapped in docs/schema-map.md)`;
    });
    console.log(`Wrote ${path.relative(process.cwd(), INVENTORY_FILE)} from ${dir}: ${summary.join(', ')}.`);
  } finally {
    await handle.close();
  }
});
