import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../connection';
import { query } from '../testing/sql';
import { openTestDatabase } from '../testing/test-database';

/**
 * The specification is ../shared/seeds. Every table, view, trigger, function and policy they
 * name must be found in the migrated database, or in docs/schema-map.md with its reason.
 */
const seedsDir = path.resolve(process.cwd(), '..', 'shared', 'seeds');
const seed = (prefix: string) => {
  const file = fs.readdirSync(seedsDir).find((name) => name.startsWith(prefix));
  if (!file) throw new Error(`No seed ${prefix}_* in ${seedsDir}`);
  return fs.readFileSync(path.join(seedsDir, file), 'utf8');
};
const between = (text: string, start: string, end?: string) => {
  const from = text.indexOf(start);
  if (from < 0) throw new Error(`Seed section "${start}" not found`);
  const to = end ? text.indexOf(end, from + start.length) : -1;
  return text.slice(from, to < 0 ? undefined : to);
};
const all = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1]!);

function namesInSeeds() {
  const s000 = seed('000');
  const s001 = seed('001');
  const s002 = seed('002');
  const s003 = seed('003');
  const s004 = seed('004');

  const kernelTables = between(s003, '## Tables', '## Views');
  const tables = new Set([
    ...all(between(s000, '## Tables', '## Terminology'), /^### (\w+)$/gm),
    ...all(s001, /CREATE TABLE (\w+)/g),
    ...all(kernelTables, /^\| (\w+) \|/gm).filter((name) => name !== 'Table'),
    ...between(kernelTables, '### Program Management (shared)', '### System').match(/\b[a-z]+(?:_[a-z]+)*\b/g)!.filter((w) => s000.includes(`### ${w}\n`)),
    // Lines such as "card_requirement, card_known_fact Knowledge items"; "step" was removed by the seed's own migration 005.
    ...between(s004, 'Table Summary', 'Migrations')
      .split('\n')
      .filter((line) => !line.includes('removed'))
      .flatMap((line) => /^([a-z_]+(?:, [a-z_]+)*) [A-Z]/.exec(line)?.[1]?.split(', ') ?? []),
  ]);
  const views = new Set(all(s003, /^\| (v_\w+) \|/gm));
  const triggerSection = between(s003, '## Triggers', '### Audit Timestamp Helpers');
  const triggers = new Set([
    ...all(triggerSection, /^- (\w+)/gm),
    ...all(triggerSection, /^- \w+ \/ (\w+)/gm),
    ...all(s001, /CREATE TRIGGER (\w+)/g),
    ...all(s002, /CREATE TRIGGER (\w+)/g),
  ]);
  const helperTables = between(s003, '### Audit Timestamp Helpers').match(/\b[a-z]+(?:_[a-z]+)*(?=[,.])/g)!;
  for (const table of helperTables) {
    triggers.add(`${table}_audit_insert`);
    triggers.add(`${table}_updated_at`);
  }
  const functions = new Set(all(s001, /CREATE OR REPLACE FUNCTION (\w+)/g));
  const policies = new Set(all(s001, /CREATE POLICY (\w+)/g));
  return { tables, views, triggers, functions, policies };
}

let handle: DatabaseHandle;
let inDatabase: Record<'tables' | 'views' | 'triggers' | 'functions' | 'policies', Set<string>>;
const schemaMap = fs.readFileSync(path.resolve(process.cwd(), 'docs', 'schema-map.md'), 'utf8');

beforeAll(async () => {
  handle = await openTestDatabase();
  const names = async (sql: string) => new Set((await query<{ name: string }>(handle.db, sql)).map((r) => r.name));
  inDatabase = {
    tables: await names(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`),
    views: await names(`SELECT viewname AS name FROM pg_views WHERE schemaname = 'public'`),
    triggers: await names(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`),
    functions: await names(`SELECT proname AS name FROM pg_proc WHERE pronamespace = 'public'::regnamespace`),
    policies: await names(`SELECT policyname AS name FROM pg_policies`),
  };
});
afterAll(async () => {
  await handle?.close();
});

describe('every name in the seeds has a home', () => {
  const seeds = namesInSeeds();

  it('reads a plausible inventory from the seeds', () => {
    expect(seeds.tables.size).toBeGreaterThan(70);
    expect(seeds.views.size).toBe(19);
    expect(seeds.triggers.size).toBeGreaterThan(60);
    for (const name of ['programs', 'heartbeats', 'attempts', 'card_question', 'memory_retrieval_log', 'compliance_results']) {
      expect(seeds.tables).toContain(name);
    }
  });

  for (const kind of ['tables', 'views', 'triggers', 'functions', 'policies'] as const) {
    it(`${kind}: in the migrated database, or named in docs/schema-map.md`, () => {
      const missing = [...seeds[kind]].filter((name) => !inDatabase[kind].has(name) && !new RegExp(`\\b${name}\\b`).test(schemaMap));
      expect(missing, `${kind} named by the seeds with no home`).toEqual([]);
    });
  }
});
