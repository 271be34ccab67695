import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { programs } from '../db/schema';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { setUpTestDatabase } from '../db/testing/test-database';
import { insertWithFreshId } from './ids';

const org = '00000000-0000-4000-8000-00000000000a';
/** An organisation that does not exist: its foreign key refuses the row. */
const nowhere = '00000000-0000-4000-8000-0000000000ff';

const handle = setUpTestDatabase(async (db) => {
  await db.execute(sql.raw(`INSERT INTO organisations (id, slug, name) VALUES ('${org}', 'org-a', 'A')`));
  await db.execute(sql.raw(`INSERT INTO programs (organisation_id, id, name) VALUES ('${org}', 'taken', 'Taken')`));
});

/** An id maker that answers `ids` in turn, as two people creating at once would see them. */
function idsInTurn(...ids: string[]) {
  let n = 0;
  return async () => ids[Math.min(n++, ids.length - 1)]!;
}

describe('insertWithFreshId', () => {
  it('inserts the row with the id made, and answers it', async () => {
    const made = await insertWithFreshId(handle.db, programs, idsInTurn('first'), (id) => ({ organisationId: org, id, name: 'First' }));
    expect(made).toEqual({ id: 'first' });
  });

  it('makes a new id when another row took the one made, and keeps only the new row', async () => {
    const made = await insertWithFreshId(handle.db, programs, idsInTurn('taken', 'fresh'), (id) => ({ organisationId: org, id, name: 'Fresh' }));
    expect(made).toEqual({ id: 'fresh' });
    const rows = rowsOf<{ id: string; name: string }>(await handle.db.execute(sql`SELECT id, name FROM programs WHERE id IN ('taken', 'fresh') ORDER BY id`));
    expect(rows).toEqual([
      { id: 'fresh', name: 'Fresh' },
      { id: 'taken', name: 'Taken' },
    ]);
  });

  it('gives up after three taken ids, with the key violation', async () => {
    let made = 0;
    const makeId = async () => (made++, 'taken');
    const error = await insertWithFreshId(handle.db, programs, makeId, (id) => ({ organisationId: org, id, name: 'Again' })).catch((e: unknown) => e);
    expect(pgErrorOf(error).code).toBe('23505');
    expect(made).toBe(3);
  });

  it('does not retry a refusal that is not about the key', async () => {
    let made = 0;
    const makeId = async () => `other-${++made}`;
    const error = await insertWithFreshId(handle.db, programs, makeId, (id) => ({ organisationId: nowhere, id, name: 'Lost' })).catch((e: unknown) => e);
    expect(pgErrorOf(error).code).toBe('23503');
    expect(made).toBe(1);
  });
});
