import { sql, type SQL } from 'drizzle-orm';

import { analyze, execute, selectRows, type ScaleContext, type ScaleStep } from './context';
import { ownerOf, programId } from './portfolio';
import { below, choose, days, int, padded, stableUuidSql, unit, weighted } from './sql';
import { builderModels, subjects, verbs } from './words';

/**
 * The Foreman office at scale: builders, and each scale program's waves of tasks. A program's
 * first 60 % of waves are completed, the next one is in progress, the rest planned; tasks follow
 * their wave. Waves and tasks are written with the progress their parent will end up with, so
 * the roll-up triggers (tasks → wave → program) only rewrite the in-progress waves.
 */

export const builderId = (b: SQL) => padded('l-builder-', b, 2);
const waveUuid = (org: SQL, w: SQL) => stableUuidSql(org, sql`'l-wave:' || (${w})`);
const taskUuid = (org: SQL, t: SQL) => stableUuidSql(org, sql`'l-task:' || (${t})`);

/** Days of heartbeat history before today (builders start out older than that). */
export const HEARTBEAT_HISTORY_DAYS = 60;

/** State of wave w: its sequence within its program against the program's number of waves. */
function waveState(w: SQL, waves: number, programs: number): SQL {
  const program = ownerOf(w, programs);
  const sequence = sql`(1 + ((${w}) - 1) / ${int(programs)})`;
  const programWaves = sql`((${int(waves)} - ${program}) / ${int(programs)} + 1)`;
  return sql`CASE WHEN ${sequence} <= floor(0.6 * ${programWaves}) THEN 'completed'
    WHEN ${sequence} = floor(0.6 * ${programWaves}) + 1 THEN 'in-progress' ELSE 'planned' END`;
}

async function insertBuilders(ctx: ScaleContext) {
  const { org, today, sizes } = ctx;
  const b = sql`b`;
  await execute(
    ctx,
    sql`
    INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state, last_heartbeat, provenance, created_at)
    SELECT ${org}, ${builderId(b)}, ${choose(['ui', 'api', 'schema', 'integration', 'qa'], b, 60)},
           ${weighted(['local', 'hosted', 'burst'], [40, 45, 15], below(b, 61, 100))},
           ${weighted(['active', 'idle', 'blocked', 'failed'], [60, 30, 5, 5], below(b, 62, 100))},
           ${today} - ${days(HEARTBEAT_HISTORY_DAYS + 1)},
           jsonb_build_object('model', ${choose(builderModels, b, 63)}, 'escalation_rationale', NULL),
           ${today} - ${days(HEARTBEAT_HISTORY_DAYS + 30)}
    FROM generate_series(1, ${int(sizes.builders)}) b`,
  );
}

async function insertWaves(ctx: ScaleContext) {
  const { org, today, sizes } = ctx;
  const W = sizes.waves;
  const P = sizes.programs;
  const w = sql`w`;
  // One sequence number at a time: a wave's dependency (the previous wave) exists when checked.
  for (let sequence = 1; (sequence - 1) * P < W; sequence++) {
    await execute(
      ctx,
      sql`
      INSERT INTO waves (organisation_id, wave_id, program_id, name, sequence_number, dependencies, state, progress_percentage, created_at)
      SELECT ${org}, ${waveUuid(org, w)}, ${programId(ownerOf(w, P))},
             'Wave ' || ${int(sequence)} || ': ' || ${choose(verbs, w, 64)} || ' ' || ${choose(subjects, w, 65)},
             ${int(sequence)},
             CASE WHEN ${int(sequence)} > 1 THEN jsonb_build_array(${waveUuid(org, sql`w - ${int(P)}`)}::text) ELSE '[]'::jsonb END,
             state, CASE state WHEN 'completed' THEN 100 ELSE 0 END,
             ${today} - ${days(sql`${int(HEARTBEAT_HISTORY_DAYS * 3)} * (1 - w::float8 / ${int(W)}) + 2`)}
      FROM (SELECT w, ${waveState(w, W, P)} AS state
            FROM generate_series(${int((sequence - 1) * P + 1)}, ${int(Math.min(W, sequence * P))}) w) generated`,
    );
  }
}

async function insertTasks(ctx: ScaleContext) {
  const { org, today, sizes } = ctx;
  const t = sql`t`;
  const w = sql`(1 + (t - 1) % ${int(sizes.waves)})`;
  await execute(
    ctx,
    sql`
    INSERT INTO tasks (organisation_id, task_id, wave_id, name, architecture_reference, qa_suite_location, acceptance_criteria,
                       assigned_builder, state, progress_percentage, started_at, completed_at, created_at)
    SELECT ${org}, ${taskUuid(org, t)}, ${waveUuid(org, w)}, name,
           'docs/architecture/scale/' || t || '.md', 'tests/scale/task-' || t || '.test.ts',
           name || ': done when its QA suite is green and the evidence is recorded.',
           CASE WHEN state <> 'planned' THEN ${builderId(sql`1 + ${below(t, 66, sizes.builders)}`)} END,
           state,
           CASE state WHEN 'completed' THEN 100 WHEN 'in-progress' THEN 10 + ${below(t, 67, 80)}
                      WHEN 'blocked' THEN 30 WHEN 'failed' THEN 40 ELSE 0 END,
           CASE WHEN state NOT IN ('planned', 'assigned') THEN ${today} - ${days(sql`2 + ${unit(t, 68)} * 20`)} END,
           CASE WHEN state = 'completed' THEN ${today} - ${days(sql`1 + ${unit(t, 69)}`)} END,
           ${today} - ${days(40)}
    FROM (
      SELECT t, ${choose(verbs, t, 70)} || ' ' || ${choose(subjects, t, 71)} AS name,
             CASE ${waveState(w, sizes.waves, sizes.programs)}
               WHEN 'completed' THEN 'completed' WHEN 'planned' THEN 'planned'
               ELSE ${weighted(['completed', 'in-progress', 'assigned', 'blocked', 'failed', 'planned'], [40, 25, 15, 10, 5, 5], below(t, 72, 100))}
             END AS state
      FROM generate_series(1, ${int(sizes.tasks)}) t
    ) generated`,
  );
}

/** Each active builder works on one of its in-progress tasks (one builder per task). */
async function setCurrentTasks(ctx: ScaleContext) {
  await execute(
    ctx,
    sql`
    UPDATE builders b SET current_task_id = (
      SELECT t.task_id FROM tasks t
      WHERE t.organisation_id = b.organisation_id AND t.assigned_builder = b.builder_id
        AND t.state = 'in-progress' AND t.deleted_at IS NULL
      ORDER BY t.task_id LIMIT 1)
    WHERE b.organisation_id = ${ctx.org} AND b.builder_id LIKE 'l-builder-%' AND b.state = 'active'`,
  );
}

async function run(ctx: ScaleContext) {
  await insertBuilders(ctx);
  ctx.report(ctx.sizes.builders);
  await insertWaves(ctx);
  ctx.report(ctx.sizes.builders + ctx.sizes.waves);
  await insertTasks(ctx);
  await setCurrentTasks(ctx);
  await analyze(ctx, 'builders', 'waves', 'tasks');
  const [row] = await selectRows<{ tasks: number }>(
    ctx,
    sql`SELECT count(*)::int AS tasks FROM tasks WHERE organisation_id = ${ctx.org} AND architecture_reference LIKE 'docs/architecture/scale/%'`,
  );
  ctx.report(ctx.sizes.builders + ctx.sizes.waves + (row?.tasks ?? 0));
}

export const foremanStep: ScaleStep = {
  name: 'builders, waves and tasks',
  total: (s) => s.builders + s.waves + s.tasks,
  run,
};
