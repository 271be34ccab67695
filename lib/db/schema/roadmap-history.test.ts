import { beforeAll, describe, expect, it } from 'vitest';

import { createPortfolio, insertEdges, insertItems } from '../testing/roadmap-fixtures';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { runAsOrganisation } from '../tenant';

const org = '00000000-0000-4000-8000-0000000000a5';
const other = '00000000-0000-4000-8000-0000000000b5';

const sql = (statement: string) => query(handle.db, statement);

const versionsOf = (entityType: string, entityId: string, organisationId = org) =>
  sql(
    `SELECT version, data, changed_by, change_reason FROM entity_versions
     WHERE organisation_id = '${organisationId}' AND entity_type = '${entityType}' AND entity_id = '${entityId}' ORDER BY version`,
  );

const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'history-a');
  await createPortfolio(db, other, 'history-b');
});

describe('instance_config', () => {
  it("holds seed 003's rows, with a 32-hex-character instance id", async () => {
    const rows = await sql(`SELECT key, value FROM instance_config ORDER BY key`);
    const config = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    expect(config).toMatchObject({
      instance_name: 'default',
      protocol_version: '1',
      federation_enabled: 'false',
      federation_upstream_url: '',
      federation_api_key: '',
    });
    expect(config.instance_id).toMatch(/^[0-9a-f]{32}$/);
    expect(config.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('refuses audited changes when the instance id is missing (audit_log.instance_id is NOT NULL)', async () => {
    await insertItems(handle.db, org, [{ id: 'I1' }, { id: 'I2' }]);
    await expectRefused(
      () =>
        handle.db.transaction(async (tx) => {
          await query(tx, `DELETE FROM instance_config WHERE key = 'instance_id'`);
          await insertEdges(tx, org, [['I2', 'I1']]);
        }),
      { code: '23502', message: /instance_id/ },
    );
    const [row] = await sql(`SELECT count(*)::int AS n FROM instance_config WHERE key = 'instance_id'`);
    expect(row).toEqual({ n: 1 });
  });
});

describe('append-only tables', () => {
  beforeAll(async () => {
    await insertItems(handle.db, org, [{ id: 'AO1' }, { id: 'AO2' }]);
    await insertEdges(handle.db, org, [['AO2', 'AO1']]);
    await sql(`UPDATE roadmap_items SET title = 'Changed' WHERE organisation_id = '${org}' AND id = 'AO1'`);
  });

  it('audit_log_immutable / audit_log_no_delete refuse every update and delete', async () => {
    await expectRefused(sql(`UPDATE audit_log SET actor = 'someone else' WHERE organisation_id = '${org}'`), {
      code: '23514',
      message: 'Audit log entries are immutable',
    });
    await expectRefused(sql(`DELETE FROM audit_log WHERE organisation_id = '${org}'`), {
      message: 'Audit log entries cannot be deleted',
    });
  });

  it('entity_versions_immutable / entity_versions_no_delete refuse every update and delete', async () => {
    await expectRefused(sql(`UPDATE entity_versions SET change_reason = 'why' WHERE organisation_id = '${org}'`), {
      code: '23514',
      message: 'Entity version history is immutable',
    });
    await expectRefused(sql(`DELETE FROM entity_versions WHERE organisation_id = '${org}'`), {
      message: 'Entity version history cannot be deleted',
    });
  });

  it('keeps audit rows readable per organisation, newest first', async () => {
    const rows = await sql(`SELECT organisation_id, event_type FROM audit_log WHERE organisation_id = '${org}' ORDER BY timestamp DESC, id DESC`);
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.organisation_id))).toEqual(new Set([org]));
  });

  it('refuses a second version with the same number for one entity', async () => {
    await expectRefused(
      sql(
        `INSERT INTO entity_versions (organisation_id, entity_type, entity_id, version, data, changed_by) VALUES ('${org}', 'roadmap_item', 'AO1', 1, '{}', 'me')`,
      ),
      { code: '23505', message: /entity_versions_entity_version_key/ },
    );
  });
});

/** Version 1 of an entity: the state before its first change (capture_entity_version records it). */
const baseline = (data: Record<string, unknown>) => ({
  version: 1,
  data: expect.objectContaining(data),
  changed_by: 'system',
  change_reason: 'state before the first recorded change',
});

describe('version capture', () => {
  it("cr_version_capture: a snapshot per change, numbered per CR, by the transaction's actor (not the owner)", async () => {
    await sql(
      `INSERT INTO change_requests (organisation_id, id, title, owner, product_id, feature_id, target_version)
       VALUES ('${org}', 'CR-1', 'First', 'ann', 'prod', 'feat', '1.1')`,
    );
    await runAsOrganisation(handle.db, { organisationId: org, actor: 'user:manager-id' }, (tx) =>
      query(tx, `UPDATE change_requests SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'CR-1'`),
    );
    await sql(`UPDATE change_requests SET owner = NULL, size = 'L' WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    expect(await versionsOf('cr', 'CR-1')).toEqual([
      baseline({ title: 'First', status_key: 'queue', owner: 'ann', size: 'M' }),
      {
        version: 2,
        data: {
          title: 'First',
          status_key: 'in_progress',
          type_key: 'enhancement',
          size: 'M',
          owner: 'ann',
          product_id: 'prod',
          feature_id: 'feat',
          target_version: '1.1',
        },
        changed_by: 'user:manager-id',
        change_reason: null,
      },
      {
        version: 3,
        data: {
          title: 'First',
          status_key: 'in_progress',
          type_key: 'enhancement',
          size: 'L',
          owner: null,
          product_id: 'prod',
          feature_id: 'feat',
          target_version: '1.1',
        },
        changed_by: 'system',
        change_reason: null,
      },
    ]);
  });

  it('records nothing for an update that changes no column but updated_at', async () => {
    await sql(`UPDATE change_requests SET title = title WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    await sql(`UPDATE change_requests SET updated_at = now() - interval '1 day' WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    expect(await versionsOf('cr', 'CR-1')).toHaveLength(3);
    // A change outside the snapshot's fields (here the description) is still a version.
    await sql(`UPDATE change_requests SET description = 'Why' WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    expect(await versionsOf('cr', 'CR-1')).toHaveLength(4);
  });

  it('product_version_capture and feature_version_capture snapshot the portfolio, by system', async () => {
    await sql(`UPDATE products SET version = '0.2.0' WHERE organisation_id = '${org}' AND id = 'prod'`);
    await sql(`UPDATE features SET status_key = 'beta' WHERE organisation_id = '${org}' AND id = 'feat'`);
    expect(await versionsOf('product', 'prod')).toEqual([
      baseline({ name: 'Product', status_key: 'active' }),
      { version: 2, data: { name: 'Product', status_key: 'active', version: '0.2.0', program_id: 'prog' }, changed_by: 'system', change_reason: null },
    ]);
    expect(await versionsOf('feature', 'feat')).toEqual([
      baseline({ name: 'Feature', version: '1.0' }),
      { version: 2, data: { name: 'Feature', status_key: 'beta', version: '1.0', product_id: 'prod' }, changed_by: 'system', change_reason: null },
    ]);
  });

  it("bug_version_capture: by the transaction's actor, 'system' with none (not the assignee)", async () => {
    await sql(
      `INSERT INTO bugs (organisation_id, id, title, feature_id, feature_version, assigned_to)
       VALUES ('${org}', 'BUG-1', 'Crash', 'feat', '1.0', 'bob')`,
    );
    await sql(`UPDATE bugs SET status_key = 'confirmed', severity_key = 'high', fix_cr_id = 'CR-1' WHERE organisation_id = '${org}' AND id = 'BUG-1'`);
    expect(await versionsOf('bug', 'BUG-1')).toEqual([
      baseline({ title: 'Crash', status_key: 'open', severity_key: 'medium', fix_cr_id: null }),
      {
        version: 2,
        data: { title: 'Crash', status_key: 'confirmed', severity_key: 'high', feature_id: 'feat', feature_version: '1.0', fix_cr_id: 'CR-1' },
        changed_by: 'system',
        change_reason: null,
      },
    ]);
  });

  it("roadmap_version_capture: by the transaction's actor, soft deletes included, numbered per organisation", async () => {
    await sql(
      `INSERT INTO roadmap_items (organisation_id, id, phase_key, title, owner, target_date) VALUES
         ('${org}', 'V1', 'phase_a', 'Plan', 'cy', '2026-03-01'), ('${other}', 'V1', 'phase_a', 'Other plan', NULL, NULL)`,
    );
    await sql(`UPDATE roadmap_items SET phase_key = 'phase_b' WHERE id = 'V1'`);
    // Reordering within the lane is not a version.
    await sql(`UPDATE roadmap_items SET rank = 7.5, sort_order = 3 WHERE organisation_id = '${org}' AND id = 'V1'`);
    await runAsOrganisation(handle.db, { organisationId: org, actor: 'agent:builder-2' }, (tx) =>
      query(tx, `UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'V1'`),
    );
    const snapshot = { title: 'Plan', phase_key: 'phase_b', status_key: 'pending', owner: 'cy', target_date: '2026-03-01' };
    expect(await versionsOf('roadmap_item', 'V1')).toEqual([
      baseline({ title: 'Plan', phase_key: 'phase_a', owner: 'cy' }),
      { version: 2, data: snapshot, changed_by: 'system', change_reason: null },
      { version: 3, data: snapshot, changed_by: 'agent:builder-2', change_reason: 'deleted' },
    ]);
    expect(await versionsOf('roadmap_item', 'V1', other)).toEqual([
      baseline({ title: 'Other plan', phase_key: 'phase_a' }),
      {
        version: 2,
        data: { title: 'Other plan', phase_key: 'phase_b', status_key: 'pending', owner: null, target_date: null },
        changed_by: 'system',
        change_reason: null,
      },
    ]);
  });
});
