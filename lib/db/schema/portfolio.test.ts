import { describe, expect, it } from 'vitest';

import { setUpTestDatabase } from '../testing/test-database';
import { expectRefused, query } from '../testing/sql';

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';

const handle = setUpTestDatabase(async (db) => {
  await query(
    db,
    `INSERT INTO organisations (id, slug, name) VALUES ('${orgA}', 'org-a', 'A'), ('${orgB}', 'org-b', 'B');
     `,
  );
  await query(db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'p1', 'Program one')`);
  await query(db, `INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${orgA}', 'prod1', 'p1', 'Product one')`);
});

describe('programs (seeds 000 and 001 merged)', () => {
  it('takes seed 000 defaults and seed 001 Foreman defaults together', async () => {
    const [row] = await query(handle.db, `SELECT type_key, status_key, state, progress_percentage, objectives FROM programs WHERE id = 'p1'`);
    expect(row).toMatchObject({ type_key: 'software', status_key: 'active', state: 'planned', progress_percentage: 0, objectives: [] });
  });

  it('refuses a Foreman state outside its list and a progress outside 0..100', async () => {
    await expectRefused(query(handle.db, `INSERT INTO programs (organisation_id, id, name, state) VALUES ('${orgA}', 'p2', 'X', 'done')`), {
      code: '23514',
      message: /programs_state_check/,
    });
    await expectRefused(query(handle.db, `UPDATE programs SET progress_percentage = 101 WHERE id = 'p1'`), {
      code: '23514',
      message: /programs_progress_percentage_check/,
    });
  });

  it('refuses a terminology key outside its domain, naming the domain', async () => {
    await expectRefused(query(handle.db, `INSERT INTO programs (organisation_id, id, name, type_key) VALUES ('${orgA}', 'p3', 'Y', 'hardware')`), {
      code: '23514',
      message: 'TERMINOLOGY: "hardware" is not a key of domain program_type',
    });
    await expectRefused(query(handle.db, `UPDATE products SET status_key = 'planned' WHERE id = 'prod1'`), {
      message: 'TERMINOLOGY: "planned" is not a key of domain product_status',
    });
  });

  it('keeps names unique among live programs of one organisation only', async () => {
    await expectRefused(query(handle.db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'p4', 'Program one')`), {
      code: '23505',
    });
    // Another organisation may use the same id and name.
    await query(handle.db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgB}', 'p1', 'Program one')`);
    // A soft-deleted program frees its name.
    await query(handle.db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'old', 'Old name')`);
    await query(handle.db, `UPDATE programs SET deleted_at = now() WHERE organisation_id = '${orgA}' AND id = 'old'`);
    await query(handle.db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'new', 'Old name')`);
  });

  it('keeps updated_at current on every update', async () => {
    await query(handle.db, `UPDATE programs SET updated_at = '2020-01-01' WHERE organisation_id = '${orgA}' AND id = 'p1'`);
    const [row] = await query<{ fresh: boolean }>(
      handle.db,
      `SELECT updated_at > now() - interval '1 minute' AS fresh FROM programs WHERE organisation_id = '${orgA}' AND id = 'p1'`,
    );
    expect(row?.fresh).toBe(true);
  });
});

describe('foreign keys carry the organisation', () => {
  it("refuses a product under another organisation's program", async () => {
    await expectRefused(query(handle.db, `INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${orgB}', 'stray', 'new', 'Stray')`), {
      code: '23503',
      message: /products_program_fk/,
    });
  });

  it('restricts deleting a program that still has products (no cascades)', async () => {
    // PostgreSQL 18 (PGlite) reports RESTRICT as 23001, PostgreSQL 15 as 23503: match the text.
    await expectRefused(query(handle.db, `DELETE FROM programs WHERE organisation_id = '${orgA}' AND id = 'p1'`), {
      message: /foreign key constraint "products_program_fk"/,
    });
    const [row] = await query<{ n: number }>(handle.db, `SELECT count(*)::int AS n FROM products WHERE id = 'prod1'`);
    expect(row?.n).toBe(1);
  });

  it('chains features and releases to products of the same organisation', async () => {
    await query(handle.db, `INSERT INTO features (organisation_id, id, product_id, name) VALUES ('${orgA}', 'f1', 'prod1', 'F')`);
    await query(handle.db, `INSERT INTO releases (organisation_id, id, product_id, name, target_date) VALUES ('${orgA}', 'r1', 'prod1', 'v1', '2026-12-01')`);
    await expectRefused(query(handle.db, `INSERT INTO features (organisation_id, id, product_id, name) VALUES ('${orgB}', 'f1', 'prod1', 'F')`), {
      code: '23503',
    });
    await expectRefused(
      query(handle.db, `INSERT INTO releases (organisation_id, id, product_id, name, type_key) VALUES ('${orgA}', 'r2', 'prod1', 'v2', 'tweet')`),
      {
        message: 'TERMINOLOGY: "tweet" is not a key of domain release_type',
      },
    );
  });
});

describe('terminology (seed 000 domains)', () => {
  it('holds every domain of seed 000 with its values in order', async () => {
    const rows = await query<{ domain: string; keys: string }>(
      handle.db,
      `SELECT domain, string_agg(internal_key, ',' ORDER BY sort_order) AS keys FROM terminology GROUP BY domain ORDER BY domain`,
    );
    const domains = Object.fromEntries(rows.map((r) => [r.domain, r.keys]));
    expect(domains).toMatchObject({
      program_type: 'software,content,infrastructure',
      product_status: 'active,maintenance,deprecated,archived',
      feature_status: 'planned,in_development,beta,stable,deprecated',
      cr_status: 'queue,in_progress,review,done',
      cr_type: 'enhancement,bugfix,spec,chore',
      roadmap_phase: 'phase_a,phase_b,phase_c,phase_d,phase_e,post_launch,phase_f',
      roadmap_status: 'pending,in_progress,blocked,completed,deferred',
      bug_severity: 'critical,high,medium,low',
      bug_status: 'open,confirmed,in_progress,fixed,verified,wont_fix',
      release_type: 'version,post,campaign,deploy',
      release_status: 'pending,in_progress,ready,published,archived',
      charter_type: 'roadmap,ethos,release_checklist',
      standard_level: 'program,product,feature,release,cr',
      check_type: 'boolean,threshold,pattern,manual',
    });
  });

  it('refuses a duplicate key within a domain', async () => {
    await expectRefused(query(handle.db, `INSERT INTO terminology (domain, internal_key, display_name) VALUES ('cr_status', 'queue', 'Again')`), {
      code: '23505',
    });
  });
});
