import { sql, type SQL } from 'drizzle-orm';

import { analyze, execute, selectRows, type ScaleContext, type ScaleStep } from './context';
import { featureId, ownerOf, productId } from './portfolio';
import { below, choose, days, int, literal, padded, unit, weighted } from './sql';
import { featureNames, owners, subjects, verbs } from './words';

/**
 * Change requests and roadmap items. Item n (1..N) was created n/N of the way through the last
 * two years; older items are mostly completed, the newest mostly open, with a ragged edge in
 * between, so that the ready and blocked queues both have work in them. Phases are spread
 * independently of age (every phase has open and finished items).
 */

export const itemId = (n: SQL) => padded('L-RI-', n, 6);
export const crId = (c: SQL) => padded('L-CR-', c, 6);

const HISTORY_DAYS = 730;
const phases = ['phase_a', 'phase_b', 'phase_c', 'phase_d', 'phase_e', 'post_launch', 'phase_f'] as const;
const phaseWeights = [18, 18, 16, 16, 14, 12, 6] as const;

/** Probability that the n-th of `total` items is finished: 0 for the newest 2 %, 1 beyond 37 %. */
function finishedShare(n: SQL, total: number): SQL {
  return sql`least(1.0, greatest(0.0, ((${int(total)} - (${n}))::float8 / ${int(total)} - 0.02) / 0.35))`;
}

/** Status of roadmap item n, the same expression wherever it is needed (items and edges). */
export function itemStatus(n: SQL, total: number): SQL {
  const open = below(n, 23, 100);
  return sql`CASE WHEN ${unit(n, 21)} < ${finishedShare(n, total)}
    THEN CASE WHEN ${below(n, 22, 100)} < 5 THEN 'deferred' ELSE 'completed' END
    ELSE CASE WHEN ${open} < 8 THEN 'deferred' WHEN ${open} < 65 THEN 'pending'
              WHEN ${open} < 85 THEN 'in_progress' ELSE 'blocked' END END`;
}

/** The phase of roadmap item n. */
function itemPhase(n: SQL): SQL {
  return weighted(phases, phaseWeights, below(n, 1, 100));
}

/** Days before today that item (or CR) n of total was created. */
const ageDays = (n: SQL, total: number) => sql`(${int(HISTORY_DAYS)} * (${int(total)} - (${n}))::float8 / ${int(total)})`;

async function insertChangeRequests(ctx: ScaleContext) {
  const { org, today, sizes } = ctx;
  const K = sizes.products;
  const c = sql`c`;
  const perProduct = Math.floor(sizes.features / K);
  await execute(
    ctx,
    sql`
    INSERT INTO change_requests (organisation_id, id, title, status_key, type_key, size, owner, product_id, feature_id,
                                 target_version, completed_version, created_at, started_at, completed_at)
    SELECT ${org}, ${crId(c)}, title, status, type, size, owner, ${productId(sql`k`)},
           CASE WHEN ${below(c, 32, 5)} > 0 THEN ${featureId(sql`k + ${int(K)} * ${below(c, 31, perProduct)}`)} END,
           '1.' || ${below(c, 33, 20)} || '.0', CASE WHEN status = 'done' THEN '1.' || ${below(c, 33, 20)} || '.0' END,
           created, CASE WHEN status <> 'queue' THEN created + ${days(sql`${unit(c, 34)} * 5`)} END,
           CASE WHEN status = 'done' THEN least(${today}, created + ${days(sql`5 + ${unit(c, 35)} * 30`)}) END
    FROM (
      SELECT c, ${ownerOf(c, K)} AS k,
             ${choose(verbs, c, 36)} || ' ' || ${choose(subjects, c, 37)} AS title,
             CASE WHEN ${unit(c, 38)} < ${finishedShare(c, sizes.changeRequests)} THEN 'done'
                  ELSE ${weighted(['queue', 'in_progress', 'review'], [45, 30, 25], below(c, 39, 100))} END AS status,
             ${weighted(['enhancement', 'bugfix', 'spec', 'chore'], [50, 25, 10, 15], below(c, 40, 100))} AS type,
             ${weighted(['S', 'M', 'L', 'XL'], [30, 40, 22, 8], below(c, 41, 100))} AS size,
             ${choose(owners, c, 42)} AS owner,
             ${ctx.today} - ${days(ageDays(c, sizes.changeRequests))} AS created
      FROM generate_series(1, ${int(sizes.changeRequests)}) c
    ) generated`,
  );
}

/**
 * The organisation's phase limits, raised to what it runs at: the open items each phase will
 * hold (the demo's included) plus a fifth, rounded up to a hundred, and never below the default
 * 50. An existing higher limit stays.
 */
async function raisePhaseLimits(ctx: ScaleContext) {
  const { org, sizes } = ctx;
  const n = sql`n`;
  await execute(
    ctx,
    sql`
    INSERT INTO roadmap_phase_limits (organisation_id, phase_key, max_active_items)
    SELECT ${org}, planned.phase, greatest(50, ceil((planned.open + coalesce(present.open, 0)) * 1.2 / 100.0)::int * 100)
    FROM (
      SELECT ${itemPhase(n)} AS phase, count(*) FILTER (WHERE ${itemStatus(n, sizes.roadmapItems)} NOT IN ('completed', 'deferred')) AS open
      FROM generate_series(1, ${int(sizes.roadmapItems)}) n GROUP BY 1
    ) planned
    LEFT JOIN (
      SELECT phase_key AS phase, count(*) AS open FROM roadmap_items
      WHERE organisation_id = ${org} AND deleted_at IS NULL AND status_key NOT IN ('completed', 'deferred')
      GROUP BY 1
    ) present USING (phase)
    ON CONFLICT (organisation_id, phase_key) DO UPDATE
      SET max_active_items = greatest(roadmap_phase_limits.max_active_items, excluded.max_active_items)`,
  );
}

/**
 * Items of the statuses `which` selects. enforce_phase_limit counts a phase's open items on
 * every insert, whatever the new row's status: finished items go first, while the count is
 * small; then each open item counts only the open items before it.
 */
async function insertItems(ctx: ScaleContext, which: 'finished' | 'open') {
  const { org, today, sizes } = ctx;
  const N = sizes.roadmapItems;
  const K = sizes.products;
  const n = sql`n`;
  const k = sql`k`;
  const filter = which === 'finished' ? sql`IN ('completed', 'deferred')` : sql`NOT IN ('completed', 'deferred')`;
  const featureSlot = below(n, 42, Math.floor(sizes.features / K));
  await execute(
    ctx,
    sql`
    INSERT INTO roadmap_items (organisation_id, id, phase_key, title, status_key, owner, product_id, feature_id, cr_id,
                               target_date, completed_at, rank, item_type, created_by, created_at)
    SELECT ${org}, ${itemId(n)}, phase, title, status,
           CASE WHEN status <> 'pending' OR ${below(n, 43, 3)} = 0 THEN ${choose(owners, n, 44)} END,
           ${productId(k)}, ${featureId(sql`f`)},
           CASE WHEN ${below(n, 45, 10)} = 0 THEN ${crId(sql`k + ${int(K)} * ${below(n, 46, Math.floor(sizes.changeRequests / K))}`)} END,
           CASE WHEN status NOT IN ('completed', 'deferred') THEN (${today} + ${days(below(n, 47, 120))})::date END,
           CASE WHEN status = 'completed' THEN least(${today}, created + ${days(sql`1 + ${unit(n, 48)} * 40`)}) END,
           100 + n, item_type, 'scale-seed', created
    FROM (
      SELECT n, ${ownerOf(n, K)} AS k, ${ownerOf(n, K)} + ${int(K)} * ${featureSlot} AS f,
             ${itemPhase(n)} AS phase, ${itemStatus(n, N)} AS status,
             ${choose(verbs, n, 49)} || ' ' || ${choose(subjects, n, 50)} || ' ('
               || (ARRAY[${sql.join(featureNames.map(literal), sql`, `)}])[1 + ${featureSlot} % ${int(featureNames.length)}] || ')' AS title,
             ${weighted(['work', 'gate', 'integration', 'holding'], [94, 3, 2, 1], below(n, 51, 100))} AS item_type,
             ${today} - ${days(ageDays(n, N))} AS created
      FROM generate_series(1, ${int(N)}) n
    ) generated
    WHERE status ${filter}
    ORDER BY n`,
  );
}

async function run(ctx: ScaleContext) {
  await insertChangeRequests(ctx);
  ctx.report(ctx.sizes.changeRequests);
  await raisePhaseLimits(ctx);
  await insertItems(ctx, 'finished');
  // The phase limit's count was planned while the table was nearly empty; with statistics it
  // reads roadmap_items_active_phase_idx for the one phase (see analyze()).
  await analyze(ctx, 'roadmap_items');
  const [row] = await selectRows<{ finished: number }>(
    ctx,
    sql`SELECT count(*)::int AS finished FROM roadmap_items WHERE organisation_id = ${ctx.org} AND id LIKE 'L-RI-%'`,
  );
  const finished = row?.finished ?? 0;
  ctx.report(ctx.sizes.changeRequests + finished);
  await insertItems(ctx, 'open');
  await analyze(ctx, 'change_requests', 'roadmap_items');
  ctx.report(ctx.sizes.changeRequests + ctx.sizes.roadmapItems);
}

export const roadmapItemsStep: ScaleStep = {
  name: 'change requests and roadmap items',
  total: (s) => s.changeRequests + s.roadmapItems,
  run,
};
