import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { orgA, orgB, seedPortfolio } from './governance.fixture';

function charter(org: string, id: string, type = 'roadmap', active = true) {
  return query(
    handle.db,
    `INSERT INTO charter_docs (organisation_id, id, doc_type_key, version, title, content_hash, is_active)
     VALUES ('${org}', '${id}', '${type}', '${id}', 'Charter ${id}', 'sha256:${id}', ${active})`,
  );
}

async function active(org: string, type = 'roadmap'): Promise<string[]> {
  const rows = await query<{ id: string }>(
    handle.db,
    `SELECT id FROM charter_docs WHERE organisation_id = '${org}' AND doc_type_key = '${type}' AND is_active AND deleted_at IS NULL ORDER BY id`,
  );
  return rows.map((r) => r.id);
}

const handle = setUpTestDatabase(seedPortfolio);

describe('charter_docs: one active document per type and organisation', () => {
  it('retires the active document of the same type when a new active one is inserted', async () => {
    await charter(orgA, 'roadmap-v1');
    await query(handle.db, `UPDATE charter_docs SET updated_at = '2020-01-01' WHERE id = 'roadmap-v1'`);
    await charter(orgA, 'roadmap-v2');
    expect(await active(orgA)).toEqual(['roadmap-v2']);
    const [old] = await query<{ is_active: boolean; touched: boolean }>(
      handle.db,
      `SELECT is_active, updated_at > now() - interval '1 minute' AS touched FROM charter_docs WHERE id = 'roadmap-v1'`,
    );
    expect(old).toEqual({ is_active: false, touched: true });
  });

  it('re-activates an older document by UPDATE, retiring the current one (the original failed here)', async () => {
    await query(handle.db, `UPDATE charter_docs SET is_active = true WHERE organisation_id = '${orgA}' AND id = 'roadmap-v1'`);
    expect(await active(orgA)).toEqual(['roadmap-v1']);
  });

  it('leaves other types and other organisations alone', async () => {
    await charter(orgA, 'ethos-v1', 'ethos');
    await charter(orgB, 'roadmap-b1');
    expect(await active(orgA)).toEqual(['roadmap-v1']);
    expect(await active(orgA, 'ethos')).toEqual(['ethos-v1']);
    expect(await active(orgB)).toEqual(['roadmap-b1']);
  });

  it('does not count soft-deleted documents, and keeps an inactive insert inactive', async () => {
    await query(handle.db, `UPDATE charter_docs SET deleted_at = now() WHERE id = 'ethos-v1'`);
    await charter(orgA, 'ethos-v2', 'ethos');
    expect(await active(orgA, 'ethos')).toEqual(['ethos-v2']);
    const [deleted] = await query(handle.db, `SELECT is_active FROM charter_docs WHERE id = 'ethos-v1'`);
    expect(deleted).toEqual({ is_active: true });
    await charter(orgA, 'ethos-draft', 'ethos', false);
    expect(await active(orgA, 'ethos')).toEqual(['ethos-v2']);
  });

  it('makes a restored active document the active one of its type', async () => {
    await query(handle.db, `UPDATE charter_docs SET deleted_at = NULL WHERE id = 'ethos-v1'`);
    expect(await active(orgA, 'ethos')).toEqual(['ethos-v1']);
  });

  it('refuses a document type outside the charter_type domain', async () => {
    await expectRefused(charter(orgA, 'x', 'manifesto'), {
      code: '23514',
      message: 'TERMINOLOGY: "manifesto" is not a key of domain charter_type',
    });
  });

  it('is backed by the unique partial index when the trigger is bypassed', async () => {
    let refused: unknown;
    await handle.db
      .transaction(async (tx) => {
        await tx.execute(sql.raw('ALTER TABLE charter_docs DISABLE TRIGGER charter_singleton_enforce'));
        refused = await tx
          .execute(
            sql.raw(`INSERT INTO charter_docs (organisation_id, id, doc_type_key, version, title, content_hash)
                            VALUES ('${orgA}', 'roadmap-v3', 'roadmap', '3', 'Three', 'h')`),
          )
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        tx.rollback();
      })
      .catch(() => undefined);
    await expectRefused(Promise.reject(refused), { code: '23505', message: /charter_docs_active_type_key/ });
    expect(await active(orgA)).toEqual(['roadmap-v1']);
  });
});

describe('v_active_charters', () => {
  it('lists the active live documents with the display name of their type', async () => {
    const rows = await query(
      handle.db,
      `SELECT id, doc_type_key, doc_type, version, title FROM v_active_charters WHERE organisation_id = '${orgA}' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'ethos-v1', doc_type_key: 'ethos', doc_type: 'Ethos', version: 'ethos-v1', title: 'Charter ethos-v1' },
      { id: 'roadmap-v1', doc_type_key: 'roadmap', doc_type: 'Roadmap', version: 'roadmap-v1', title: 'Charter roadmap-v1' },
    ]);
  });
});

describe('charter_docs under concurrency (PostgreSQL)', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('two sessions activating one type at once both succeed; the later one stays active', async () => {
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const insert = (id: string) =>
      sql.raw(`INSERT INTO charter_docs (organisation_id, id, doc_type_key, version, title, content_hash)
               VALUES ('${orgB}', '${id}', 'release_checklist', '${id}', 'Checklist', 'h')`);
    await Promise.all([
      handle.db.transaction(async (tx) => {
        await tx.execute(insert('race-first'));
        await sleep(300);
      }),
      (async () => {
        await sleep(100);
        await handle.db.transaction(async (tx) => {
          await tx.execute(insert('race-second'));
        });
      })(),
    ]);
    expect(await active(orgB, 'release_checklist')).toEqual(['race-second']);
  });
});
