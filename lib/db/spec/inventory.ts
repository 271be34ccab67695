import fs from 'node:fs';
import path from 'node:path';

/**
 * The specification is five seed documents (000 program management, 001 Foreman office, 002
 * conventions, 003 coordination kernel, 004 planning and orchestration). They live outside the
 * repository, so the names they give are kept here as facts: `spec-inventory.json` lists every
 * table, view, trigger, function and policy the seeds name, with the seeds that name it and its
 * home in Gantry. The tests check the migrated database against the inventory on every clone,
 * and the inventory against the seeds when GANTRY_SPEC_DIR names their folder.
 * Regenerate it with `npm run spec:inventory` (reads GANTRY_SPEC_DIR, default ../shared/seeds).
 */

export const SPEC_KINDS = ['tables', 'views', 'triggers', 'functions', 'policies'] as const;
export type SpecKind = (typeof SPEC_KINDS)[number];
export type SeedId = '000' | '001' | '002' | '003' | '004';

export interface SpecEntry {
  name: string;
  /** The seed documents that name it. */
  seeds: SeedId[];
  /**
   * `database`: Gantry's migrated database has an object of this kind and name.
   * `schema-map`: it has none by that name; docs/schema-map.md says what became of it.
   */
  home: 'database' | 'schema-map';
}

export type SpecInventory = Record<SpecKind, SpecEntry[]>;

export const INVENTORY_FILE = path.join(import.meta.dirname, 'spec-inventory.json');

export function readInventory(file = INVENTORY_FILE): SpecInventory {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SpecInventory;
}

/** Names per kind, each with the seeds that name it, read from the seed documents in `dir`. */
export function namesInSeeds(dir: string): Record<SpecKind, Map<string, Set<SeedId>>> {
  const seed = (prefix: SeedId) => {
    const file = fs.readdirSync(dir).find((name) => name.startsWith(prefix));
    if (!file) throw new Error(`No seed ${prefix}_* in ${dir}`);
    return fs.readFileSync(path.join(dir, file), 'utf8');
  };
  const between = (text: string, start: string, end?: string) => {
    const from = text.indexOf(start);
    if (from < 0) throw new Error(`Seed section "${start}" not found`);
    const to = end ? text.indexOf(end, from + start.length) : -1;
    return text.slice(from, to < 0 ? undefined : to);
  };
  const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

  const s000 = seed('000');
  const s001 = seed('001');
  const s002 = seed('002');
  const s003 = seed('003');
  const s004 = seed('004');

  const found = Object.fromEntries(SPEC_KINDS.map((kind) => [kind, new Map<string, Set<SeedId>>()])) as Record<SpecKind, Map<string, Set<SeedId>>>;
  const add = (kind: SpecKind, from: SeedId, names: Iterable<string>) => {
    for (const name of names) {
      const seeds = found[kind].get(name) ?? new Set<SeedId>();
      seeds.add(from);
      found[kind].set(name, seeds);
    }
  };

  const kernelTables = between(s003, '## Tables', '## Views');
  add('tables', '000', all(between(s000, '## Tables', '## Terminology'), /^### (\w+)$/gm));
  add('tables', '001', all(s001, /CREATE TABLE (\w+)/g));
  add(
    'tables',
    '003',
    all(kernelTables, /^\| (\w+) \|/gm).filter((name) => name !== 'Table'),
  );
  add(
    'tables',
    '003',
    between(kernelTables, '### Program Management (shared)', '### System')
      .match(/\b[a-z]+(?:_[a-z]+)*\b/g)!
      .filter((word) => s000.includes(`### ${word}\n`)),
  );
  // Lines such as "card_requirement, card_known_fact Knowledge items"; "step" was removed by the seed's own migration 005.
  add(
    'tables',
    '004',
    between(s004, 'Table Summary', 'Migrations')
      .split('\n')
      .filter((line) => !line.includes('removed'))
      .flatMap((line) => /^([a-z_]+(?:, [a-z_]+)*) [A-Z]/.exec(line)?.[1]?.split(', ') ?? []),
  );

  add('views', '003', all(s003, /^\| (v_\w+) \|/gm));

  const triggerSection = between(s003, '## Triggers', '### Audit Timestamp Helpers');
  add('triggers', '003', all(triggerSection, /^- (\w+)/gm));
  add('triggers', '003', all(triggerSection, /^- \w+ \/ (\w+)/gm));
  add('triggers', '001', all(s001, /CREATE TRIGGER (\w+)/g));
  add('triggers', '002', all(s002, /CREATE TRIGGER (\w+)/g));
  const helperTables = between(s003, '### Audit Timestamp Helpers').match(/\b[a-z]+(?:_[a-z]+)*(?=[,.])/g)!;
  add(
    'triggers',
    '003',
    helperTables.flatMap((table) => [`${table}_audit_insert`, `${table}_updated_at`]),
  );

  add('functions', '001', all(s001, /CREATE OR REPLACE FUNCTION (\w+)/g));
  add('policies', '001', all(s001, /CREATE POLICY (\w+)/g));
  return found;
}

/** The catalogue queries that list what a migrated database has, one per kind. */
export const CATALOGUE_QUERIES: Record<SpecKind, string> = {
  tables: `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
  views: `SELECT viewname AS name FROM pg_views WHERE schemaname = 'public'`,
  triggers: `SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`,
  functions: `SELECT proname AS name FROM pg_proc WHERE pronamespace = 'public'::regnamespace`,
  policies: `SELECT policyname AS name FROM pg_policies`,
};

/** The inventory for the names in the seeds, given what the migrated database has. */
export function buildInventory(seeds: Record<SpecKind, Map<string, Set<SeedId>>>, inDatabase: Record<SpecKind, Set<string>>): SpecInventory {
  return Object.fromEntries(
    SPEC_KINDS.map((kind) => [
      kind,
      [...seeds[kind]]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, from]) => ({
          name,
          seeds: [...from].sort(),
          home: inDatabase[kind].has(name) ? 'database' : 'schema-map',
        })),
    ]),
  ) as SpecInventory;
}
