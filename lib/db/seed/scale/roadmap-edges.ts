import { sql, type SQL } from 'drizzle-orm';

import { analyze, execute, type ScaleContext, type ScaleStep } from './context';
import { itemId, itemStatus } from './roadmap-items';
import { below, days, int, unit } from './sql';

/**
 * The roadmap's dependency graph: every edge goes from a higher item number to a lower one,
 * so the graph is acyclic by construction, and the database's cycle check proves it edge by
 * edge (roadmap_dep_no_cycles stays on).
 *
 * Shape: item n (from the sixth on) gets three or four edges, so that the total is exact. Its
 * j-th edge (j = 1..4) points d = j + 4r items back, r drawn from a cubic skew over a window
 * of 2,000 items: most dependencies are recent work, a few reach far back; j fixes d mod 4, so
 * an item's edges never repeat. 70 % blocks, 20 % soft, 10 % related, except that a finished
 * or started item never `blocks` on an unfinished one (it could not have started): such an
 * edge becomes related (finished item) or soft (started item).
 *
 * Order: items are linked from the highest number down. When item n gets its edges, no item
 * below n has any yet, so the cycle check's first probe (forward from the dependency) finds
 * nothing and the check ends there: one index probe per edge.
 */

const WINDOW = 2_000;
const STRIDE = 4;
const BATCH_EDGES = 20_000;

/** Edges of item n: the share of `edges` that falls on n when spread evenly over items 6..N. */
function edgesOf(n: SQL, edges: number, items: number): SQL {
  const span = items - 5;
  return sql`(floor(((${n}) - 5)::numeric * ${int(edges)} / ${int(span)}) - floor(((${n}) - 6)::numeric * ${int(edges)} / ${int(span)}))::int`;
}

async function insertEdges(ctx: ScaleContext, high: number, low: number) {
  const { org, today, sizes } = ctx;
  const N = sizes.roadmapItems;
  const key = sql`(n * 8 + j)`;
  const reach = sql`(least(n - 1, ${int(WINDOW)}) - j) / ${int(STRIDE)}`;
  const back = sql`(j + ${int(STRIDE)} * least(${reach}, floor(power(${unit(key, 4)}, 3) * (${reach} + 1))::int))`;
  await execute(
    ctx,
    sql`
    INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id, dependency_type, created_by, created_at)
    SELECT ${org}, ${itemId(sql`n`)}, ${itemId(sql`m`)},
           CASE WHEN kind = 'blocks' AND from_status IN ('completed', 'in_progress') AND ${itemStatus(sql`m`, N)} <> 'completed'
                THEN CASE from_status WHEN 'completed' THEN 'related' ELSE 'soft' END
                ELSE kind END,
           'scale-seed', ${today} - ${days(sql`730.0 * (${int(N)} - n) / ${int(N)} - 0.5`)}
    FROM (
      SELECT n, j, n - ${back} AS m, ${itemStatus(sql`n`, N)} AS from_status,
             CASE WHEN ${below(key, 5, 100)} < 70 THEN 'blocks' WHEN ${below(key, 5, 100)} < 90 THEN 'soft' ELSE 'related' END AS kind
      FROM generate_series(${int(high)}, ${int(low)}, -1) n
      CROSS JOIN LATERAL generate_series(1, ${edgesOf(sql`n`, sizes.edges, N)}) j
    ) edge
    ORDER BY n DESC, j`,
  );
}

async function run(ctx: ScaleContext) {
  const N = ctx.sizes.roadmapItems;
  const perItem = ctx.sizes.edges / (N - 5);
  // A small first batch, then statistics, so the cycle check plans index probes (see analyze).
  await analyze(ctx, 'roadmap_dependencies');
  let high = N;
  let batchEdges = 500;
  let done = 0;
  while (high >= 6) {
    const low = Math.max(6, high - Math.max(1, Math.round(batchEdges / perItem)) + 1);
    await insertEdges(ctx, high, low);
    done = ctx.sizes.edges - Math.floor((low - 6) * perItem);
    ctx.report(Math.min(done, ctx.sizes.edges));
    await analyze(ctx, 'roadmap_dependencies');
    high = low - 1;
    batchEdges = BATCH_EDGES;
  }
}

export const roadmapEdgesStep: ScaleStep = {
  name: 'roadmap dependencies',
  total: (s) => s.edges,
  run,
};
