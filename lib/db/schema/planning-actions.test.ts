import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, insertRun, seedPlanningWorld, uid } from './planning-test-fixtures';

const { orgA } = ids;
const run = (statement: string) => query(handle.db, statement);

function insertAction(values: {
  id?: string;
  project?: string;
  type?: string;
  status?: string;
  key?: string | null;
  position?: number;
  reason?: string | null;
  applied?: boolean;
}) {
  const key = values.key ?? null;
  return run(
    `INSERT INTO planning_action (organisation_id, id, project_id, action_type, validation_status, rejection_reason, applied_at,
       idempotency_key, batch_position)
     VALUES ('${orgA}', '${values.id ?? crypto.randomUUID()}', '${values.project ?? ids.project}', '${values.type ?? 'createCard'}',
       '${values.status ?? 'accepted'}', ${values.reason ? `'${values.reason}'` : 'NULL'}, ${values.applied === false ? 'NULL' : 'now()'},
       ${key === null ? 'NULL' : `'${key}'`}, ${values.position ?? 0})`,
  );
}

const handle = setUpTestDatabase(seedPlanningWorld);

describe('planning_action: idempotency per project', () => {
  it('accepts a batch of several actions under one key, in order', async () => {
    await insertAction({ key: 'req-1', position: 0 });
    await insertAction({ key: 'req-1', position: 1, type: 'updateCard' });
    await insertAction({ key: 'req-1', position: 2, type: 'reorderCard' });
    const rows = await run(`SELECT action_type FROM planning_action WHERE project_id = '${ids.project}' AND idempotency_key = 'req-1' ORDER BY batch_position`);
    expect(rows.map((r) => r.action_type)).toEqual(['createCard', 'updateCard', 'reorderCard']);
  });

  it('refuses a second batch under a key already used in the project', async () => {
    await expectRefused(insertAction({ key: 'req-1', position: 0 }), {
      code: '23505',
      message: /planning_action_idempotency_key/,
    });
    await expectRefused(insertAction({ key: 'req-1', position: 7 }), {
      code: '23514',
      message: 'Idempotency key "req-1" has no action at batch_position 6',
    });
    await expectRefused(insertAction({ key: 'req-2', position: 1 }), {
      message: 'Idempotency key "req-2" has no action at batch_position 0',
    });
  });

  it('lets another project use the same key, and any number of actions go without one', async () => {
    await insertAction({ key: 'req-1', project: ids.bareProject });
    await insertAction({});
    await insertAction({});
  });

  it('logs rejected actions of any type, and only known types as accepted', async () => {
    await insertAction({ type: 'launchRocket', status: 'rejected', reason: 'Unknown action type', applied: false });
    await expectRefused(insertAction({ type: 'launchRocket' }), { code: '23514', message: /planning_action_action_type_check/ });
    await expectRefused(insertAction({ status: 'rejected', reason: 'Card not found' }), {
      code: '23514',
      message: /planning_action_rejection_check/,
    });
    await expectRefused(insertAction({ status: 'accepted', reason: 'Why?' }), { message: /planning_action_rejection_check/ });
    await expectRefused(insertAction({ status: 'maybe' }), { message: /planning_action_validation_status_check/ });
  });

  it('is append-only', async () => {
    await expectRefused(run(`UPDATE planning_action SET payload = '{"x": 1}' WHERE idempotency_key = 'req-1'`), {
      code: '23514',
      message: 'Planning actions are immutable.',
    });
    await expectRefused(run(`DELETE FROM planning_action WHERE idempotency_key = 'req-1'`), {
      message: 'Planning actions cannot be deleted.',
    });
  });
});

describe('project.action_sequence: optimistic concurrency', () => {
  it('advances by one from the expected value', async () => {
    await run(`UPDATE project SET action_sequence = 0 + 1 WHERE id = '${ids.project}'`);
    await run(`UPDATE project SET action_sequence = action_sequence + 1 WHERE id = '${ids.project}'`);
    const [row] = await run(`SELECT action_sequence FROM project WHERE id = '${ids.project}'`);
    expect(row?.action_sequence).toBe(2);
    // Other columns change freely.
    await run(`UPDATE project SET description = 'Leases for 0.2' WHERE id = '${ids.project}'`);
  });

  it('refuses a stale expected sequence and any jump', async () => {
    // A client that read 0 while another applied two batches.
    await expectRefused(run(`UPDATE project SET action_sequence = 0 + 1 WHERE id = '${ids.project}'`), {
      code: '23514',
      message: 'Concurrent modification: action_sequence is 2',
    });
    await expectRefused(run(`UPDATE project SET action_sequence = 5 WHERE id = '${ids.project}'`), {
      message: 'Concurrent modification',
    });
  });
});

describe('event_log', () => {
  it("records a project's events, with a run of the same project only", async () => {
    await insertRun(handle.db, { id: uid(1) });
    await run(`INSERT INTO event_log (organisation_id, project_id, run_id, event_type, actor, payload)
               VALUES ('${orgA}', '${ids.project}', '${uid(1)}', 'run_initialized', 'ben', '{"scope": "card"}'),
                      ('${orgA}', '${ids.project}', NULL, 'project_updated', 'ben', DEFAULT)`);
    await expectRefused(
      run(`INSERT INTO event_log (organisation_id, project_id, run_id, event_type, actor)
           VALUES ('${orgA}', '${ids.bareProject}', '${uid(1)}', 'run_initialized', 'ben')`),
      { code: '23503', message: /event_log_run_fk/ },
    );
  });

  it('is append-only', async () => {
    await expectRefused(run(`UPDATE event_log SET actor = 'eve'`), { code: '23514', message: 'Event log entries are immutable.' });
    await expectRefused(run(`DELETE FROM event_log`), { message: 'Event log entries cannot be deleted.' });
  });
});

describe('memory plane', () => {
  it('needs content_text for inline units and link_url for link units', async () => {
    await run(`INSERT INTO memory_unit (organisation_id, id, content_type, content_text, status, embedding_ref)
               VALUES ('${orgA}', '${uid(50)}', 'inline', 'Leases expire after ttl_seconds', 'approved', 'vec:1')`);
    await run(`INSERT INTO memory_unit (organisation_id, content_type, link_url, status, embedding_ref)
               VALUES ('${orgA}', 'link', 'https://example.org/leases', 'draft', 'vec:2')`);
    await expectRefused(
      run(`INSERT INTO memory_unit (organisation_id, content_type, link_url, status, embedding_ref) VALUES ('${orgA}', 'inline', 'x', 'draft', 'vec:3')`),
      { code: '23514', message: /memory_unit_inline_check/ },
    );
    await expectRefused(
      run(`INSERT INTO memory_unit (organisation_id, content_type, content_text, status, embedding_ref) VALUES ('${orgA}', 'link', 'x', 'draft', 'vec:4')`),
      { code: '23514', message: /memory_unit_link_check/ },
    );
    await expectRefused(run(`INSERT INTO memory_unit (organisation_id, content_type, content_text, status) VALUES ('${orgA}', 'inline', 'x', 'draft')`), {
      code: '23502',
    });
  });

  it('relates a unit once per entity, with the listed entity types and roles', async () => {
    await run(`INSERT INTO memory_unit_relation (organisation_id, memory_unit_id, entity_type, entity_id, relation_role)
               VALUES ('${orgA}', '${uid(50)}', 'card', '${ids.readyCard}', 'supports'),
                      ('${orgA}', '${uid(50)}', 'project', '${ids.project}', NULL)`);
    await expectRefused(
      run(
        `INSERT INTO memory_unit_relation (organisation_id, memory_unit_id, entity_type, entity_id) VALUES ('${orgA}', '${uid(50)}', 'card', '${ids.readyCard}')`,
      ),
      { code: '23505' },
    );
    await expectRefused(
      run(`INSERT INTO memory_unit_relation (organisation_id, memory_unit_id, entity_type, entity_id) VALUES ('${orgA}', '${uid(50)}', 'task', 't1')`),
      { message: /memory_unit_relation_entity_type_check/ },
    );
    await expectRefused(
      run(
        `INSERT INTO memory_unit_relation (organisation_id, memory_unit_id, entity_type, entity_id, relation_role) VALUES ('${orgA}', '${uid(50)}', 'workflow', 'w', 'likes')`,
      ),
      { message: /memory_unit_relation_relation_role_check/ },
    );
  });

  it('logs retrievals append-only', async () => {
    await run(`INSERT INTO memory_retrieval_log (organisation_id, query_text, scope_entity_type, scope_entity_id, result_memory_ids)
               VALUES ('${orgA}', 'lease expiry', 'card', '${ids.readyCard}', '["${uid(50)}"]')`);
    const [row] = await run(`SELECT result_memory_ids FROM memory_retrieval_log`);
    expect(row?.result_memory_ids).toEqual([uid(50)]);
    await expectRefused(
      run(`INSERT INTO memory_retrieval_log (organisation_id, query_text, scope_entity_type, scope_entity_id) VALUES ('${orgA}', 'q', 'release', 'r')`),
      { message: /memory_retrieval_log_scope_entity_type_check/ },
    );
    await expectRefused(run(`UPDATE memory_retrieval_log SET query_text = 'x'`), {
      message: 'Memory retrieval log entries are immutable.',
    });
    await expectRefused(run(`DELETE FROM memory_retrieval_log`), { message: 'Memory retrieval log entries cannot be deleted.' });
  });
});
