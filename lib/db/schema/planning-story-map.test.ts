import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, seedPlanningWorld, uid } from './planning-test-fixtures';

const { orgA, orgB } = ids;
const run = (statement: string) => query(handle.db, statement);

const handle = setUpTestDatabase(seedPlanningWorld);

describe('project', () => {
  it("takes the seed's defaults", async () => {
    const [row] = await run(`SELECT default_branch, action_sequence FROM project WHERE id = '${ids.project}'`);
    expect(row).toEqual({ default_branch: 'main', action_sequence: 0 });
  });

  it('keeps names unique among live projects of one organisation', async () => {
    await expectRefused(run(`INSERT INTO project (organisation_id, name) VALUES ('${orgA}', 'Lease store')`), {
      code: '23505',
      message: /project_name_live_key/,
    });
    await run(`INSERT INTO project (organisation_id, name) VALUES ('${orgB}', 'Lease store')`);
    await run(`INSERT INTO project (organisation_id, id, name) VALUES ('${orgA}', '${uid(1)}', 'Old plan')`);
    await run(`UPDATE project SET deleted_at = now() WHERE id = '${uid(1)}'`);
    await run(`INSERT INTO project (organisation_id, name) VALUES ('${orgA}', 'Old plan')`);
  });

  it('may name a portfolio product of its own organisation', async () => {
    await run(`INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'motus-cli', 'Motus')`);
    await run(`INSERT INTO products (organisation_id, id, program_id, name) VALUES ('${orgA}', 'motus', 'motus-cli', 'motus')`);
    await run(`UPDATE project SET product_id = 'motus' WHERE id = '${ids.project}'`);
    await expectRefused(run(`INSERT INTO project (organisation_id, name, product_id) VALUES ('${orgB}', 'Stray', 'motus')`), {
      code: '23503',
      message: /project_product_fk/,
    });
  });

  it('keeps updated_at current and refuses cascading deletes', async () => {
    await run(`UPDATE project SET updated_at = '2020-01-01' WHERE id = '${ids.project}'`);
    const [row] = await run(`SELECT updated_at > now() - interval '1 minute' AS fresh FROM project WHERE id = '${ids.project}'`);
    expect(row?.fresh).toBe(true);
    await expectRefused(run(`DELETE FROM project WHERE id = '${ids.project}'`), { message: /foreign key constraint "\w+_project_fk"/ });
  });
});

describe('workflows, activities and cards stay inside one project', () => {
  it("refuses an activity under another project's workflow, and a card under another project's activity", async () => {
    await expectRefused(
      run(`INSERT INTO workflow_activity (organisation_id, project_id, workflow_id, title, position)
           VALUES ('${orgA}', '${ids.bareProject}', '${ids.workflow}', 'Stray', 1)`),
      { code: '23503', message: /workflow_activity_workflow_fk/ },
    );
    await expectRefused(
      run(`INSERT INTO card (organisation_id, project_id, workflow_activity_id, title, rank)
           VALUES ('${orgA}', '${ids.bareProject}', '${ids.activity}', 'Stray', 1)`),
      { code: '23503', message: /card_workflow_activity_fk/ },
    );
  });

  it('refuses a colour outside the list and a negative position', async () => {
    await expectRefused(
      run(`INSERT INTO workflow_activity (organisation_id, project_id, workflow_id, title, color, position)
           VALUES ('${orgA}', '${ids.project}', '${ids.workflow}', 'Red', 'red', 1)`),
      { code: '23514', message: /workflow_activity_color_check/ },
    );
    await expectRefused(run(`UPDATE workflow SET position = -1 WHERE id = '${ids.workflow}'`), {
      code: '23514',
      message: /workflow_position_check/,
    });
    await expectRefused(run(`UPDATE workflow SET build_state = 'done' WHERE id = '${ids.workflow}'`), {
      code: '23514',
      message: /workflow_build_state_check/,
    });
  });
});

describe('card', () => {
  it('defaults to todo, priority 0 and position 0', async () => {
    await run(`INSERT INTO card (organisation_id, id, project_id, workflow_activity_id, title, rank)
               VALUES ('${orgA}', '${uid(10)}', '${ids.project}', '${ids.activity}', 'Lease expiry', 2)`);
    const [row] = await run(`SELECT status, priority, position FROM card WHERE id = '${uid(10)}'`);
    expect(row).toEqual({ status: 'todo', priority: 0, position: 0 });
  });

  it('takes its status from terminology domain card_status, in board order', async () => {
    const rows = await run(`SELECT string_agg(internal_key, ',' ORDER BY sort_order) AS keys FROM terminology WHERE domain = 'card_status'`);
    expect(rows[0]?.keys).toBe('todo,active,questions,review,production');
    for (const status of ['active', 'questions', 'review', 'production']) {
      await run(`UPDATE card SET status = '${status}' WHERE id = '${uid(10)}'`);
    }
    await expectRefused(run(`UPDATE card SET status = 'done' WHERE id = '${uid(10)}'`), {
      code: '23514',
      message: 'TERMINOLOGY: "done" is not a key of domain card_status',
    });
  });

  it('needs a finite rank and a non-negative priority', async () => {
    await expectRefused(
      run(`INSERT INTO card (organisation_id, project_id, workflow_activity_id, title) VALUES ('${orgA}', '${ids.project}', '${ids.activity}', 'No rank')`),
      { code: '23502' },
    );
    for (const rank of [`'NaN'`, `'Infinity'`, `'-Infinity'`]) {
      await expectRefused(run(`UPDATE card SET rank = ${rank} WHERE id = '${uid(10)}'`), {
        code: '23514',
        message: /card_rank_check/,
      });
    }
    await run(`UPDATE card SET rank = 1.5 WHERE id = '${uid(10)}'`);
    await expectRefused(run(`UPDATE card SET priority = -1 WHERE id = '${uid(10)}'`), {
      code: '23514',
      message: /card_priority_check/,
    });
  });

  it('orders a board column by rank through the live-row index', async () => {
    const [index] = await run(`SELECT indexdef FROM pg_indexes WHERE indexname = 'card_board_live_idx'`);
    expect(index?.indexdef).toMatch(/\(organisation_id, project_id, status, rank\) WHERE \(deleted_at IS NULL\)/);
    await run(`UPDATE card SET status = 'active', rank = 0.5 WHERE id = '${uid(10)}'`);
    const column = await run(
      `SELECT title FROM card WHERE organisation_id = '${orgA}' AND project_id = '${ids.project}' AND status = 'active'
         AND deleted_at IS NULL ORDER BY rank, id`,
    );
    expect(column.map((r) => r.title)).toEqual(['Lease expiry', 'Exclusive lease']);
  });
});

describe('context artifacts', () => {
  const insert = (cols: string, values: string) =>
    run(`INSERT INTO context_artifact (organisation_id, project_id, name, type, ${cols})
         VALUES ('${orgA}', '${ids.project}', 'Spec', 'spec', ${values})`);

  it('need content, a uri or an integration reference', async () => {
    await insert('content', `'# Leases'`);
    await insert('uri', `'https://example.org/leases'`);
    await insert('integration_ref', `'{"provider": "notion", "id": "abc"}'`);
    await expectRefused(insert('title', `'Nothing'`), { code: '23514', message: /context_artifact_source_check/ });
    // As the application's check: an empty string is no content.
    await expectRefused(insert('content, uri', `'', ''`), { code: '23514', message: /context_artifact_source_check/ });
  });

  it('take the types of the final schema, test and scaffold included', async () => {
    await run(`INSERT INTO context_artifact (organisation_id, project_id, name, type, uri)
               VALUES ('${orgA}', '${ids.project}', 'Lease tests', 'test', 'tests/leases.test.ts'),
                      ('${orgA}', '${ids.project}', 'Starter', 'scaffold', 'templates/next')`);
    await expectRefused(
      run(`INSERT INTO context_artifact (organisation_id, project_id, name, type, uri) VALUES ('${orgA}', '${ids.project}', 'X', 'video', 'x')`),
      { code: '23514', message: /context_artifact_type_check/ },
    );
  });

  it("link to cards of the artifact's own project only", async () => {
    await run(`INSERT INTO context_artifact (organisation_id, id, project_id, name, type, uri)
               VALUES ('${orgA}', '${uid(20)}', '${ids.project}', 'Lease RFC', 'doc', 'docs/leases.md')`);
    await run(`INSERT INTO card_context_artifact (organisation_id, project_id, card_id, context_artifact_id, usage_hint)
               VALUES ('${orgA}', '${ids.project}', '${ids.readyCard}', '${uid(20)}', 'Read before coding')`);
    await expectRefused(
      run(`INSERT INTO card_context_artifact (organisation_id, project_id, card_id, context_artifact_id)
           VALUES ('${orgA}', '${ids.bareProject}', '${ids.bareCard}', '${uid(20)}')`),
      { code: '23503', message: /card_context_artifact_artifact_fk/ },
    );
    await expectRefused(
      run(`INSERT INTO card_context_artifact (organisation_id, project_id, card_id, context_artifact_id)
           VALUES ('${orgA}', '${ids.project}', '${ids.readyCard}', '${uid(20)}')`),
      { code: '23505' },
    );
  });
});

describe('knowledge items and planned files', () => {
  it('share draft status, a source, confidence 0..1 and position >= 0', async () => {
    for (const table of ['card_requirement', 'card_known_fact', 'card_assumption', 'card_question']) {
      await run(`INSERT INTO ${table} (organisation_id, id, card_id, text, source, confidence)
                 VALUES ('${orgA}', '${uid(30)}', '${ids.readyCard}', 'Leases expire', 'agent', 0.8)`);
      const [row] = await run(`SELECT status, position FROM ${table} WHERE id = '${uid(30)}'`);
      expect(row).toEqual({ status: 'draft', position: 0 });
      await expectRefused(run(`UPDATE ${table} SET source = 'robot' WHERE id = '${uid(30)}'`), {
        message: new RegExp(`${table}_source_check`),
      });
      await expectRefused(run(`UPDATE ${table} SET confidence = 1.2 WHERE id = '${uid(30)}'`), {
        message: new RegExp(`${table}_confidence_check`),
      });
      await expectRefused(run(`UPDATE ${table} SET status = 'done' WHERE id = '${uid(30)}'`), {
        message: new RegExp(`${table}_status_check`),
      });
      await expectRefused(run(`UPDATE ${table} SET position = -1 WHERE id = '${uid(30)}'`), {
        message: new RegExp(`${table}_position_check`),
      });
    }
    await run(`UPDATE card_known_fact SET evidence_source = 'docs/leases.md' WHERE id = '${uid(30)}'`);
  });

  it('plan files of the listed kinds, never tests', async () => {
    const insert = (kind: string, action = 'edit') =>
      run(`INSERT INTO card_planned_file (organisation_id, card_id, logical_file_name, artifact_kind, action, intent_summary)
           VALUES ('${orgA}', '${ids.readyCard}', 'src/x.ts', '${kind}', '${action}', 'Why')`);
    await insert('middleware');
    const [row] = await run(`SELECT status FROM card_planned_file WHERE artifact_kind = 'middleware'`);
    expect(row?.status).toBe('proposed');
    await expectRefused(insert('test'), { code: '23514', message: /card_planned_file_artifact_kind_check/ });
    await expectRefused(insert('hook', 'delete'), { code: '23514', message: /card_planned_file_action_check/ });
  });

  it("refuses an item under another organisation's card", async () => {
    await expectRefused(run(`INSERT INTO card_question (organisation_id, card_id, text, source) VALUES ('${orgB}', '${ids.readyCard}', 'Why?', 'user')`), {
      code: '23503',
      message: /card_question_card_fk/,
    });
  });
});
