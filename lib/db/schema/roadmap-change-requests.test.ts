import { beforeAll, describe, expect, it } from 'vitest';

import { createPortfolio } from '../testing/roadmap-fixtures';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

const org = '00000000-0000-4000-8000-0000000000a6';
const other = '00000000-0000-4000-8000-0000000000b6';

const sql = (statement: string) => query(handle.db, statement);

const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'crs-a');
  await createPortfolio(db, other, 'crs-b');
});

describe('change_requests', () => {
  it("takes the seed's defaults: queue, enhancement, size M", async () => {
    await sql(`INSERT INTO change_requests (organisation_id, id, title) VALUES ('${org}', 'CR-A', 'Defaults')`);
    const [row] = await sql(`SELECT status_key, type_key, size FROM change_requests WHERE organisation_id = '${org}' AND id = 'CR-A'`);
    expect(row).toEqual({ status_key: 'queue', type_key: 'enhancement', size: 'M' });
  });

  it('refuses a size outside S / M / L / XL and keys outside cr_status and cr_type', async () => {
    await expectRefused(sql(`INSERT INTO change_requests (organisation_id, id, title, size) VALUES ('${org}', 'CR-B', 'X', 'XXL')`), {
      code: '23514',
      message: /change_requests_size_check/,
    });
    await expectRefused(sql(`INSERT INTO change_requests (organisation_id, id, title, status_key) VALUES ('${org}', 'CR-B', 'X', 'open')`), {
      message: 'TERMINOLOGY: "open" is not a key of domain cr_status',
    });
    await expectRefused(sql(`UPDATE change_requests SET type_key = 'bug' WHERE organisation_id = '${org}' AND id = 'CR-A'`), {
      message: 'TERMINOLOGY: "bug" is not a key of domain cr_type',
    });
  });

  it('refuses a product or feature of another organisation', async () => {
    await expectRefused(sql(`INSERT INTO change_requests (organisation_id, id, title, product_id) VALUES ('${org}', 'CR-C', 'X', 'nope')`), {
      code: '23503',
      message: /change_requests_product_fk/,
    });
    await expectRefused(sql(`INSERT INTO change_requests (organisation_id, id, title, feature_id) VALUES ('${org}', 'CR-C', 'X', 'nope')`), {
      code: '23503',
      message: /change_requests_feature_fk/,
    });
  });
});

describe('cr_dependencies', () => {
  beforeAll(async () => {
    await sql(`INSERT INTO change_requests (organisation_id, id, title) VALUES ('${org}', 'CR-D1', 'One'), ('${org}', 'CR-D2', 'Two')`);
  });

  it('holds blocks, related and supersedes edges, once per pair', async () => {
    await sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${org}', 'CR-D2', 'CR-D1', 'supersedes')`);
    await sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${org}', 'CR-D1', 'CR-A', 'related')`);
    await expectRefused(
      sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${org}', 'CR-D2', 'CR-D1', 'blocks')`),
      { code: '23505', message: /cr_dependencies_pkey/ },
    );
  });

  it('refuses a type outside the three, a self reference, a missing type and an unknown CR', async () => {
    await expectRefused(
      sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${org}', 'CR-A', 'CR-D1', 'soft')`),
      { code: '23514', message: /cr_dependencies_dependency_type_check/ },
    );
    await expectRefused(
      sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${org}', 'CR-A', 'CR-A', 'blocks')`),
      { code: '23514', message: /cr_dependencies_no_self_reference/ },
    );
    await expectRefused(sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id) VALUES ('${org}', 'CR-A', 'CR-D1')`), {
      code: '23502',
    });
    await expectRefused(
      sql(`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type) VALUES ('${other}', 'CR-A', 'CR-D1', 'blocks')`),
      { code: '23503', message: /cr_dependencies_cr_fk/ },
    );
  });
});

describe('bugs', () => {
  it("takes the seed's defaults and needs a feature and its version", async () => {
    await sql(`INSERT INTO bugs (organisation_id, id, title, feature_id, feature_version) VALUES ('${org}', 'BUG-A', 'Defaults', 'feat', '1.0')`);
    const [row] = await sql(`SELECT severity_key, status_key FROM bugs WHERE organisation_id = '${org}' AND id = 'BUG-A'`);
    expect(row).toEqual({ severity_key: 'medium', status_key: 'open' });
    await expectRefused(sql(`INSERT INTO bugs (organisation_id, id, title, feature_id) VALUES ('${org}', 'BUG-B', 'X', 'feat')`), { code: '23502' });
    await expectRefused(sql(`INSERT INTO bugs (organisation_id, id, title, feature_id, feature_version) VALUES ('${other}', 'BUG-B', 'X', 'none', '1')`), {
      code: '23503',
      message: /bugs_feature_fk/,
    });
  });

  it('refuses keys outside bug_severity and bug_status, and an unknown fixing CR', async () => {
    await expectRefused(sql(`UPDATE bugs SET severity_key = 'blocker' WHERE organisation_id = '${org}' AND id = 'BUG-A'`), {
      message: 'TERMINOLOGY: "blocker" is not a key of domain bug_severity',
    });
    await expectRefused(sql(`UPDATE bugs SET status_key = 'closed' WHERE organisation_id = '${org}' AND id = 'BUG-A'`), {
      message: 'TERMINOLOGY: "closed" is not a key of domain bug_status',
    });
    await expectRefused(sql(`UPDATE bugs SET fix_cr_id = 'CR-NONE' WHERE organisation_id = '${org}' AND id = 'BUG-A'`), {
      code: '23503',
      message: /bugs_fix_cr_fk/,
    });
  });
});

describe('program management views', () => {
  beforeAll(async () => {
    await sql(
      `INSERT INTO change_requests (organisation_id, id, title, status_key, size, owner, product_id, feature_id, target_version, created_at) VALUES
         ('${org}', 'CR-V1', 'Oldest open', 'review', 'S', 'ann', 'prod', 'feat', '1.2', now() - interval '3 days'),
         ('${org}', 'CR-V2', 'Newest open', 'in_progress', 'XL', NULL, NULL, NULL, NULL, now() - interval '1 day'),
         ('${org}', 'CR-V3', 'Done', 'done', 'M', NULL, NULL, NULL, NULL, now()),
         ('${org}', 'CR-V4', 'Deleted', 'queue', 'M', NULL, NULL, NULL, NULL, now())`,
    );
    await sql(`UPDATE change_requests SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'CR-V4'`);
    await sql(
      `INSERT INTO bugs (organisation_id, id, title, feature_id, feature_version, severity_key, status_key, fix_cr_id, fixed_in_version, created_at) VALUES
         ('${org}', 'BUG-L', 'Low', 'feat', '1.0', 'low', 'wont_fix', NULL, NULL, now()),
         ('${org}', 'BUG-C', 'Critical', 'feat', '1.0', 'critical', 'fixed', 'CR-V1', '1.1', now() - interval '5 days'),
         ('${org}', 'BUG-H2', 'High newer', 'feat', '1.1', 'high', 'open', NULL, NULL, now() - interval '1 day'),
         ('${org}', 'BUG-H1', 'High older', 'feat', '1.0', 'high', 'verified', NULL, NULL, now() - interval '2 days'),
         ('${org}', 'BUG-X', 'Deleted', 'feat', '1.0', 'critical', 'open', NULL, NULL, now())`,
    );
    await sql(`UPDATE bugs SET deleted_at = now() WHERE organisation_id = '${org}' AND id IN ('BUG-X', 'BUG-A')`);
  });

  it('v_open_crs: live CRs not done, newest first, with the status display and product and feature names', async () => {
    const rows = await sql(
      `SELECT id, title, status_key, status, size, owner, product_name, feature_name, target_version
       FROM v_open_crs WHERE organisation_id = '${org}' AND id LIKE 'CR-V%'`,
    );
    expect(rows).toEqual([
      {
        id: 'CR-V2',
        title: 'Newest open',
        status_key: 'in_progress',
        status: 'In progress',
        size: 'XL',
        owner: null,
        product_name: null,
        feature_name: null,
        target_version: null,
      },
      {
        id: 'CR-V1',
        title: 'Oldest open',
        status_key: 'review',
        status: 'Review',
        size: 'S',
        owner: 'ann',
        product_name: 'Product',
        feature_name: 'Feature',
        target_version: '1.2',
      },
    ]);
    const [row] = await sql(`SELECT count(*)::int AS n FROM v_open_crs WHERE organisation_id = '${other}'`);
    expect(row).toEqual({ n: 0 });
  });

  it('v_bugs_by_version: live bugs of every status, critical then high then medium then the rest, newest first', async () => {
    const rows = await sql(
      `SELECT id, title, feature_name, feature_version, severity, status, fix_cr_id, fixed_in_version
       FROM v_bugs_by_version WHERE organisation_id = '${org}'`,
    );
    expect(rows).toEqual([
      {
        id: 'BUG-C',
        title: 'Critical',
        feature_name: 'Feature',
        feature_version: '1.0',
        severity: 'Critical',
        status: 'Fixed',
        fix_cr_id: 'CR-V1',
        fixed_in_version: '1.1',
      },
      {
        id: 'BUG-H2',
        title: 'High newer',
        feature_name: 'Feature',
        feature_version: '1.1',
        severity: 'High',
        status: 'Open',
        fix_cr_id: null,
        fixed_in_version: null,
      },
      {
        id: 'BUG-H1',
        title: 'High older',
        feature_name: 'Feature',
        feature_version: '1.0',
        severity: 'High',
        status: 'Verified',
        fix_cr_id: null,
        fixed_in_version: null,
      },
      {
        id: 'BUG-L',
        title: 'Low',
        feature_name: 'Feature',
        feature_version: '1.0',
        severity: 'Low',
        status: "Won't fix",
        fix_cr_id: null,
        fixed_in_version: null,
      },
    ]);
  });

  it('v_programs_summary: live programs with type and status displays and their live product count', async () => {
    await sql(`INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${org}', 'prod-2', 'prog', 'Gone')`);
    await sql(`UPDATE products SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'prod-2'`);
    await sql(
      `INSERT INTO programs (organisation_id, id, name, type_key, status_key, owner) VALUES ('${org}', 'empty', 'Empty', 'content', 'maintenance', 'dee')`,
    );
    await sql(`INSERT INTO programs (organisation_id, id, name) VALUES ('${org}', 'old', 'Old')`);
    await sql(`UPDATE programs SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'old'`);
    const rows = await sql(
      `SELECT organisation_id, id, name, type, status, owner, product_count FROM v_programs_summary WHERE organisation_id = '${org}' ORDER BY id`,
    );
    expect(rows).toEqual([
      { organisation_id: org, id: 'empty', name: 'Empty', type: 'Content', status: 'Maintenance', owner: 'dee', product_count: 0 },
      { organisation_id: org, id: 'prog', name: 'Program', type: 'Software', status: 'Active', owner: null, product_count: 1 },
    ]);
  });
});
