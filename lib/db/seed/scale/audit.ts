import { sql } from 'drizzle-orm';

import { analyze, execute, inBatches, type ScaleContext, type ScaleStep } from './context';
import { builderId } from './foreman';
import { releaseId, standardId } from './portfolio';
import { crId, itemId } from './roadmap-items';
import { below, choose, days, int, weighted } from './sql';
import { owners } from './words';

/**
 * The organisation's audit trail. The dependency step already wrote one row per edge (trigger
 * roadmap_dep_audit_insert); this step writes the rest of the run's audit rows, evenly over
 * the last two years in id order: roadmap item and change request status changes, published
 * releases, builder state changes and failed standard checks, each naming a scale row.
 * audit_log is append-only; inserting is what it allows.
 */

const BATCH = 100_000;
const HISTORY_DAYS = 730;

const itemMoves = [
  ['pending', 'in_progress'],
  ['in_progress', 'completed'],
  ['in_progress', 'blocked'],
  ['blocked', 'in_progress'],
  ['pending', 'deferred'],
] as const;
const crMoves = [
  ['queue', 'in_progress'],
  ['in_progress', 'review'],
  ['review', 'done'],
  ['review', 'in_progress'],
] as const;
const builderMoves = [
  ['idle', 'active'],
  ['active', 'idle'],
  ['active', 'blocked'],
  ['blocked', 'active'],
] as const;

/** A jsonb {key: from} / {key: to} pair for move m of the list, as two SQL expressions. */
function move(moves: readonly (readonly [string, string])[], key: string, m: ReturnType<typeof sql>) {
  const side = (i: 0 | 1) =>
    sql`jsonb_build_object(${sql.raw(`'${key}'`)}, ${choose(
      moves.map((pair) => pair[i]),
      m,
      0,
    )})`;
  return { from: side(0), to: side(1) };
}

async function insertRows(ctx: ScaleContext, from: number, to: number, total: number) {
  const { org, today, sizes } = ctx;
  const a = sql`a`;
  // The same pick for the old and the new value: both read the same move of the list.
  const m = sql`(a * 7 + 3)`;
  const item = move(itemMoves, 'status_key', m);
  const cr = move(crMoves, 'status_key', m);
  const builder = move(builderMoves, 'state', m);
  await execute(
    ctx,
    sql`
    INSERT INTO audit_log (organisation_id, "timestamp", event_type, actor, resource_type, resource_id, action,
                           old_value, new_value, context, instance_id)
    SELECT ${org}, ${today} - ${days(sql`${int(HISTORY_DAYS)} * (${int(total)} - a)::float8 / ${int(total)}`)},
           kind, ${choose(owners, a, 110)}, kind,
           CASE kind WHEN 'roadmap_item' THEN ${itemId(sql`1 + ${below(a, 111, sizes.roadmapItems)}`)}
                     WHEN 'change_request' THEN ${crId(sql`1 + ${below(a, 112, sizes.changeRequests)}`)}
                     WHEN 'release' THEN ${releaseId(sql`1 + ${below(a, 113, sizes.releases)}`)}
                     WHEN 'builder' THEN ${builderId(sql`1 + ${below(a, 114, sizes.builders)}`)}
                     ELSE ${releaseId(sql`1 + ${below(a, 115, sizes.releases)}`)} END,
           CASE kind WHEN 'release' THEN 'publish' WHEN 'compliance' THEN 'check_failed' ELSE 'update' END,
           CASE kind WHEN 'roadmap_item' THEN ${item.from} WHEN 'change_request' THEN ${cr.from}
                     WHEN 'builder' THEN ${builder.from} WHEN 'release' THEN '{"status_key": "ready"}'::jsonb END,
           CASE kind WHEN 'roadmap_item' THEN ${item.to} WHEN 'change_request' THEN ${cr.to}
                     WHEN 'builder' THEN ${builder.to} WHEN 'release' THEN '{"status_key": "published"}'::jsonb
                     ELSE jsonb_build_object('standard_id', ${standardId(sql`1 + ${below(a, 116, sizes.standards)}`)},
                                             'result', 'fail') END,
           '{"source": "scale-seed"}'::jsonb, (SELECT value FROM instance_config WHERE key = 'instance_id')
    FROM (SELECT a, ${weighted(['roadmap_item', 'change_request', 'release', 'builder', 'compliance'], [55, 20, 10, 10, 5], below(a, 117, 100))} AS kind
          FROM generate_series(${int(from)}, ${int(to)}) a) generated`,
  );
}

async function run(ctx: ScaleContext) {
  const direct = ctx.sizes.auditRows - ctx.sizes.edges;
  await inBatches(ctx, direct, BATCH, (from, to) => insertRows(ctx, from, to, direct), ctx.sizes.edges);
  await analyze(ctx, 'audit_log');
}

export const auditStep: ScaleStep = {
  name: 'audit log',
  // The edges' audit rows are already there when this step starts.
  total: (s) => s.auditRows,
  run,
};
