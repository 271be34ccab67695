import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { orgA, orgB, seedPortfolio } from './governance.fixture';

function standard(org: string, id: string, extra: { level?: string; check?: string; blocking?: boolean; sort?: number } = {}) {
  return query(
    handle.db,
    `INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, failure_message, is_blocking, sort_order)
     VALUES ('${org}', '${id}', 'Standard ${id}', '${extra.level ?? 'release'}', '${extra.check ?? 'boolean'}', 'It failed',
             ${extra.blocking ?? true}, ${extra.sort ?? 0})`,
  );
}

function result(release: string | null, standardId: string, outcome: string, at = 'now()') {
  return query(
    handle.db,
    `INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, release_id, result, checked_by, checked_at)
     VALUES ('${orgA}', '${standardId}', 'release', '${release ?? 'r1'}', ${release ? `'${release}'` : 'NULL'}, '${outcome}', 'system', ${at})`,
  );
}

const handle = setUpTestDatabase(seedPortfolio);

describe('standards', () => {
  it('takes seed 000 defaults: blocking, sort order 0', async () => {
    await standard(orgA, 'STD-1');
    const [row] = await query(handle.db, `SELECT is_blocking, sort_order FROM standards WHERE organisation_id = '${orgA}' AND id = 'STD-1'`);
    expect(row).toEqual({ is_blocking: true, sort_order: 0 });
  });

  it('refuses a level or check type outside its terminology domain', async () => {
    await expectRefused(standard(orgA, 'STD-X', { level: 'team' }), {
      code: '23514',
      message: 'TERMINOLOGY: "team" is not a key of domain standard_level',
    });
    await expectRefused(standard(orgA, 'STD-X', { check: 'vibes' }), {
      message: 'TERMINOLOGY: "vibes" is not a key of domain check_type',
    });
  });

  it('refuses a threshold range whose minimum exceeds its maximum', async () => {
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, failure_message, threshold_min, threshold_max)
                        VALUES ('${orgA}', 'STD-T', 'T', 'product', 'threshold', 'x', 90, 80)`,
      ),
      { code: '23514', message: /standards_threshold_range_check/ },
    );
  });

  it('keeps ids per organisation and updated_at current', async () => {
    await standard(orgB, 'STD-1');
    await query(handle.db, `UPDATE standards SET updated_at = '2020-01-01', name = 'Renamed' WHERE organisation_id = '${orgA}' AND id = 'STD-1'`);
    const [row] = await query<{ fresh: boolean }>(
      handle.db,
      `SELECT updated_at > now() - interval '1 minute' AS fresh FROM standards WHERE organisation_id = '${orgA}' AND id = 'STD-1'`,
    );
    expect(row?.fresh).toBe(true);
  });
});

describe('standard_assignments', () => {
  it('assigns a standard to an existing entity, not inherited by default, once', async () => {
    await query(
      handle.db,
      `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgA}', 'STD-1', 'product', 'prod1')`,
    );
    await query(
      handle.db,
      `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id, is_inherited) VALUES ('${orgA}', 'STD-1', 'release', 'r1', true)`,
    );
    const rows = await query(handle.db, `SELECT entity_type, is_inherited FROM standard_assignments WHERE organisation_id = '${orgA}' ORDER BY id`);
    expect(rows).toEqual([
      { entity_type: 'product', is_inherited: false },
      { entity_type: 'release', is_inherited: true },
    ]);
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgA}', 'STD-1', 'product', 'prod1')`,
      ),
      { code: '23505', message: /standard_assignments_standard_entity_key/ },
    );
  });

  it('refuses an entity that does not exist in the organisation, or an unknown entity type', async () => {
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgB}', 'STD-1', 'product', 'prod2')`,
      ),
      { code: '23503', message: 'GOVERNANCE: product "prod2" does not exist in this organisation' },
    );
    await expectRefused(
      query(handle.db, `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgA}', 'STD-1', 'team', 'x')`),
      { code: '23514', message: 'GOVERNANCE: "team" is not an entity type' },
    );
    // entity_exists knows the Foreman's kinds too; governance still accepts only its own five.
    await expectRefused(
      query(handle.db, `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgA}', 'STD-1', 'builder', 'x')`),
      { code: '23514', message: 'GOVERNANCE: "builder" is not an entity type' },
    );
    await expectRefused(
      query(handle.db, `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgA}', 'STD-1', 'cr', 'CR-none')`),
      { code: '23503', message: 'GOVERNANCE: cr "CR-none" does not exist in this organisation' },
    );
    await query(
      handle.db,
      `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgA}', 'STD-1', 'feature', 'f1'), ('${orgA}', 'STD-1', 'program', 'p1')`,
    );
  });

  it('refuses a standard of another organisation (the foreign key carries organisation_id)', async () => {
    await standard(orgA, 'STD-A-ONLY');
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${orgB}', 'STD-A-ONLY', 'product', 'prod1')`,
      ),
      { code: '23503', message: /standard_assignments_standard_fk/ },
    );
  });
});

describe('entity_exists', () => {
  it('answers for every kind in the organisation, false for a malformed uuid, NULL for an unknown kind', async () => {
    const ask = async (org: string, kind: string, id: string) =>
      (await query<{ present: boolean | null }>(handle.db, `SELECT entity_exists('${org}', '${kind}', '${id}') AS present`))[0]!.present;
    expect(await ask(orgA, 'product', 'prod1')).toBe(true);
    expect(await ask(orgB, 'product', 'prod2')).toBe(false);
    expect(await ask(orgA, 'program', 'p1')).toBe(true);
    expect(await ask(orgA, 'cr', 'CR-none')).toBe(false);
    expect(await ask(orgA, 'task', 'not-a-uuid')).toBe(false);
    expect(await ask(orgA, 'wave', '00000000-0000-0000-0000-000000000000')).toBe(false);
    expect(await ask(orgA, 'team', 'x')).toBeNull();
  });
});

describe('compliance_results (append-only)', () => {
  it('records a result with checked_at defaulting to now, and refuses an unknown result', async () => {
    await result('r1', 'STD-1', 'pass');
    const [row] = await query<{ fresh: boolean }>(handle.db, `SELECT checked_at > now() - interval '1 minute' AS fresh FROM compliance_results LIMIT 1`);
    expect(row?.fresh).toBe(true);
    await expectRefused(result('r1', 'STD-1', 'maybe'), { code: '23514', message: /compliance_results_result_check/ });
  });

  it('refuses every update and every delete with the seed messages', async () => {
    await expectRefused(query(handle.db, `UPDATE compliance_results SET result = 'fail'`), {
      code: '23514',
      message: 'Compliance results are immutable',
    });
    await expectRefused(query(handle.db, `UPDATE compliance_results SET checked_by = checked_by`), {
      message: 'Compliance results are immutable',
    });
    await expectRefused(query(handle.db, `DELETE FROM compliance_results`), {
      code: '23514',
      message: 'Compliance results cannot be deleted',
    });
  });

  it('refuses a release or entity of another organisation', async () => {
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, release_id, result, checked_by)
                        VALUES ('${orgB}', 'STD-1', 'release', 'r1', 'r3', 'pass', 'system')`,
      ),
      { code: '23503', message: /compliance_results_release_fk/ },
    );
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, result, checked_by)
                        VALUES ('${orgA}', 'STD-1', 'feature', 'nope', 'pass', 'system')`,
      ),
      { code: '23503', message: 'GOVERNANCE: feature "nope" does not exist in this organisation' },
    );
  });
});

describe('v_compliance_status', () => {
  it('rolls up each live release: distinct standards, result rows, blocked / warnings / clear', async () => {
    await standard(orgA, 'STD-WARN', { blocking: false });
    // r1 so far: STD-1 pass (from above). r2: a non-blocking failure, a skip and an error.
    await result('r2', 'STD-WARN', 'fail');
    await result('r2', 'STD-1', 'skip');
    await result('r2', 'STD-1', 'error');
    // r3: a blocking failure, re-run to pass: both rows count, and the failure still blocks.
    await result('r3', 'STD-1', 'fail', `now() - interval '1 hour'`);
    await result('r3', 'STD-1', 'pass');
    const rows = await query(
      handle.db,
      `SELECT release_id, release_name, product_name, total_checks, passed, failed, status
         FROM v_compliance_status WHERE organisation_id = '${orgA}' ORDER BY release_id`,
    );
    expect(rows).toEqual([
      { release_id: 'r1', release_name: 'v1.0', product_name: 'Product one', total_checks: 1, passed: 1, failed: 0, status: 'clear' },
      { release_id: 'r2', release_name: 'v1.1', product_name: 'Product one', total_checks: 2, passed: 0, failed: 1, status: 'warnings' },
      { release_id: 'r3', release_name: 'v2.0', product_name: 'Product two', total_checks: 1, passed: 1, failed: 1, status: 'blocked' },
    ]);
  });

  it('gives a release without results 0 / 0 / 0 / clear, and leaves soft-deleted releases out', async () => {
    const [b] = await query(handle.db, `SELECT total_checks, passed, failed, status FROM v_compliance_status WHERE organisation_id = '${orgB}'`);
    expect(b).toEqual({ total_checks: 0, passed: 0, failed: 0, status: 'clear' });
    await query(handle.db, `INSERT INTO releases (organisation_id, id, product_id, name, deleted_at) VALUES ('${orgA}', 'gone', 'prod1', 'Gone', now())`);
    const ids = await query(handle.db, `SELECT release_id FROM v_compliance_status WHERE organisation_id = '${orgA}' AND release_id = 'gone'`);
    expect(ids).toEqual([]);
  });

  it('v_latest_compliance_results gives the newest result per standard and release', async () => {
    const rows = await query(
      handle.db,
      `SELECT release_id, standard_id, result, is_blocking FROM v_latest_compliance_results
        WHERE organisation_id = '${orgA}' AND release_id = 'r3'`,
    );
    expect(rows).toEqual([{ release_id: 'r3', standard_id: 'STD-1', result: 'pass', is_blocking: true }]);
  });
});

describe('v_standards_summary', () => {
  it('lists live standards with display names and assignment counts, by level then sort order', async () => {
    await standard(orgA, 'STD-PRG', { level: 'program', check: 'manual', sort: 5 });
    await standard(orgA, 'STD-PRG-0', { level: 'program', check: 'threshold', sort: 1 });
    await query(
      handle.db,
      `INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, failure_message, deleted_at)
                            VALUES ('${orgA}', 'STD-OLD', 'Old', 'program', 'manual', 'x', now())`,
    );
    const rows = await query(handle.db, `SELECT id, level, check_type, is_blocking, assignments FROM v_standards_summary WHERE organisation_id = '${orgA}'`);
    expect(rows.map((r) => r.id)).toEqual(['STD-PRG-0', 'STD-PRG', 'STD-1', 'STD-A-ONLY', 'STD-WARN']);
    expect(rows[0]).toEqual({ id: 'STD-PRG-0', level: 'Program', check_type: 'Threshold', is_blocking: true, assignments: 0 });
    expect(rows.find((r) => r.id === 'STD-1')).toMatchObject({ level: 'Release', check_type: 'Boolean', assignments: 4 });
  });
});
