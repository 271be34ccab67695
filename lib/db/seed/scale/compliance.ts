import { sql } from 'drizzle-orm';

import { analyze, execute, inBatches, type ScaleContext, type ScaleStep } from './context';
import { ownerOf, productId, releaseDay, releaseId, standardId } from './portfolio';
import { below, days, int, literal, unit, weighted } from './sql';
import { standardDefinitions } from './words';

/**
 * Compliance results: every scale standard checked against every scale release, over and over
 * (at scale L, 2,000 releases × 10 standards × 50 runs). A release's runs fall in the 30 days
 * before its target date (or before today, for a release still ahead). Product-level
 * standards check the release's product, release-level ones the release itself; both carry
 * the release_id. v_compliance_status counts every run of a release, so one failed run of a
 * blocking standard in its history blocks it: failures sit in some releases, not spread thin.
 * Of the published releases 65 % never failed, 25 % failed only non-blocking standards
 * (warnings) and 10 % failed blocking ones; of the releases still ahead, 30 / 30 / 40 %.
 * Skipped and errored runs (2 %) count for neither.
 *
 * Result g (1..C) is run i = (g-1) / (R·S) of pair q = (g-1) mod (R·S): release 1 + q / S,
 * standard 1 + q mod S. Runs are numbered back from the newest (i = 0).
 */

const BATCH = 100_000;
const WINDOW_DAYS = 30;

async function insertResults(ctx: ScaleContext, from: number, to: number) {
  const { org, today, sizes } = ctx;
  const R = sizes.releases;
  const S = sizes.standards;
  const runs = Math.ceil(sizes.complianceResults / (R * S));
  // Standard s's definition (sizes.standards is the number of definitions).
  const field = (name: 'level' | 'check' | 'blocking') => {
    const values = standardDefinitions.map((d) => (name === 'blocking' ? sql.raw(String(d.blocking)) : literal(d[name])));
    return sql`(ARRAY[${sql.join(values, sql`, `)}])[s]`;
  };
  const g = sql`g`;
  await execute(
    ctx,
    sql`
    INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, release_id, result, result_value,
                                    error_message, checked_by, checked_at)
    SELECT ${org}, ${standardId(sql`s`)}, level,
           CASE level WHEN 'release' THEN ${releaseId(sql`r`)} ELSE ${productId(ownerOf(sql`r`, sizes.products))} END,
           ${releaseId(sql`r`)}, result,
           CASE WHEN ${field('check')} = 'threshold' THEN
             CASE result WHEN 'fail' THEN (60 + ${below(g, 90, 20)})::text ELSE (80 + ${below(g, 91, 20)})::text END END,
           CASE result WHEN 'fail' THEN ${field('check')} || ' check failed on run ' || (i + 1)
                       WHEN 'error' THEN 'The check runner timed out' END,
           CASE WHEN ${field('check')} = 'manual' THEN 'ben' WHEN i = 0 THEN 'ci:release' ELSE 'ci' END,
           least(${today} - interval '1 hour', ${today} + ${days(releaseDay(sql`r`, R))})
             - ${days(sql`(i + ${unit(g, 92)}) * ${int(WINDOW_DAYS)}::float8 / ${int(runs)}`)}
    FROM (
      SELECT g, i, r, s, ${field('level')} AS level,
             CASE WHEN roll < fail_share * 1000 THEN 'fail'
                  WHEN roll >= 980 THEN CASE WHEN roll < 995 THEN 'skip' ELSE 'error' END
                  ELSE 'pass' END AS result
      FROM (
        SELECT g, i, r, s, ${below(g, 93, 1000)} AS roll,
               CASE WHEN trouble = 'blocking' THEN CASE WHEN i = 0 THEN 0.3 ELSE 0.1 END
                    WHEN trouble = 'warnings' AND NOT ${field('blocking')} THEN 0.15
                    ELSE 0 END AS fail_share
        FROM (
          SELECT g, i, r, s,
                 CASE WHEN ${releaseDay(sql`r`, R)} < -3
                      THEN ${weighted(['none', 'warnings', 'blocking'], [65, 25, 10], below(sql`r`, 94, 100))}
                      ELSE ${weighted(['none', 'warnings', 'blocking'], [30, 30, 40], below(sql`r`, 94, 100))} END AS trouble
          FROM (SELECT g, (g - 1) / ${int(R * S)} AS i, 1 + ((g - 1) % ${int(R * S)}) / ${int(S)} AS r,
                       1 + (g - 1) % ${int(S)} AS s
                FROM generate_series(${int(from)}, ${int(to)}) g) slot
        ) classed
      ) rolled
    ) generated`,
  );
}

/**
 * The standards apply where they are checked: each product-level standard is assigned to every
 * scale product, each release-level one to every scale release (at L, 6 × 40 + 4 × 2,000), so
 * that a release's review page lists the standards its results belong to.
 */
async function insertAssignments(ctx: ScaleContext) {
  const { org, sizes } = ctx;
  const levels = sql`(ARRAY[${sql.join(
    standardDefinitions.map((d) => literal(d.level)),
    sql`, `,
  )}])`;
  await execute(
    ctx,
    sql`
    INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id)
    SELECT ${org}, ${standardId(sql`s`)}, 'product', ${productId(sql`k`)}
      FROM generate_series(1, ${int(sizes.standards)}) s, generate_series(1, ${int(sizes.products)}) k
     WHERE ${levels}[s] = 'product'
    UNION ALL
    SELECT ${org}, ${standardId(sql`s`)}, 'release', ${releaseId(sql`r`)}
      FROM generate_series(1, ${int(sizes.standards)}) s, generate_series(1, ${int(sizes.releases)}) r
     WHERE ${levels}[s] = 'release'`,
  );
}

async function run(ctx: ScaleContext) {
  await analyze(ctx, 'standards', 'releases', 'products', 'compliance_results');
  await insertAssignments(ctx);
  await inBatches(ctx, ctx.sizes.complianceResults, BATCH, (from, to) => insertResults(ctx, from, to));
  await analyze(ctx, 'compliance_results');
}

export const complianceStep: ScaleStep = {
  name: 'compliance results',
  total: (s) => s.complianceResults,
  run,
};
