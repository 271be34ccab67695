import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';

import { rowsOf } from '../sql';
import { setUpTestDatabase } from '../testing/test-database';
import { expectRefused, query } from '../testing/sql';

const run = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

const orgA = '00000000-0000-4000-8000-00000000000a';
const orgB = '00000000-0000-4000-8000-00000000000b';
const wave = '10000000-0000-4000-8000-000000000001';
const waveB = '10000000-0000-4000-8000-00000000000b';
const task = '20000000-0000-4000-8000-000000000001';
const taskB = '20000000-0000-4000-8000-00000000000b';

const handle = setUpTestDatabase(async () => {
  await run(`INSERT INTO organisations (id, slug, name) VALUES ('${orgA}', 'org-a', 'A'), ('${orgB}', 'org-b', 'B')`);
  await run(`INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'p1', 'One'), ('${orgB}', 'p1', 'One')`);
  await run(`INSERT INTO waves (organisation_id, wave_id, program_id, name, sequence_number, state) VALUES
    ('${orgA}', '${wave}', 'p1', 'W', 1, 'in-progress'), ('${orgB}', '${waveB}', 'p1', 'W', 1, 'planned')`);
  await run(`INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state, last_heartbeat) VALUES
    ('${orgA}', 'api-builder', 'api', 'hosted', 'active', now() - interval '1 hour'),
    ('${orgB}', 'api-builder', 'api', 'hosted', 'idle', now() - interval '1 hour')`);
  await run(`INSERT INTO tasks (organisation_id, task_id, wave_id, name, architecture_reference, qa_suite_location, acceptance_criteria, state, assigned_builder) VALUES
    ('${orgA}', '${task}', '${wave}', 'T', 'arch.md', 'qa/t.test.ts', 'ok', 'in-progress', 'api-builder'),
    ('${orgB}', '${taskB}', '${waveB}', 'T', 'arch.md', 'qa/t.test.ts', 'ok', 'planned', NULL)`);
});

/** The plan of a query when sequential scans are ruled out (on a handful of rows the planner
 * would rightly scan), to show which index serves it. */
async function explainWithoutSeqScan(statement: string): Promise<string> {
  const rows = await handle.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`SET LOCAL enable_seqscan = off`));
    return rowsOf<{ 'QUERY PLAN': string }>(await tx.execute(sql.raw(`EXPLAIN ${statement}`)));
  });
  return rows.map((row) => row['QUERY PLAN']).join('\n');
}

const heartbeat = (org: string, builder: string, at: string, taskId: string | null = null, status = 'active') =>
  run(
    `INSERT INTO heartbeats (organisation_id, builder_id, task_id, timestamp, status) VALUES ('${org}', '${builder}', ${taskId ? `'${taskId}'` : 'NULL'}, ${at}, '${status}')`,
  );

describe('heartbeats', () => {
  it('refuses an unknown status, progress outside 0..100, and builders or tasks of another organisation', async () => {
    await expectRefused(heartbeat(orgA, 'api-builder', 'now()', null, 'stalled'), { code: '23514', message: /heartbeats_status_check/ });
    await expectRefused(
      run(`INSERT INTO heartbeats (organisation_id, builder_id, status, progress_percentage) VALUES ('${orgA}', 'api-builder', 'idle', 150)`),
      {
        code: '23514',
        message: /heartbeats_progress_percentage_check/,
      },
    );
    await expectRefused(heartbeat(orgA, 'qa-builder', 'now()'), { code: '23503', message: /heartbeats_builder_fk/ });
    await expectRefused(heartbeat(orgA, 'api-builder', 'now()', taskB), { code: '23503', message: /heartbeats_task_fk/ });
  });

  it("moves the builder's last_heartbeat forward, never back", async () => {
    const lastHeartbeat = async () =>
      (
        await run<{ age: number }>(
          `SELECT round(extract(epoch FROM now() - last_heartbeat) / 60)::int AS age FROM builders WHERE organisation_id = '${orgA}' AND builder_id = 'api-builder'`,
        )
      )[0]?.age;
    await heartbeat(orgA, 'api-builder', `now() - interval '10 minutes'`, task);
    expect(await lastHeartbeat()).toBe(10);
    await heartbeat(orgA, 'api-builder', `now() - interval '30 minutes'`, task);
    expect(await lastHeartbeat()).toBe(10);
    await heartbeat(orgA, 'api-builder', 'now()', task);
    expect(await lastHeartbeat()).toBe(0);
    // The other organisation's builder of the same id is untouched.
    const [other] = await run<{ age: number }>(
      `SELECT round(extract(epoch FROM now() - last_heartbeat) / 60)::int AS age FROM builders WHERE organisation_id = '${orgB}'`,
    );
    expect(other?.age).toBe(60);
  });

  it("finds a builder's last heartbeat with one probe of heartbeats_builder_time_idx", async () => {
    await run(`ANALYZE heartbeats`);
    const plan = await explainWithoutSeqScan(
      `SELECT timestamp FROM heartbeats WHERE organisation_id = '${orgA}' AND builder_id = 'api-builder' ORDER BY timestamp DESC LIMIT 1`,
    );
    expect(plan).toMatch(/Index (Only )?Scan using heartbeats_builder_time_idx/);
    expect(plan).not.toMatch(/Sort/);
  });
});

describe('evidence_trail', () => {
  const entry = (org: string, type: string, id: string, extra = '') =>
    run(
      `INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor${extra ? ', backend' : ''}) VALUES ('${org}', '${type}', '${id}', 'noted', 'foreman'${extra ? `, '${extra}'` : ''}) RETURNING evidence_id`,
    );

  it('records evidence about programs, waves, tasks and builders of the organisation', async () => {
    await entry(orgA, 'program', 'p1');
    await entry(orgA, 'wave', wave);
    await entry(orgA, 'task', task, 'hosted');
    await entry(orgA, 'builder', 'api-builder');
    const [row] = await run(`SELECT context, timestamp IS NOT NULL AS stamped FROM evidence_trail WHERE entity_type = 'builder'`);
    expect(row).toEqual({ context: {}, stamped: true });
  });

  it('refuses an entity that does not exist in the organisation', async () => {
    await expectRefused(entry(orgA, 'task', taskB), { code: '23503', message: `FOREMAN: No task with id ${taskB} in this organisation` });
    await expectRefused(entry(orgA, 'wave', 'not-a-uuid'), { code: '23503', message: 'FOREMAN: No wave with id not-a-uuid in this organisation' });
    await expectRefused(entry(orgA, 'program', 'p9'), { message: 'FOREMAN: No program with id p9' });
    await expectRefused(entry(orgA, 'builder', 'ui-builder'), { message: 'FOREMAN: No builder with id ui-builder' });
  });

  it('refuses unknown entity types, backends other than local / hosted / burst, and non-object context', async () => {
    await expectRefused(entry(orgA, 'release', 'r1'), { code: '23514', message: /evidence_trail_entity_type_check/ });
    await expectRefused(entry(orgA, 'task', task, 'cloud'), { code: '23514', message: /evidence_trail_backend_check/ });
    await expectRefused(
      run(
        `INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor, context) VALUES ('${orgA}', 'program', 'p1', 'x', 'foreman', '[1]')`,
      ),
      {
        code: '23514',
        message: /evidence_trail_context_is_object/,
      },
    );
  });

  it("reads an entity's timeline newest first from evidence_trail_entity_time_idx", async () => {
    await run(`ANALYZE evidence_trail`);
    const plan = await explainWithoutSeqScan(
      `SELECT action FROM evidence_trail WHERE organisation_id = '${orgA}' AND entity_type = 'task' AND entity_id = '${task}' ORDER BY timestamp DESC LIMIT 20`,
    );
    expect(plan).toMatch(/Index Scan using evidence_trail_entity_time_idx/);
    expect(plan).not.toMatch(/Sort/);
  });

  it('is append-only', async () => {
    await expectRefused(run(`UPDATE evidence_trail SET action = 'rewritten'`), { code: '23514', message: 'Evidence trail entries are immutable' });
    await expectRefused(run(`DELETE FROM evidence_trail`), { code: '23514', message: 'Evidence trail entries cannot be deleted' });
    const [row] = await run<{ n: number }>(`SELECT count(*)::int AS n FROM evidence_trail`);
    expect(row?.n).toBe(4);
  });
});

describe('governance_violations', () => {
  it('records a violation against a task, a builder, both or neither, within the organisation', async () => {
    await run(
      `INSERT INTO governance_violations (organisation_id, task_id, builder_id, violation_type, description) VALUES ('${orgA}', '${task}', 'api-builder', 'protected_path', 'Edited .github/workflows')`,
    );
    await run(`INSERT INTO governance_violations (organisation_id, violation_type, description) VALUES ('${orgA}', 'process', 'Plan approved without QA')`);
    await expectRefused(
      run(`INSERT INTO governance_violations (organisation_id, task_id, violation_type, description) VALUES ('${orgA}', '${taskB}', 'x', 'y')`),
      {
        code: '23503',
        message: /governance_violations_task_fk/,
      },
    );
    await expectRefused(
      run(`INSERT INTO governance_violations (organisation_id, builder_id, violation_type, description) VALUES ('${orgA}', 'qa-builder', 'x', 'y')`),
      {
        code: '23503',
        message: /governance_violations_builder_fk/,
      },
    );
    await run(`UPDATE governance_violations SET resolved_at = now(), resolution = 'Reverted' WHERE violation_type = 'process'`);
    const [open] = await run<{ n: number }>(`SELECT count(*)::int AS n FROM governance_violations WHERE resolved_at IS NULL AND deleted_at IS NULL`);
    expect(open?.n).toBe(1);
  });
});

describe('architecture_validations', () => {
  const validation = (passRate: string, readiness = 'READY') =>
    run(`INSERT INTO architecture_validations (organisation_id, task_id, architecture_reference, validation_results, pass_rate, build_readiness)
      VALUES ('${orgA}', '${task}', 'arch.md', '{"checks": []}', ${passRate}, '${readiness}') RETURNING pass_rate::text, validated_by`);

  it('stores pass rates 0..100 with two decimals and defaults validated_by to foreman', async () => {
    expect((await validation('87.456'))[0]).toEqual({ pass_rate: '87.46', validated_by: 'foreman' });
    await validation('100', 'READY');
    await validation('0', 'NOT_READY');
  });

  it('refuses a pass rate outside 0..100 and readiness other than READY / NOT_READY', async () => {
    await expectRefused(validation('100.5'), { code: '23514', message: /architecture_validations_pass_rate_check/ });
    await expectRefused(validation('-0.01'), { code: '23514', message: /architecture_validations_pass_rate_check/ });
    await expectRefused(validation('50', 'MAYBE'), { code: '23514', message: /architecture_validations_build_readiness_check/ });
  });
});

describe('qa_executions', () => {
  const execution = (counts: string, status: string) =>
    run(`INSERT INTO qa_executions (organisation_id, task_id, qa_suite_location, total_tests, passing_tests, failing_tests, skipped_tests, qa_status)
      VALUES ('${orgA}', '${task}', 'qa/t.test.ts', ${counts}, '${status}') RETURNING test_debt_count`);

  it('records RED, PARTIAL and GREEN runs with test debt 0 by default', async () => {
    expect((await execution('10, 0, 10, 0', 'RED'))[0]).toEqual({ test_debt_count: 0 });
    await execution('10, 6, 3, 1', 'PARTIAL');
    await execution('10, 10, 0, 0', 'GREEN');
  });

  it('refuses other statuses, negative counts and more results than tests', async () => {
    await expectRefused(execution('1, 1, 0, 0', 'AMBER'), { code: '23514', message: /qa_executions_qa_status_check/ });
    await expectRefused(execution('1, -1, 0, 0', 'RED'), { code: '23514', message: /qa_executions_counts_check/ });
    await expectRefused(execution('3, 2, 2, 0', 'PARTIAL'), { code: '23514', message: /qa_executions_counts_within_total/ });
  });

  it("belongs to a task of the execution's organisation", async () => {
    await expectRefused(
      run(
        `INSERT INTO qa_executions (organisation_id, task_id, qa_suite_location, total_tests, passing_tests, failing_tests, skipped_tests, qa_status) VALUES ('${orgA}', '${taskB}', 'qa', 0, 0, 0, 0, 'RED')`,
      ),
      { code: '23503', message: /qa_executions_task_fk/ },
    );
    await expectRefused(run(`DELETE FROM tasks WHERE organisation_id = '${orgA}' AND task_id = '${task}'`), { message: /foreign key constraint/ });
  });
});
