import { describe, expect, it } from 'vitest';

import type { Database } from '../db/connection';
import { query } from '../db/testing/sql';
import { setUpTestDatabase } from '../db/testing/test-database';
import { generateApiToken } from '../organisations/token-format';
import { createBuilder, createMember, createOrganisation, fingerprintDatabase, fingerprintOrganisation } from './test-fixtures';

// The fingerprints prove that a refused call changed nothing (procedures.test.ts, sign-in.test.ts),
// so they must see every change a call could make, and only those.
const fixture = setUpTestDatabase(async (db) => {
  const a = await createOrganisation(db, 'alpha');
  const b = await createOrganisation(db, 'beta');
  await createBuilder(db, a, 'alpha-builder');
  const ann = await createMember(db, 'ann@example.com', [[a, 'owner']]);
  await createMember(db, 'ben@example.com', [[b, 'owner']]);
  const { hash, prefix } = generateApiToken();
  await query(
    db,
    `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by)
     VALUES ('${a}', 'alpha-builder', 'fixture', '${hash}', '${prefix}', '${ann}')`,
  );
});

const organisation = async (slug: string) => (await query<{ id: string }>(fixture.db, `SELECT id FROM organisations WHERE slug = '${slug}'`))[0]!.id;

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const changed = (before: Record<string, string>, after: Record<string, string>) => Object.keys(after).filter((table) => after[table] !== before[table]);

describe('fingerprintDatabase', () => {
  it('is the same while nothing changes, and names the table of a row added, changed or removed', async () => {
    const db = fixture.db;
    const first = await fingerprintDatabase(db);
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['organisations', 'memberships', 'api_tokens', 'user', 'builders']));
    expect(await fingerprintDatabase(db)).toEqual(first);

    await createBuilder(db, await organisation('alpha'), 'alpha-builder-2');
    const added = await fingerprintDatabase(db);
    expect(changed(first, added)).toContain('builders');

    await query(db, `UPDATE organisations SET name = 'Alpha, renamed' WHERE slug = 'alpha'`);
    const renamed = await fingerprintDatabase(db);
    expect(changed(added, renamed)).toContain('organisations');
    expect(changed(added, renamed)).not.toContain('builders');

    await query(db, `DELETE FROM builders WHERE builder_id = 'alpha-builder-2'`);
    expect(changed(renamed, await fingerprintDatabase(db))).toContain('builders');
  });

  it('leaves out what records a call: a token stamped as used, and the sign-in limits', async () => {
    const before = await fingerprintDatabase(fixture.db);
    await query(fixture.db, `UPDATE api_tokens SET last_used_at = now()`);
    await query(fixture.db, `INSERT INTO rate_limit (id, key, count, last_request) VALUES ('fp', 'fp-key', 1, 0)`);
    expect(await fingerprintDatabase(fixture.db)).toEqual(before);
    await query(fixture.db, `UPDATE api_tokens SET revoked_at = now(), revoked_by = created_by`);
    expect(changed(before, await fingerprintDatabase(fixture.db))).toContain('api_tokens');
  });
  // A fingerprint is kept while PostgreSQL's snapshot reads the same (test-fixtures.ts): a write
  // in progress while it is taken, and committed after, must still be seen. Only PostgreSQL has a
  // second connection to write from meanwhile.
  it.runIf(onPostgres)('sees a write that was in progress on another connection when it was taken', async () => {
    const alpha = await organisation('alpha');
    const before = await fingerprintDatabase(fixture.db);
    let during: Record<string, string> | undefined;
    await fixture.db.transaction(async (tx) => {
      await createBuilder(tx as unknown as Database, alpha, 'alpha-builder-4');
      during = await fingerprintDatabase(fixture.db);
    });
    expect(during).toEqual(before);
    expect(changed(before, await fingerprintDatabase(fixture.db))).toContain('builders');
  });

  it('sees nothing of a write rolled back, and the next change', async () => {
    const before = await fingerprintDatabase(fixture.db);
    await expect(
      fixture.db.transaction(async (tx) => {
        await query(tx as unknown as Database, `UPDATE organisations SET name = 'Alpha, briefly' WHERE slug = 'alpha'`);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await fingerprintDatabase(fixture.db)).toEqual(before);
    await query(fixture.db, `UPDATE organisations SET name = 'Alpha, for good' WHERE slug = 'alpha'`);
    expect(changed(before, await fingerprintDatabase(fixture.db))).toContain('organisations');
  });
});

describe('fingerprintOrganisation', () => {
  it("changes with the organisation's own rows and row, not with another organisation's", async () => {
    const [alpha, beta] = [await organisation('alpha'), await organisation('beta')];
    const before = await fingerprintOrganisation(fixture.db, alpha);
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['organisations', 'memberships', 'builders']));

    await query(fixture.db, `UPDATE organisations SET name = 'Beta, renamed' WHERE id = '${beta}'`);
    await createBuilder(fixture.db, beta, 'beta-builder');
    expect(await fingerprintOrganisation(fixture.db, alpha)).toEqual(before);

    await createBuilder(fixture.db, alpha, 'alpha-builder-3');
    const added = await fingerprintOrganisation(fixture.db, alpha);
    expect(changed(before, added)).toContain('builders');
    expect(changed(before, added)).not.toContain('organisations');
    await query(fixture.db, `UPDATE organisations SET name = 'Alpha, again' WHERE id = '${alpha}'`);
    expect(changed(added, await fingerprintOrganisation(fixture.db, alpha))).toContain('organisations');
  });
});
