import { sql } from 'drizzle-orm';

import { analyze, execute, inBatches, type ScaleContext, type ScaleStep } from './context';
import { HEARTBEAT_HISTORY_DAYS } from './foreman';
import { below, choose, days, int, unit } from './sql';
import { heartbeatMessages } from './words';

/**
 * Heartbeats of the scale builders, evenly over the last HEARTBEAT_HISTORY_DAYS days (at scale
 * L, 50 builders × 20,000 beats, one every ~4 minutes). An active builder's newest beat is up
 * to three minutes old, an idle one's up to half an hour, a blocked or failed one's hours.
 *
 * heartbeats_touch_builder moves the builder's last_heartbeat forward on every newer beat.
 * Beats are written newest first (beat k of every builder before beat k + 1), and builders
 * start out older than their history: the first beat of each builder moves last_heartbeat
 * once, and every later, older beat finds nothing to update.
 *
 * An active beat names one of the builder's tasks: the current one for the last day, before
 * that its other tasks a day at a time.
 */

const BATCH = 100_000;

async function insertBeats(ctx: ScaleContext, from: number, to: number) {
  const { org, today, sizes } = ctx;
  const B = sizes.builders;
  const intervalDays = HEARTBEAT_HISTORY_DAYS / Math.ceil(sizes.heartbeats / B);
  const interval = sql.raw(intervalDays.toFixed(9));
  const perDay = int(Math.max(1, Math.round(1 / intervalDays)));
  const g = sql`g`;
  const n = sql`x.n`;
  // The builders' figures once (MATERIALIZED), not once per beat.
  await execute(
    ctx,
    sql`
    WITH w AS MATERIALIZED (
      SELECT x.n, x.builder_id, x.state, x.current_task_id,
             CASE x.state WHEN 'active' THEN ${below(n, 82, 3)} / 1440.0
                          WHEN 'idle' THEN (5 + ${below(n, 83, 25)}) / 1440.0
                          ELSE (120 + ${below(n, 84, 240)}) / 1440.0 END AS lag_days,
             coalesce((SELECT array_agg(t.task_id ORDER BY t.task_id) FROM tasks t
                       WHERE t.organisation_id = x.organisation_id AND t.assigned_builder = x.builder_id), '{}') AS tasks
      FROM (SELECT b.*, substr(b.builder_id, 11)::int AS n FROM builders b
            WHERE b.organisation_id = ${org} AND b.builder_id LIKE 'l-builder-%') x
    )
    INSERT INTO heartbeats (organisation_id, builder_id, task_id, "timestamp", status, message, progress_percentage)
    SELECT ${org}, builder_id, task, beat_at, status,
           CASE status WHEN 'idle' THEN 'Idle: no task assigned' WHEN 'blocked' THEN 'Blocked: waiting for a decision'
                       ELSE ${choose(heartbeatMessages.slice(0, 7), g, 80)} END,
           CASE WHEN task IS NOT NULL THEN 100 - (k % ${perDay}) * 100 / ${perDay} END
    FROM (
      SELECT g, k, w.builder_id, s.status,
             ${today} - ${days(sql`w.lag_days + k * ${interval} + ${unit(g, 81)} * ${interval} / 2`)} AS beat_at,
             CASE WHEN s.status = 'active' AND cardinality(w.tasks) > 0 THEN
               CASE WHEN k < ${perDay} AND w.current_task_id IS NOT NULL THEN w.current_task_id
                    ELSE w.tasks[1 + (k / ${perDay}) % cardinality(w.tasks)] END
             END AS task
      FROM (SELECT g, (g - 1) / ${int(B)} AS k, 1 + (g - 1) % ${int(B)} AS n
            FROM generate_series(${int(from)}, ${int(to)}) g) slot
      JOIN w USING (n)
      CROSS JOIN LATERAL (SELECT ${below(g, 85, 100)} AS roll) r
      CROSS JOIN LATERAL (
        SELECT CASE WHEN w.state = 'active'
                    THEN CASE WHEN r.roll < 85 THEN 'active' WHEN r.roll < 95 THEN 'idle' ELSE 'blocked' END
                    ELSE CASE WHEN r.roll < 80 THEN 'idle' WHEN r.roll < 95 THEN 'active' ELSE 'blocked' END
               END AS status) s
    ) beat
    ORDER BY k, builder_id`,
  );
}

async function run(ctx: ScaleContext) {
  await analyze(ctx, 'builders', 'tasks', 'heartbeats');
  await inBatches(ctx, ctx.sizes.heartbeats, BATCH, (from, to) => insertBeats(ctx, from, to));
  await analyze(ctx, 'heartbeats', 'builders');
}

export const heartbeatsStep: ScaleStep = {
  name: 'heartbeats',
  total: (s) => s.heartbeats,
  run,
};
