import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from './connection';
import { getMigrationStatus, readJournal } from './migrations';
import { openTestDatabase } from './testing/test-database';
import { query } from './testing/sql';

/** Everything a migration could change: tables, columns, constraints, indexes, triggers, functions, views, rows it seeds. */
async function schemaFingerprint(handle: DatabaseHandle) {
  const [row] = await query<{ fingerprint: string }>(
    handle.db,
    `SELECT md5(string_agg(item, E'\\n' ORDER BY item)) AS fingerprint FROM (
       SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || coalesce(column_default, '') || ' ' || is_nullable AS item
         FROM information_schema.columns WHERE table_schema IN ('public', 'drizzle')
       UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace
       UNION ALL SELECT 'index ' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
       UNION ALL SELECT 'trigger ' || tgrelid::regclass || ' ' || tgname FROM pg_trigger WHERE NOT tgisinternal
       UNION ALL SELECT 'function ' || proname || ' ' || md5(prosrc) FROM pg_proc WHERE pronamespace = 'public'::regnamespace
       UNION ALL SELECT 'view ' || viewname || ' ' || md5(definition) FROM pg_views WHERE schemaname = 'public'
       UNION ALL SELECT 'terminology ' || count(*) FROM terminology
       UNION ALL SELECT 'migration ' || id || ' ' || hash || ' ' || created_at FROM drizzle.__drizzle_migrations
     ) AS everything`,
  );
  return row?.fingerprint;
}

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase({ migrate: false });
});
afterAll(async () => {
  await handle?.close();
});

describe('migrations', () => {
  it('reports every shipped migration as pending on an empty database', async () => {
    const journal = readJournal();
    expect(journal.length).toBeGreaterThanOrEqual(2);
    const status = await getMigrationStatus(handle.db);
    expect(status).toEqual({ known: journal.length, applied: 0, pending: journal.map((e) => e.tag), current: false });
  });

  it('applies them all in order and records each one', async () => {
    await handle.migrate();
    const status = await getMigrationStatus(handle.db);
    expect(status).toMatchObject({ applied: readJournal().length, pending: [], current: true });
    const recorded = await query<{ created_at: string }>(handle.db, 'SELECT created_at FROM drizzle.__drizzle_migrations ORDER BY id');
    expect(recorded.map((r) => Number(r.created_at))).toEqual(readJournal().map((e) => e.when));
  });

  it('changes nothing when run a second time', async () => {
    const before = await schemaFingerprint(handle);
    await handle.migrate();
    expect(await schemaFingerprint(handle)).toBe(before);
    expect(await getMigrationStatus(handle.db)).toMatchObject({ applied: readJournal().length, current: true });
  });

  it('sees a database as behind when the code ships a newer migration', async () => {
    const journal = [...readJournal(), { tag: '9999_future', when: Date.now() + 1_000_000 }];
    expect(await getMigrationStatus(handle.db, journal)).toMatchObject({ pending: ['9999_future'], current: false });
  });
});
