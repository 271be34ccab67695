import { sql } from 'drizzle-orm';

import type { Database } from '../../connection';
import { rowsOf } from '../../sql';
import type { PageQuery } from './page-queries';

/**
 * EXPLAIN (FORMAT JSON) of a page query, reduced to what a reader checks: which tables are
 * read and how (index, index-only, bitmap or sequential scan), and whether a sequential scan
 * reads one of the tables that hold the volume at scale.
 */

/** Tables that are large at scale L: a sequential scan of one is a finding. */
export const LARGE_TABLES = [
  'roadmap_items',
  'roadmap_dependencies',
  'compliance_results',
  'heartbeats',
  'audit_log',
  'change_requests',
  'tasks',
  'card',
  'entity_versions',
] as const;

export interface PlanScan {
  node: string;
  relation: string;
  index?: string;
}

export interface PlanSummary {
  scans: PlanScan[];
  /** Sequential scans of LARGE_TABLES. */
  largeSeqScans: PlanScan[];
  /** The planner's estimate for the whole plan. */
  totalCost: number;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Total Cost'?: number;
  Plans?: PlanNode[];
}

/** Index names under a node (a bitmap heap scan reads the indexes of its bitmap index scans). */
function indexesUnder(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesUnder)];
}

function scansOf(node: PlanNode): PlanScan[] {
  if (node['Node Type'] === 'Bitmap Heap Scan' && node['Relation Name']) {
    const indexes = indexesUnder(node);
    return [{ node: node['Node Type'], relation: node['Relation Name'], ...(indexes.length ? { index: indexes.join(' + ') } : {}) }];
  }
  const own: PlanScan[] = node['Relation Name']
    ? [{ node: node['Node Type'], relation: node['Relation Name'], ...(node['Index Name'] ? { index: node['Index Name'] } : {}) }]
    : [];
  return [...own, ...(node.Plans ?? []).flatMap(scansOf)];
}

export function summarisePlan(plan: PlanNode): PlanSummary {
  const scans = scansOf(plan);
  return {
    scans,
    largeSeqScans: scans.filter((s) => s.node === 'Seq Scan' && (LARGE_TABLES as readonly string[]).includes(s.relation)),
    totalCost: plan['Total Cost'] ?? 0,
  };
}

/** The plan's root node, whichever driver returned it (json parsed or as text). */
function rootOf(rows: Record<string, unknown>[]): PlanNode {
  const cell = Object.values(rows[0] ?? {})[0];
  const parsed = (typeof cell === 'string' ? JSON.parse(cell) : cell) as { Plan: PlanNode }[];
  return parsed[0]!.Plan;
}

/**
 * The plan the planner picks. With `withoutSeqScans`, planned with enable_seqscan off (in a
 * rolled-back transaction): the planner then takes an index path wherever one exists, so a
 * sequential scan left in that plan means no usable index exists for it.
 */
export async function explainPageQuery(db: Database, query: PageQuery, { withoutSeqScans = false } = {}): Promise<PlanSummary> {
  const explain = sql`EXPLAIN (FORMAT JSON) ${query.statement}`;
  if (!withoutSeqScans) return summarisePlan(rootOf(rowsOf(await db.execute(explain))));
  let summary: PlanSummary | undefined;
  await db
    .transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      summary = summarisePlan(rootOf(rowsOf(await tx.execute(explain))));
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!summary) throw error;
    });
  return summary!;
}

/** Median and slowest wall time of `runs` executions (after one warm-up), in milliseconds. */
export async function timePageQuery(db: Database, query: PageQuery, runs = 7): Promise<{ median: number; max: number; rows: number }> {
  let rows = rowsOf(await db.execute(query.statement)).length;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    rows = rowsOf(await db.execute(query.statement)).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, max: times.at(-1)!, rows };
}

/** Which of the tables a query needs exist in this database. */
export async function missingTables(db: Database, query: PageQuery): Promise<string[]> {
  const missing: string[] = [];
  for (const table of query.needs) {
    const [row] = rowsOf<{ present: boolean }>(await db.execute(sql`SELECT to_regclass(${table}) IS NOT NULL AS present`));
    if (!row?.present) missing.push(table);
  }
  return missing;
}

/** "Index Scan roadmap_items (roadmap_items_pkey); Seq Scan terminology" */
export function describeScans(scans: PlanScan[]): string {
  const seen = new Set<string>();
  return scans
    .map((s) => `${s.node} ${s.relation}${s.index ? ` (${s.index})` : ''}`)
    .filter((text) => !seen.has(text) && seen.add(text))
    .join('; ');
}
