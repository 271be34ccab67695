import 'server-only';

import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { products } from '../db/schema';
import { releaseLine, type ReleaseListRow } from '../portfolio/page-lists';
import { getTermLookup, type Term } from '../portfolio/terminology';
import { readReleaseVerdicts } from './release-verdict';
import { VERDICT_KEYS, type Verdict } from './verdict';
import type { OrganisationCaller } from '../auth/identity';

export const RELEASES_PER_PAGE = 50;
const CHART_RELEASES = 12;

/** The list's URL parameters; anything unexpected falls back to the default. */
export const releaseListQuery = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  product: z.string().trim().max(200).optional().catch(undefined),
  type: z.string().trim().max(100).optional().catch(undefined),
  status: z.string().trim().max(100).optional().catch(undefined),
  verdict: z.enum(VERDICT_KEYS).optional().catch(undefined),
  sort: z.enum(['target', 'name', 'product', 'type', 'status', 'verdict']).default('target').catch('target'),
  dir: z.enum(['asc', 'desc']).default('desc').catch('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
  chart: z.string().trim().max(200).optional().catch(undefined),
});
export type ReleaseListQuery = z.output<typeof releaseListQuery>;

export interface ReleaseRow {
  id: string;
  name: string;
  product: { id: string; name: string };
  type: Term;
  status: Term;
  targetDate: string | null;
  /** v_compliance_status's all-time tally: distinct standards checked, result rows passed and failed. Not a verdict. */
  tally: { checks: number; passed: number; failed: number };
  /** The release's verdict (v_release_verdict). */
  verdict: Verdict;
}

export interface ChartPoint {
  releaseId: string;
  name: string;
  targetDate: string | null;
  passed: number;
  failed: number;
  /** Share of pass rows among pass and fail rows, 0–100; null with no such rows. */
  passRate: number | null;
}

export interface ReleaseList {
  rows: ReleaseRow[];
  total: number;
  page: number;
  pageCount: number;
  options: { products: { id: string; name: string }[]; types: Term[]; statuses: Term[] };
  chart: { product: { id: string; name: string } | null; points: ChartPoint[] };
}

const SORT_COLUMNS: Record<ReleaseListQuery['sort'], SQL> = {
  target: sql`r.target_date`,
  name: sql`r.name`,
  product: sql`p.name`,
  type: sql`r.type_key`,
  status: sql`r.status_key`,
  verdict: sql`array_position(array['blocked', 'not_ready', 'ready_with_warnings', 'ready'], v.verdict)`,
};

export async function listReleases(member: OrganisationCaller, { query }: { query: ReleaseListQuery }): Promise<ReleaseList> {
  const { organisationId } = member;
  return withOrganisation(organisationId, (tx) => readReleaseList(tx, organisationId, query));
}

export async function readReleaseList(tx: Database, organisationId: string, query: ReleaseListQuery): Promise<ReleaseList> {
  const filters: SQL[] = [sql`r.organisation_id = ${organisationId}`, sql`r.deleted_at IS NULL`];
  if (query.q) filters.push(sql`(r.name ILIKE ${`%${query.q}%`} OR r.id ILIKE ${`%${query.q}%`})`);
  if (query.product) filters.push(sql`r.product_id = ${query.product}`);
  if (query.type) filters.push(sql`r.type_key = ${query.type}`);
  if (query.status) filters.push(sql`r.status_key = ${query.status}`);
  if (query.verdict) filters.push(sql`v.verdict = ${query.verdict}`);
  // Every release's verdict, in one set-based pass, only when the list filters or sorts on it.
  const byVerdict = Boolean(query.verdict || query.sort === 'verdict');
  const verdictJoin = byVerdict ? sql`JOIN v_release_verdict v ON v.organisation_id = r.organisation_id AND v.release_id = r.id` : sql``;
  const direction = query.dir === 'asc' ? sql`ASC NULLS FIRST` : sql`DESC NULLS LAST`;
  const offset = (query.page - 1) * RELEASES_PER_PAGE;

  // Every release's verdict, for a filter or sort on it: the planner cannot estimate the rows of
  // v_release_standard_states' DISTINCT (it assumes 200 of 20,040 at scale L) and probes the latest
  // results 20,040 times in a nested loop; hash joins read each table once (800 → 227 ms under load).
  if (byVerdict) await tx.execute(sql`SELECT set_config('enable_nestloop', 'off', true)`);
  const [pageRows, term, productRows] = await Promise.all([
    tx.execute(sql`
      SELECT r.id, r.name, r.type_key, r.status_key, r.target_date::text AS target_date, r.product_id, p.name AS product_name,
             count(*) OVER () AS total
        FROM releases r
        JOIN products p ON p.organisation_id = r.organisation_id AND p.id = r.product_id
        ${verdictJoin}
       WHERE ${sql.join(filters, sql` AND `)}
       ORDER BY ${SORT_COLUMNS[query.sort]} ${direction}, r.target_date DESC NULLS LAST, r.id
       LIMIT ${RELEASES_PER_PAGE} OFFSET ${offset}`),
    getTermLookup(tx, ['release_type', 'release_status']),
    tx
      .select({ id: products.id, name: products.name })
      .from(products)
      .where(and(eq(products.organisationId, organisationId), isNull(products.deletedAt)))
      .orderBy(asc(products.name)),
  ]);
  if (byVerdict) await tx.execute(sql`SELECT set_config('enable_nestloop', 'on', true)`);
  type PageRow = ReleaseListRow & { total: string | number };
  const page = rowsOf<PageRow>(pageRows);
  const ids = page.map((r) => r.id);
  const total = Number(page[0]?.total ?? 0);

  const [tallies, verdicts] = await Promise.all([readTallies(tx, organisationId, ids), readReleaseVerdicts(tx, organisationId, ids)]);

  // Unless one is asked for, chart the product of the first listed release that has results (an unchecked release has nothing to plot).
  const checked = page.find((r) => (tallies.get(r.id)?.checks ?? 0) > 0) ?? page[0];
  const chartProduct = productRows.find((p) => p.id === (query.chart ?? query.product)) ?? productRows.find((p) => p.id === checked?.product_id) ?? null;
  const terms = await tx.execute(
    sql`SELECT domain, internal_key FROM terminology WHERE domain IN ('release_type', 'release_status') AND deleted_at IS NULL ORDER BY domain, sort_order`,
  );
  const termRows = rowsOf<{ domain: string; internal_key: string }>(terms);

  return {
    rows: page.map((r) => ({
      ...releaseLine(r, term),
      tally: tallies.get(r.id) ?? { checks: 0, passed: 0, failed: 0 },
      verdict: verdicts.get(r.id)!,
    })),
    total,
    page: query.page,
    pageCount: Math.max(1, Math.ceil(total / RELEASES_PER_PAGE)),
    options: {
      products: productRows,
      types: termRows.filter((t) => t.domain === 'release_type').map((t) => term('release_type', t.internal_key)),
      statuses: termRows.filter((t) => t.domain === 'release_status').map((t) => term('release_status', t.internal_key)),
    },
    chart: { product: chartProduct, points: chartProduct ? await readChart(tx, organisationId, chartProduct.id) : [] },
  };
}

/** v_compliance_status's tally for the given releases only (each one an index walk of its results). */
async function readTallies(tx: Database, organisationId: string, ids: string[]): Promise<Map<string, ReleaseRow['tally']>> {
  if (ids.length === 0) return new Map();
  const rows = rowsOf<{ release_id: string; total_checks: number; passed: number; failed: number }>(
    await tx.execute(sql`SELECT release_id, total_checks, passed, failed FROM v_compliance_status
                          WHERE organisation_id = ${organisationId} AND release_id IN ${ids}`),
  );
  return new Map(rows.map((r) => [r.release_id, { checks: Number(r.total_checks), passed: Number(r.passed), failed: Number(r.failed) }]));
}

/** One product's latest releases, oldest first, with their all-time pass and fail counts. */
async function readChart(tx: Database, organisationId: string, productId: string): Promise<ChartPoint[]> {
  const rows = rowsOf<{ id: string; name: string; target_date: string | null; passed: number; failed: number }>(
    await tx.execute(sql`
      WITH latest AS (
        SELECT id FROM releases
         WHERE organisation_id = ${organisationId} AND product_id = ${productId} AND deleted_at IS NULL
         ORDER BY target_date DESC NULLS LAST, id DESC
         LIMIT ${CHART_RELEASES})
      SELECT r.id, r.name, r.target_date::text AS target_date, cs.passed, cs.failed
        FROM latest
        JOIN releases r ON r.organisation_id = ${organisationId} AND r.id = latest.id
        -- v_compliance_status's counts, computed for these releases alone: joined to the view, the
        -- planner rolled up every release of the organisation first (450 ms at scale L, against 3).
        CROSS JOIN LATERAL (
          SELECT (count(*) FILTER (WHERE cr.result = 'pass'))::integer AS passed,
                 (count(*) FILTER (WHERE cr.result = 'fail'))::integer AS failed
            FROM compliance_results cr
           WHERE cr.organisation_id = ${organisationId} AND cr.release_id = latest.id) cs
       ORDER BY r.target_date ASC NULLS LAST, r.id`),
  );
  return rows.map((r) => {
    const passed = Number(r.passed);
    const failed = Number(r.failed);
    return {
      releaseId: r.id,
      name: r.name,
      targetDate: r.target_date,
      passed,
      failed,
      passRate: passed + failed === 0 ? null : Math.round((1000 * passed) / (passed + failed)) / 10,
    };
  });
}
