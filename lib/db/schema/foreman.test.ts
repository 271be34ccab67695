import { describe, expect, it } from 'vitest';

import { setUpTestDatabase } from '../testing/test-database';
import { expectRefused, query } from '../testing/sql';

const run = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';
const wave1 = '10000000-0000-4000-8000-000000000001';
const wave2 = '10000000-0000-4000-8000-000000000002';
const waveOther = '10000000-0000-4000-8000-000000000009';
const waveB = '10000000-0000-4000-8000-00000000000b';
const task1 = '20000000-0000-4000-8000-000000000001';
const taskB = '20000000-0000-4000-8000-00000000000b';

const taskColumns = 'organisation_id, task_id, wave_id, name, architecture_reference, qa_suite_location, acceptance_criteria, state';
const taskValues = (org: string, id: string, wave: string, state = 'planned') =>
  `'${org}', '${id}', '${wave}', 'Task', 'docs/arch.md#x', 'qa/x.test.ts', 'It works', '${state}'`;

const handle = setUpTestDatabase(async () => {
  await run(`INSERT INTO organisations (id, slug, name) VALUES ('${orgA}', 'org-a', 'A'), ('${orgB}', 'org-b', 'B')`);
  await run(`INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'p1', 'One'), ('${orgA}', 'p2', 'Two'), ('${orgB}', 'p1', 'One')`);
  await run(`INSERT INTO waves (organisation_id, wave_id, program_id, name, sequence_number, state) VALUES
    ('${orgA}', '${wave1}', 'p1', 'Wave 1', 1, 'completed'),
    ('${orgA}', '${waveOther}', 'p2', 'Other program', 1, 'planned'),
    ('${orgB}', '${waveB}', 'p1', 'Org B wave', 1, 'planned')`);
  await run(`INSERT INTO tasks (${taskColumns}) VALUES (${taskValues(orgA, task1, wave1)}), (${taskValues(orgB, taskB, waveB)})`);
  await run(`INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state) VALUES
    ('${orgA}', 'ui-builder', 'ui', 'local', 'idle'), ('${orgB}', 'ui-builder', 'ui', 'hosted', 'idle')`);
});

describe('waves', () => {
  it('takes the seed defaults: no dependencies, 0 %, a generated id', async () => {
    const [row] = await run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state)
      VALUES ('${orgA}', 'p1', 'Defaults', 7, 'planned') RETURNING wave_id, dependencies, progress_percentage`);
    expect(row).toMatchObject({ dependencies: [], progress_percentage: 0 });
    expect(row?.wave_id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses a state outside planned / in-progress / blocked / completed / failed, and progress outside 0..100', async () => {
    await expectRefused(run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgA}', 'p1', 'X', 20, 'assigned')`), {
      code: '23514',
      message: /waves_state_check/,
    });
    await expectRefused(run(`UPDATE waves SET progress_percentage = -1 WHERE wave_id = '${wave1}'`), {
      code: '23514',
      message: /waves_progress_percentage_check/,
    });
    await expectRefused(run(`UPDATE waves SET dependencies = '{}' WHERE wave_id = '${wave1}'`), {
      code: '23514',
      message: /waves_dependencies_is_array/,
    });
  });

  it('keeps sequence numbers unique among the live waves of one program', async () => {
    await expectRefused(run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgA}', 'p1', 'Again', 1, 'planned')`), {
      code: '23505',
      message: /waves_program_sequence_live_key/,
    });
    // Another program, and another organisation, may use the same number.
    await run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgA}', 'p2', 'Two', 2, 'planned')`);
    await run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgB}', 'p1', 'Two', 2, 'planned')`);
    // A soft-deleted wave frees its number.
    await run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgA}', 'p1', 'Dropped', 9, 'planned')`);
    await run(`UPDATE waves SET deleted_at = now() WHERE organisation_id = '${orgA}' AND program_id = 'p1' AND sequence_number = 9`);
    await run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgA}', 'p1', 'Replacement', 9, 'planned')`);
  });

  it("refuses a wave under another organisation's program, and deleting a program that has waves", async () => {
    await expectRefused(run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state) VALUES ('${orgB}', 'p2', 'Stray', 1, 'planned')`), {
      code: '23503',
      message: /waves_program_fk/,
    });
    await expectRefused(run(`DELETE FROM programs WHERE organisation_id = '${orgA}' AND id = 'p2'`), {
      message: /foreign key constraint "waves_program_fk"/,
    });
  });

  it('accepts dependencies on other live waves of the same program only', async () => {
    await run(`INSERT INTO waves (organisation_id, wave_id, program_id, name, sequence_number, dependencies, state)
      VALUES ('${orgA}', '${wave2}', 'p1', 'Wave 2', 2, '["${wave1}"]', 'planned')`);
    await expectRefused(run(`UPDATE waves SET dependencies = '["${wave2}"]' WHERE wave_id = '${wave2}'`), {
      code: '23514',
      message: 'FOREMAN: A wave cannot depend on itself',
    });
    await expectRefused(run(`UPDATE waves SET dependencies = '["${wave1}", "${waveOther}"]' WHERE wave_id = '${wave2}'`), {
      code: '23503',
      message: `FOREMAN: Wave dependency ${waveOther} is not a live wave of program p1`,
    });
    await expectRefused(run(`UPDATE waves SET dependencies = '["${waveB}"]' WHERE wave_id = '${wave2}'`), {
      message: `FOREMAN: Wave dependency ${waveB} is not a live wave of program p1`,
    });
    await expectRefused(run(`UPDATE waves SET dependencies = '["wave-1"]' WHERE wave_id = '${wave2}'`), {
      message: 'FOREMAN: Wave dependencies must be an array of wave_ids, not "wave-1"',
    });
    await expectRefused(run(`UPDATE waves SET dependencies = '[1]' WHERE wave_id = '${wave2}'`), {
      message: 'FOREMAN: Wave dependencies must be an array of wave_ids, not 1',
    });
    // Moving the wave to another program checks its dependencies again.
    await expectRefused(run(`UPDATE waves SET program_id = 'p2', sequence_number = 5 WHERE wave_id = '${wave2}'`), {
      message: `FOREMAN: Wave dependency ${wave1} is not a live wave of program p2`,
    });
  });

  it('refuses a dependency on a soft-deleted wave', async () => {
    const [dropped] = await run(`INSERT INTO waves (organisation_id, program_id, name, sequence_number, state, deleted_at)
      VALUES ('${orgA}', 'p1', 'Gone', 30, 'failed', now()) RETURNING wave_id`);
    await expectRefused(run(`UPDATE waves SET dependencies = '["${dropped?.wave_id}"]' WHERE wave_id = '${wave2}'`), {
      message: `FOREMAN: Wave dependency ${dropped?.wave_id} is not a live wave of program p1`,
    });
  });
});

describe('tasks', () => {
  it('accepts every seed state and refuses others and progress outside 0..100', async () => {
    // Completion needs evidence (tasks_completion_requires_evidence, the board's rule).
    await run(
      `INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor) VALUES ('${orgA}', 'task', '${task1}', 'qa_green', 'qa-builder')`,
    );
    for (const state of ['planned', 'assigned', 'in-progress', 'blocked', 'completed', 'failed']) {
      await run(`UPDATE tasks SET state = '${state}' WHERE task_id = '${task1}'`);
    }
    await expectRefused(run(`UPDATE tasks SET state = 'done' WHERE task_id = '${task1}'`), { code: '23514', message: /tasks_state_check/ });
    await expectRefused(run(`UPDATE tasks SET progress_percentage = 101 WHERE task_id = '${task1}'`), {
      code: '23514',
      message: /tasks_progress_percentage_check/,
    });
  });

  it('requires architecture reference, QA suite and acceptance criteria', async () => {
    await expectRefused(
      run(
        `INSERT INTO tasks (organisation_id, wave_id, name, architecture_reference, qa_suite_location, state) VALUES ('${orgA}', '${wave1}', 'T', 'a', 'q', 'planned')`,
      ),
      { code: '23502', message: /acceptance_criteria/ },
    );
  });

  it("assigns builders of the task's organisation only, any builder id", async () => {
    await run(
      `INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state) VALUES ('${orgA}', 'docs-builder-2', 'api', 'burst', 'idle')`,
    );
    await run(`UPDATE tasks SET assigned_builder = 'docs-builder-2' WHERE task_id = '${task1}'`);
    await expectRefused(run(`UPDATE tasks SET assigned_builder = 'qa-builder' WHERE task_id = '${task1}'`), {
      code: '23503',
      message: /tasks_assigned_builder_fk/,
    });
    await expectRefused(run(`INSERT INTO tasks (${taskColumns}) VALUES (${taskValues(orgB, '20000000-0000-4000-8000-0000000000b2', wave1)})`), {
      code: '23503',
      message: /tasks_wave_fk/,
    });
  });

  it('restricts deleting a wave that still has tasks', async () => {
    await expectRefused(run(`DELETE FROM waves WHERE organisation_id = '${orgA}' AND wave_id = '${wave1}'`), {
      message: /foreign key constraint "tasks_wave_fk"/,
    });
  });
});

describe('builders', () => {
  it('accepts any slug as builder id and refuses other text', async () => {
    await expectRefused(
      run(`INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state) VALUES ('${orgA}', 'UI Builder', 'ui', 'local', 'idle')`),
      {
        code: '23514',
        message: /builders_builder_id_format/,
      },
    );
  });

  it('takes builder types from the builder_type terminology domain', async () => {
    const [row] = await run<{ keys: string }>(
      `SELECT string_agg(internal_key, ',' ORDER BY sort_order) AS keys FROM terminology WHERE domain = 'builder_type'`,
    );
    expect(row?.keys).toBe('ui,api,schema,integration,qa');
    await expectRefused(run(`UPDATE builders SET builder_type_key = 'docs' WHERE organisation_id = '${orgA}' AND builder_id = 'ui-builder'`), {
      code: '23514',
      message: 'TERMINOLOGY: "docs" is not a key of domain builder_type',
    });
  });

  it('refuses backends other than local / hosted / burst, unknown states and non-object provenance', async () => {
    const where = `WHERE organisation_id = '${orgA}' AND builder_id = 'ui-builder'`;
    await expectRefused(run(`UPDATE builders SET backend_type = 'cloud' ${where}`), { code: '23514', message: /builders_backend_type_check/ });
    await expectRefused(run(`UPDATE builders SET state = 'stalled' ${where}`), { code: '23514', message: /builders_state_check/ });
    await expectRefused(run(`UPDATE builders SET provenance = '[]' ${where}`), { code: '23514', message: /builders_provenance_is_object/ });
    await run(`UPDATE builders SET state = 'active', provenance = '{"model": "m", "escalation_rationale": null}' ${where}`);
  });

  it('points at a current task of its own organisation, one builder per task', async () => {
    await run(`UPDATE builders SET current_task_id = '${task1}' WHERE organisation_id = '${orgA}' AND builder_id = 'ui-builder'`);
    await expectRefused(run(`UPDATE builders SET current_task_id = '${task1}' WHERE organisation_id = '${orgA}' AND builder_id = 'docs-builder-2'`), {
      code: '23505',
      message: /builders_current_task_live_key/,
    });
    await expectRefused(run(`UPDATE builders SET current_task_id = '${task1}' WHERE organisation_id = '${orgB}' AND builder_id = 'ui-builder'`), {
      code: '23503',
      message: /builders_current_task_fk/,
    });
    await expectRefused(run(`DELETE FROM tasks WHERE organisation_id = '${orgA}' AND task_id = '${task1}'`), {
      message: /foreign key constraint "(builders_current_task_fk|tasks_assigned_builder_fk)"/,
    });
  });
});

describe('updated_at', () => {
  it.each([
    ['waves', `wave_id = '${wave1}'`],
    ['tasks', `task_id = '${task1}'`],
    ['builders', `organisation_id = '${orgA}' AND builder_id = 'ui-builder'`],
  ])('keeps %s.updated_at current on every update', async (table, where) => {
    await run(`UPDATE ${table} SET updated_at = '2020-01-01' WHERE ${where}`);
    const [row] = await run<{ fresh: boolean }>(`SELECT updated_at > now() - interval '1 minute' AS fresh FROM ${table} WHERE ${where}`);
    expect(row?.fresh).toBe(true);
  });
});
