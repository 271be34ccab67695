import { describe, expect, it } from 'vitest';

import { runAsOrganisation } from '../tenant';
import { createPortfolio, insertItems } from '../testing/roadmap-fixtures';
import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

/**
 * Migration actor_rules: every "who" column records the transaction's actor (gantry.actor, set by
 * the action wrapper), never the item's owner, a caller-supplied name, or 'system' for a person's
 * change; with no actor set (seed, command line) what was written stays.
 */
const org = '00000000-0000-4000-8000-0000000000c7';
const manager = 'user:11111111-2222-4333-8444-555555555555';
const agent = 'agent:builder-1';

const sql = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);
const as = (actor: string, statement: string) => runAsOrganisation(handle.db, { organisationId: org, actor }, (tx) => query(tx, statement));

const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'actor-rules');
  await insertItems(db, org, [{ id: 'RI-4' }, { id: 'RI-5' }, { id: 'RI-6' }]);
  await sql(`UPDATE roadmap_items SET owner = 'ben' WHERE organisation_id = '${org}'`);
});

describe('entity_versions.changed_by', () => {
  it("names the person who edited an item, not its owner and not 'system', after a baseline of the state before", async () => {
    await as(manager, `UPDATE roadmap_items SET title = 'Edited by the manager' WHERE id = 'RI-4'`);
    await as(agent, `UPDATE roadmap_items SET status_key = 'in_progress' WHERE id = 'RI-5'`);
    const rows = await sql(
      `SELECT entity_id, version, changed_by, data ->> 'owner' AS owner FROM entity_versions
        WHERE organisation_id = '${org}' AND entity_id IN ('RI-4', 'RI-5') ORDER BY entity_id, version`,
    );
    // Version 1: the state before the first change; version 2: the owner update of beforeAll, with no actor ('system').
    expect(rows).toEqual([
      { entity_id: 'RI-4', version: 1, changed_by: 'system', owner: null },
      { entity_id: 'RI-4', version: 2, changed_by: 'system', owner: 'ben' },
      { entity_id: 'RI-4', version: 3, changed_by: manager, owner: 'ben' },
      { entity_id: 'RI-5', version: 1, changed_by: 'system', owner: null },
      { entity_id: 'RI-5', version: 2, changed_by: 'system', owner: 'ben' },
      { entity_id: 'RI-5', version: 3, changed_by: agent, owner: 'ben' },
    ]);
  });
});

describe('stamped columns', () => {
  it('decisions: decided_by is the actor whatever the caller wrote; the default stays for the seed', async () => {
    await as(manager, `INSERT INTO decisions (organisation_id, id, decision_type, decided_by) VALUES ('${org}', 'D-1', 'approval', 'ben')`);
    await sql(`INSERT INTO decisions (organisation_id, id, decision_type) VALUES ('${org}', 'D-2', 'approval')`);
    await sql(`INSERT INTO decisions (organisation_id, id, decision_type, decided_by) VALUES ('${org}', 'D-3', 'approval', 'johan')`);
    const rows = await sql(`SELECT id, decided_by FROM decisions WHERE organisation_id = '${org}' ORDER BY id`);
    expect(rows).toEqual([
      { id: 'D-1', decided_by: manager },
      { id: 'D-2', decided_by: 'system' },
      { id: 'D-3', decided_by: 'johan' },
    ]);
  });

  it('plan_events: the actor and its type', async () => {
    const insert = (id: string) =>
      `INSERT INTO plan_events (organisation_id, event_id, idempotency_key, ts, actor, actor_type, source, event_type, payload)
       VALUES ('${org}', '${id}', '${id}', now(), 'ben', 'service', 'test', 'item_created', '{}')`;
    await as(manager, insert('E-1'));
    await as(agent, insert('E-2'));
    const rows = await sql(`SELECT event_id, actor, actor_type FROM plan_events WHERE organisation_id = '${org}' ORDER BY event_id`);
    expect(rows).toEqual([
      { event_id: 'E-1', actor: manager, actor_type: 'user' },
      { event_id: 'E-2', actor: agent, actor_type: 'agent' },
    ]);
  });

  it('audit rows of dependencies and assignments name the actor, for every operation', async () => {
    await as(
      manager,
      `INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id, dependency_type, created_by) VALUES ('${org}', 'RI-6', 'RI-4', 'soft', 'ben')`,
    );
    await as(agent, `UPDATE roadmap_dependencies SET dependency_type = 'blocks' WHERE item_id = 'RI-6'`);
    await as(manager, `DELETE FROM roadmap_dependencies WHERE item_id = 'RI-6'`);
    await as(
      agent,
      `INSERT INTO roadmap_assignments (organisation_id, item_id, agent_id, role, assigned_by) VALUES ('${org}', 'RI-6', 'builder-1', 'implementer', 'ben')`,
    );
    const rows = await sql(
      `SELECT event_type, action, actor FROM audit_log WHERE organisation_id = '${org}' AND resource_id IN ('RI-6->RI-4', 'RI-6') ORDER BY id`,
    );
    // The assignment also edits the item (a new version), which migration 0040 logs as plan.update, by whoever the version names.
    expect(rows.filter((r) => r.event_type !== 'plan.update')).toEqual([
      { event_type: 'roadmap_dependency', action: 'create', actor: manager },
      { event_type: 'roadmap_dependency', action: 'update', actor: agent },
      { event_type: 'roadmap_dependency', action: 'delete', actor: manager },
      { event_type: 'roadmap_assignment', action: 'assign', actor: agent },
    ]);
    const versions = await sql(
      `SELECT changed_by AS actor FROM entity_versions WHERE organisation_id = '${org}' AND entity_id = 'RI-6' AND change_reason IS NULL ORDER BY version`,
    );
    expect(rows.filter((r) => r.event_type === 'plan.update').map((r) => r.actor)).toEqual(versions.map((v) => v.actor));
    const [assignment] = await sql(`SELECT assigned_by FROM roadmap_assignments WHERE organisation_id = '${org}' AND item_id = 'RI-6'`);
    expect(assignment).toEqual({ assigned_by: agent });
  });

  it('evidence, blockers (raised and resolved) and audit rows written directly', async () => {
    await as(
      manager,
      `INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, created_by)
       VALUES ('${org}', 'EV-1', 'RI-4', 'document', 'https://example.com/spec', repeat('a', 64), 'ben')`,
    );
    await as(
      agent,
      `INSERT INTO blockers (organisation_id, id, work_id, reason_code, title, created_by) VALUES ('${org}', 'B-1', 'RI-5', 'missing_info', 'Why?', 'ben')`,
    );
    await as(manager, `INSERT INTO decisions (organisation_id, id, blocker_id, decision_type, decided_by) VALUES ('${org}', 'D-W', 'B-1', 'waiver', 'x')`);
    await as(manager, `UPDATE blockers SET resolved_at = now(), resolved_by = 'ben', resolution = 'Waived by the manager.' WHERE id = 'B-1'`);
    await as(
      agent,
      `INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, instance_id) VALUES ('${org}', 'note', 'ben', 'note', 'n-1', 'create', current_instance_id())`,
    );
    expect(await sql(`SELECT created_by FROM evidence WHERE organisation_id = '${org}' AND id = 'EV-1'`)).toEqual([{ created_by: manager }]);
    expect(await sql(`SELECT created_by, resolved_by FROM blockers WHERE organisation_id = '${org}' AND id = 'B-1'`)).toEqual([
      { created_by: agent, resolved_by: manager },
    ]);
    expect(await sql(`SELECT actor FROM audit_log WHERE organisation_id = '${org}' AND resource_id = 'n-1'`)).toEqual([{ actor: agent }]);
  });
});
