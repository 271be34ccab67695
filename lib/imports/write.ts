import 'server-only';

import { sql } from 'drizzle-orm';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { bugs, changeRequests, roadmapItems, tasks } from '../db/schema';
import { nextDatedId, nextNumberedId } from '../plan/ids';
import { ActionError } from '../procedure/result';
import type { ImportKind, ImportResult, ImportRow } from './kinds';

/** Rows per INSERT: one round trip each, well under PostgreSQL's 65,535 parameters. */
export const IMPORT_BATCH = 500;

type Values = Record<string, unknown>;

/** Ids in a run, as the create forms make them: the next dated or numbered id, then each following one. */
async function idRun(tx: Database, kind: ImportKind, count: number): Promise<string[] | null> {
  if (kind === 'task') return null;
  const first =
    kind === 'roadmap'
      ? await nextNumberedId(tx, 'roadmap_items', 'RI')
      : await nextDatedId(tx, kind === 'cr' ? 'change_requests' : 'bugs', kind === 'cr' ? 'CR' : 'BUG');
  const at = first.lastIndexOf('-');
  const stem = first.slice(0, at + 1);
  const start = Number(first.slice(at + 1));
  return Array.from({ length: count }, (_, i) => `${stem}${String(start + i).padStart(3, '0')}`);
}

function valuesOf(kind: ImportKind, caller: OrganisationCaller, row: ImportRow<ImportKind>, id: string | undefined): Values {
  const organisationId = caller.organisationId;
  const defined = (values: Values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  switch (kind) {
    case 'cr': {
      const r = row as ImportRow<'cr'>;
      return defined({ organisationId, id, ...r });
    }
    case 'roadmap': {
      const r = row as ImportRow<'roadmap'>;
      return defined({ organisationId, id, ...r, createdBy: actorOf(caller) });
    }
    case 'bug': {
      const r = row as ImportRow<'bug'>;
      return defined({ organisationId, id, ...r, reportedBy: actorOf(caller) });
    }
    case 'task': {
      const { statusKey, ...r } = row as ImportRow<'task'>;
      return defined({ organisationId, ...r, state: statusKey ?? 'planned' });
    }
  }
}

/** The same columns in every row of a batch, so that one INSERT carries it (a missing value takes the column's default). */
function insertBatch(tx: Database, kind: ImportKind, batch: Values[]): Promise<{ id: string }[]> {
  switch (kind) {
    case 'cr':
      return tx
        .insert(changeRequests)
        .values(batch as (typeof changeRequests.$inferInsert)[])
        .returning({ id: changeRequests.id });
    case 'roadmap':
      return tx
        .insert(roadmapItems)
        .values(batch as (typeof roadmapItems.$inferInsert)[])
        .returning({ id: roadmapItems.id });
    case 'bug':
      return tx
        .insert(bugs)
        .values(batch as (typeof bugs.$inferInsert)[])
        .returning({ id: bugs.id });
    case 'task':
      return tx
        .insert(tasks)
        .values(batch as (typeof tasks.$inferInsert)[])
        .returning({ id: tasks.taskId });
  }
}

const REFERENCES: Record<string, string> = {
  product: 'product_id',
  feature: 'feature_id',
  program: 'program_id',
  wave: 'wave_id',
};

/** A database refusal as a sentence a person can act on. */
function sentenceOf(error: unknown, values: Values): string | null {
  const { code, message } = pgErrorOf(error);
  if (!code) return null;
  const fk = /foreign key constraint "\w+?_(product|feature|program|wave)_fk"/.exec(message);
  if (code === '23503' && fk) {
    const column = REFERENCES[fk[1]!]!;
    const field = { product_id: 'productId', feature_id: 'featureId', program_id: 'programId', wave_id: 'waveId' }[column]!;
    return `${column}: there is no ${fk[1]} “${String(values[field])}” in this organisation.`;
  }
  if (code.startsWith('23') || code.startsWith('22') || code === 'P0001') return message.replace(/^[A-Z]+: /, '');
  return null;
}

/**
 * Writes the checked rows in one transaction (the caller's), a batch per INSERT, through the
 * database's rules; the actor recorded is the caller (the transaction's). When a batch is refused,
 * its rows are tried one by one to name the first one refused: "Row 7: …", and nothing is written.
 */
export async function writeImport<K extends ImportKind>(tx: Database, caller: OrganisationCaller, kind: K, rows: ImportRow<K>[]): Promise<ImportResult> {
  if (!rows.length) throw new ActionError('invalid_input', 'The file has no rows to import.');
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await tx.transaction((inner) => writeAll(inner as unknown as Database, caller, kind, rows));
    } catch (error) {
      // Someone else took one of the ids meanwhile: make them again.
      const pg = pgErrorOf(error);
      if (attempt < 3 && pg.code === '23505' && pg.message.includes('_pkey')) continue;
      throw error;
    }
  }
}

async function writeAll(tx: Database, caller: OrganisationCaller, kind: ImportKind, rows: ImportRow<ImportKind>[]): Promise<ImportResult> {
  const ids = await idRun(tx, kind, rows.length);
  const values = rows.map((row, i) => valuesOf(kind, caller, row, ids?.[i]));
  const written: string[] = [];
  for (let start = 0; start < values.length; start += IMPORT_BATCH) {
    const batch = values.slice(start, start + IMPORT_BATCH);
    // Rows of a batch must name the same columns: group them by their keys (usually one group).
    try {
      const out = await tx.transaction(async (inner) => {
        const result: { id: string }[] = [];
        for (const group of groupByColumns(batch)) result.push(...(await insertBatch(inner as unknown as Database, kind, group)));
        return result;
      });
      written.push(...out.map((r) => r.id));
    } catch (error) {
      if (pgErrorOf(error).code === '23505' && pgErrorOf(error).message.includes('_pkey')) throw error;
      throw await locateRefusal(tx, kind, batch, start, error);
    }
  }
  return { kind, count: written.length, firstId: written[0] ?? null, lastId: written.at(-1) ?? null };
}

function groupByColumns(batch: Values[]): Values[][] {
  const groups = new Map<string, Values[]>();
  for (const row of batch) {
    const key = Object.keys(row).sort().join(',');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()];
}

/** Tries the refused batch's rows one at a time (each in a savepoint) and names the first refused. */
async function locateRefusal(tx: Database, kind: ImportKind, batch: Values[], start: number, batchError: unknown): Promise<unknown> {
  for (const [i, row] of batch.entries()) {
    try {
      await tx.transaction((inner) => insertBatch(inner as unknown as Database, kind, [row]));
    } catch (error) {
      const sentence = sentenceOf(error, row);
      if (!sentence) return error;
      // As the wrapper words them: a missing reference is not_found (404), any other rule a conflict (409).
      const code = pgErrorOf(error).code === '23503' ? 'not_found' : 'conflict';
      return new ActionError(code, `Row ${start + i + 1}: ${sentence} Nothing was imported.`, { [`row ${start + i + 1}`]: sentence });
    }
  }
  const sentence = sentenceOf(batchError, {});
  return sentence ? new ActionError('conflict', `${sentence} Nothing was imported.`) : batchError;
}

/** For tests and the bench: how many live rows of a kind the organisation has. */
export async function countRows(tx: Database, table: 'change_requests' | 'roadmap_items' | 'bugs' | 'tasks'): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)} WHERE deleted_at IS NULL`));
  return Number(row!.n);
}
