import 'server-only';

import fs from 'node:fs';
import path from 'node:path';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { MIGRATIONS_FOLDER, type Database } from './connection';
import { rowsOf } from './sql';

export interface MigrationStatus {
  /** Migrations the code ships, in order. */
  known: number;
  /** Migrations the database records as applied. */
  applied: number;
  /** Tags of shipped migrations that the database has not applied yet. */
  pending: string[];
  current: boolean;
}

const journalSchema = z.object({
  entries: z.array(z.object({ tag: z.string(), when: z.number() })),
});

/** The journal drizzle-kit writes and the migrator follows: one entry per migration, in order. */
export function readJournal() {
  const file = path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json');
  return journalSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8'))).entries;
}

async function appliedMigrations(db: Database): Promise<{ count: number; last: number | null }> {
  const exists = await db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  if (!rowsOf<{ present: boolean }>(exists)[0]?.present) return { count: 0, last: null };
  const result = await db.execute(sql`select count(*) as count, max(created_at) as last from drizzle.__drizzle_migrations`);
  const row = rowsOf<{ count: string | number; last: string | number | null }>(result)[0];
  return { count: Number(row?.count ?? 0), last: row?.last == null ? null : Number(row.last) };
}

/** Which shipped migrations the database has applied; the migrator applies those newer than its last. */
export async function getMigrationStatus(db: Database, journal = readJournal()): Promise<MigrationStatus> {
  const { count, last } = await appliedMigrations(db);
  const pending = journal.filter((entry) => last === null || entry.when > last).map((e) => e.tag);
  return { known: journal.length, applied: count, pending, current: pending.length === 0 };
}
