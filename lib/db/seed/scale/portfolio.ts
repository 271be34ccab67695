import { sql, type SQL } from 'drizzle-orm';

import { execute, type ScaleContext, type ScaleStep } from './context';
import { below, choose, days, int, literal, padded } from './sql';
import { featureNames, owners, productParts, programNames, standardDefinitions } from './words';

/**
 * The scaffold every volume hangs from: programs, products, features, releases and the
 * standards that compliance results check. Ids start with `l-` (or STD-L-) so that they never
 * meet the demo's hand-written ones.
 */

/** Ids of the n-th program, product, feature, release and standard (1-based SQL expressions). */
export const programId = (p: SQL) => padded('l-program-', p, 2);
export const productId = (k: SQL) => padded('l-product-', k, 3);
export const featureId = (f: SQL) => padded('l-feature-', f, 4);
export const releaseId = (r: SQL) => padded('l-release-', r, 4);
export const standardId = (s: SQL) => padded('STD-L-', s, 2);

/** Product k belongs to program 1 + (k-1) mod programs; feature and release r to product 1 + (r-1) mod products. */
export const ownerOf = (child: SQL, parents: number) => sql`(1 + ((${child}) - 1) % ${int(parents)})`;

/**
 * Days from today to release r's target date: releases come about every two weeks per product
 * over two years, the newest three weeks ahead.
 */
export function releaseDay(r: SQL, releases: number): SQL {
  return sql`(21 - 730.0 * (${int(releases)} - (${r})) / ${int(releases)})`;
}

/** Published more than three days ago; ready, in progress or pending when still ahead. */
function releaseStatus(r: SQL, releases: number): SQL {
  const day = releaseDay(r, releases);
  return sql`CASE WHEN ${day} < -3 THEN 'published' WHEN ${day} < 7 THEN 'ready' WHEN ${day} < 14 THEN 'in_progress' ELSE 'pending' END`;
}

const firstWords = programNames.map((name) => name.split(' ')[0]!);

async function run(ctx: ScaleContext) {
  const { org, today, sizes } = ctx;
  const P = sizes.programs;
  const K = sizes.products;
  const p = sql`p`;
  await execute(
    ctx,
    sql`
    INSERT INTO programs (organisation_id, id, name, description, type_key, status_key, owner, objectives, state, created_by, created_at)
    SELECT ${org}, ${programId(p)},
           (ARRAY[${sql.join(programNames.map(literal), sql`, `)}])[1 + (p - 1) % ${int(programNames.length)}]
             || CASE WHEN p > ${int(programNames.length)} THEN ' ' || p ELSE '' END,
           'A program of the scale dataset: products, a long roadmap, waves of builder work.',
           'software', 'active', ${choose(owners, p, 11)},
           '["Ship every quarter", "No release without green standards"]'::jsonb, 'in-progress', 'scale-seed',
           ${today} - ${days(760)}
    FROM generate_series(1, ${int(P)}) p`,
  );
  ctx.report(P);

  const k = sql`k`;
  const programOfProduct = ownerOf(k, P);
  await execute(
    ctx,
    sql`
    INSERT INTO products (organisation_id, id, program_id, name, status_key, version, repository_url, created_at)
    SELECT ${org}, ${productId(k)}, ${programId(programOfProduct)},
           (ARRAY[${sql.join(firstWords.map(literal), sql`, `)}])[1 + (${programOfProduct} - 1) % ${int(firstWords.length)}]
             || ' ' || (ARRAY[${sql.join(productParts.map(literal), sql`, `)}])[1 + ((k - 1) / ${int(P)}) % ${int(productParts.length)}]
             || CASE WHEN k > ${int(P * productParts.length)} THEN ' ' || k ELSE '' END,
           CASE WHEN k % 9 = 0 THEN 'maintenance' ELSE 'active' END,
           '1.' || (k % 20) || '.0', 'https://git.example.com/scale/' || ${productId(k)},
           ${today} - ${days(750)}
    FROM generate_series(1, ${int(K)}) k`,
  );
  ctx.report(P + K);

  const f = sql`f`;
  await execute(
    ctx,
    sql`
    INSERT INTO features (organisation_id, id, product_id, name, status_key, version, created_at)
    SELECT ${org}, ${featureId(f)}, ${productId(ownerOf(f, K))},
           (ARRAY[${sql.join(featureNames.map(literal), sql`, `)}])[1 + ((f - 1) / ${int(K)}) % ${int(featureNames.length)}]
             || CASE WHEN f > ${int(K * featureNames.length)} THEN ' ' || ((f - 1) / ${int(K * featureNames.length)} + 1) ELSE '' END,
           ${choose(['planned', 'in_development', 'beta', 'stable', 'stable', 'stable'], f, 12)},
           '1.' || ${below(f, 13, 20)} || '.0', ${today} - ${days(740)}
    FROM generate_series(1, ${int(sizes.features)}) f`,
  );
  ctx.report(P + K + sizes.features);

  const r = sql`r`;
  const R = sizes.releases;
  const sequence = sql`(1 + (r - 1) / ${int(K)})`;
  await execute(
    ctx,
    sql`
    INSERT INTO releases (organisation_id, id, product_id, type_key, name, status_key, target_date, published_at, created_at)
    SELECT ${org}, ${releaseId(r)}, ${productId(ownerOf(r, K))}, 'version',
           'v' || (1 + ${sequence} / 20) || '.' || (${sequence} % 20) || '.0',
           ${releaseStatus(r, R)}, (${today} + ${days(releaseDay(r, R))})::date,
           CASE WHEN ${releaseDay(r, R)} < -3 THEN ${today} + ${days(releaseDay(r, R))} END,
           ${today} + ${days(sql`${releaseDay(r, R)} - 45`)}
    FROM generate_series(1, ${int(R)}) r`,
  );
  ctx.report(P + K + sizes.features + R);

  const s = sql`s`;
  const definition = (field: 'name' | 'level' | 'check') =>
    sql`(ARRAY[${sql.join(
      standardDefinitions.map((d) => literal(d[field])),
      sql`, `,
    )}])[s]`;
  await execute(
    ctx,
    sql`
    INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, check_command, threshold_min,
                           failure_message, is_blocking, sort_order)
    SELECT ${org}, ${standardId(s)}, ${definition('name')}, ${definition('level')}, ${definition('check')},
           CASE WHEN ${definition('check')} <> 'manual' THEN 'npm run check:' || s END,
           CASE WHEN ${definition('check')} = 'threshold' THEN 80 END,
           ${definition('name')} || ': not met.',
           (ARRAY[${sql.join(
             standardDefinitions.map((d) => sql.raw(String(d.blocking))),
             sql`, `,
           )}])[s],
           10 + s
    FROM generate_series(1, ${int(sizes.standards)}) s`,
  );
  ctx.report(P + K + sizes.features + R + sizes.standards);
}

export const portfolioStep: ScaleStep = {
  name: 'portfolio',
  total: (s) => s.programs + s.products + s.features + s.releases + s.standards,
  run,
};
