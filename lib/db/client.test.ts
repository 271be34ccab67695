import { afterEach, describe, expect, it } from 'vitest';

import { DatabaseBehindError, prepareForServing } from './client';
import type { DatabaseHandle } from './connection';
import { getMigrationStatus } from './migrations';
import { openTestDatabase } from './testing/test-database';
import { query } from './testing/sql';

let handle: DatabaseHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

describe('prepareForServing', () => {
  it.skipIf(onPostgres)('migrates a new embedded database and gives it the demo organisation once', async () => {
    handle = await openTestDatabase({ migrate: false });
    await prepareForServing(handle);
    expect((await getMigrationStatus(handle.db)).current).toBe(true);
    expect(await query(handle.db, 'SELECT slug FROM organisations')).toEqual([{ slug: 'demo' }]);

    // A later start leaves the data alone, even if the demo organisation was deleted.
    await query(handle.db, `UPDATE organisations SET slug = 'renamed'`);
    await prepareForServing(handle);
    expect(await query(handle.db, 'SELECT slug FROM organisations')).toEqual([{ slug: 'renamed' }]);
  });

  it.runIf(onPostgres)('refuses to serve a PostgreSQL database that is behind, saying to run db:migrate', async () => {
    handle = await openTestDatabase({ migrate: false });
    const attempt = prepareForServing(handle);
    await expect(attempt).rejects.toBeInstanceOf(DatabaseBehindError);
    await expect(attempt).rejects.toThrow(/is behind this version of Gantry: \d+ migration\(s\) not applied \(0000_portfolio, .*Run `npm run db:migrate`/);
    // Nothing was changed: no table was created.
    expect(await query(handle.db, `SELECT to_regclass('public.programs') IS NULL AS absent`)).toEqual([{ absent: true }]);
  });

  it.runIf(onPostgres)('serves a PostgreSQL database whose migrations are current, without seeding it', async () => {
    handle = await openTestDatabase();
    await prepareForServing(handle);
    expect(await query(handle.db, 'SELECT count(*)::int AS n FROM organisations')).toEqual([{ n: 0 }]);
  });
});
