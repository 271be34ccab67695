import { describe, expect, it } from 'vitest';

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
