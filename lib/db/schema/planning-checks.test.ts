import { describe, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, insertAssignment, insertRun, seedPlanningWorld, uid } from './planning-test-fixtures';

// The CHECKs that the other planning tests do not reach: each refused statement names its constraint.
const { orgA } = ids;
const run = (statement: string) => query(handle.db, statement);

const handle = setUpTestDatabase(async (db) => {
  await seedPlanningWorld(db);
  await insertRun(db, { id: uid(1), status: 'running' });
  await insertAssignment(db, { id: uid(2), runId: uid(1) });
  await run(`INSERT INTO agent_execution (organisation_id, id, assignment_id, status) VALUES ('${orgA}', '${uid(3)}', '${uid(2)}', 'queued')`);
  await run(`INSERT INTO approval_request (organisation_id, id, run_id, approval_type, status, requested_by, resolved_by, resolved_at)
             VALUES ('${orgA}', '${uid(4)}', '${uid(1)}', 'create_pr', 'rejected', 'agent', 'ben', now())`);
});

const refusals: Array<[string, string]> = [
  ['project_action_sequence_check', `INSERT INTO project (organisation_id, name, action_sequence) VALUES ('${orgA}', 'Negative', -1)`],
  ['workflow_activity_position_check', `UPDATE workflow_activity SET position = -1 WHERE id = '${ids.activity}'`],
  ['card_build_state_check', `UPDATE card SET build_state = 'done' WHERE id = '${ids.readyCard}'`],
  ['card_position_check', `UPDATE card SET position = -1 WHERE id = '${ids.readyCard}'`],
  ['card_planned_file_status_check', `UPDATE card_planned_file SET status = 'done' WHERE card_id = '${ids.readyCard}'`],
  ['card_planned_file_position_check', `UPDATE card_planned_file SET position = -1 WHERE card_id = '${ids.readyCard}'`],
  [
    'planning_action_target_ref_check',
    `INSERT INTO planning_action (organisation_id, project_id, action_type, validation_status, target_ref) VALUES ('${orgA}', '${ids.project}', 'createCard', 'accepted', '[]')`,
  ],
  [
    'planning_action_payload_check',
    `INSERT INTO planning_action (organisation_id, project_id, action_type, validation_status, payload) VALUES ('${orgA}', '${ids.project}', 'createCard', 'accepted', '"x"')`,
  ],
  [
    'planning_action_batch_position_check',
    `INSERT INTO planning_action (organisation_id, project_id, action_type, validation_status, batch_position) VALUES ('${orgA}', '${ids.project}', 'createCard', 'accepted', -1)`,
  ],
  ['system_policy_profile_paths_check', `UPDATE system_policy_profile SET forbidden_paths = '"secrets/"' WHERE id = '${ids.policy}'`],
  ['system_policy_profile_policies_check', `UPDATE system_policy_profile SET security_policy = '[]' WHERE id = '${ids.policy}'`],
  ['card_assignment_status_check', `UPDATE card_assignment SET status = 'done' WHERE id = '${uid(2)}'`],
  ['card_assignment_forbidden_paths_check', `UPDATE card_assignment SET forbidden_paths = '"x"' WHERE id = '${uid(2)}'`],
  ['agent_execution_status_check', `UPDATE agent_execution SET status = 'done' WHERE id = '${uid(3)}'`],
  ['agent_execution_times_check', `UPDATE agent_execution SET started_at = now(), ended_at = now() - interval '1 minute' WHERE id = '${uid(3)}'`],
  [
    'approval_request_status_check',
    `INSERT INTO approval_request (organisation_id, run_id, approval_type, status, requested_by, resolved_by) VALUES ('${orgA}', '${uid(1)}', 'merge_pr', 'maybe', 'agent', 'ben')`,
  ],
  [
    'memory_unit_content_type_check',
    `INSERT INTO memory_unit (organisation_id, content_type, content_text, status, embedding_ref) VALUES ('${orgA}', 'video', 'x', 'draft', 'v')`,
  ],
  [
    'memory_unit_status_check',
    `INSERT INTO memory_unit (organisation_id, content_type, content_text, status, embedding_ref) VALUES ('${orgA}', 'inline', 'x', 'done', 'v')`,
  ],
  [
    'memory_retrieval_log_result_memory_ids_check',
    `INSERT INTO memory_retrieval_log (organisation_id, query_text, scope_entity_type, scope_entity_id, result_memory_ids) VALUES ('${orgA}', 'q', 'card', 'c', '{}')`,
  ],
];

describe('planning CHECKs', () => {
  it.each(refusals)('%s refuses a value outside its rule', async (constraint, statement) => {
    await expectRefused(run(statement), { code: '23514', message: new RegExp(`"${constraint}"`) });
  });

  it('accepts the values inside each rule', async () => {
    await run(`UPDATE workflow_activity SET position = 3 WHERE id = '${ids.activity}'`);
    await run(`UPDATE card SET build_state = 'queued', position = 2 WHERE id = '${ids.readyCard}'`);
    await run(
      `UPDATE system_policy_profile SET forbidden_paths = NULL, protected_paths = '["migrations"]', security_policy = '{"secrets": "deny"}' WHERE id = '${ids.policy}'`,
    );
    await run(`UPDATE card_assignment SET status = 'blocked', forbidden_paths = '["vendor"]' WHERE id = '${uid(2)}'`);
    await run(`UPDATE agent_execution SET started_at = now() - interval '1 minute', ended_at = now() WHERE id = '${uid(3)}'`);
    await run(`INSERT INTO approval_request (organisation_id, run_id, approval_type, requested_by, resolved_by, resolved_at, status)
               VALUES ('${orgA}', '${uid(1)}', 'merge_pr', 'agent', 'ben', now(), 'rejected')`);
  });
});
