import 'server-only';

import { sql } from 'drizzle-orm';

import type { Database } from '../../connection';
import { rowsOf } from '../../sql';
import { seedDemoData } from '../demo';
import { auditStep } from './audit';
import { complianceStep } from './compliance';
import type { ScaleStep } from './context';
import { foremanStep } from './foreman';
import { heartbeatsStep } from './heartbeats';
import { planningStep } from './planning';
import { portfolioStep } from './portfolio';
import { roadmapEdgesStep } from './roadmap-edges';
import { roadmapItemsStep } from './roadmap-items';
import { scaleSizes, type ScaleSizes } from './sizes';

/**
 * Scale "L": the demo organisation (seedDemoData first), then, in the same organisation, the
 * volumes of PRODUCT.md's "Performance and scale". The same organisation, because pages and
 * `npm run bench` show the current organisation (the oldest one): the demo's hand-written rows
 * stay on top of every page, and every page and query meets the full volume behind them.
 *
 * Everything is written set-based (INSERT … SELECT FROM generate_series) in one transaction,
 * with every trigger on: a run that stops leaves the database as it was. Afterwards VACUUM
 * ANALYZE gives the planner statistics and the visibility map index-only scans need.
 */
export const scaleSteps: readonly ScaleStep[] = [
  portfolioStep,
  roadmapItemsStep,
  roadmapEdgesStep,
  foremanStep,
  heartbeatsStep,
  complianceStep,
  planningStep,
  auditStep,
];

/** Tables the run fills, vacuumed and analysed at the end. */
const filledTables = [
  'programs',
  'products',
  'features',
  'releases',
  'standards',
  'change_requests',
  'roadmap_items',
  'roadmap_phase_limits',
  'roadmap_dependencies',
  'builders',
  'waves',
  'tasks',
  'heartbeats',
  'compliance_results',
  'project',
  'workflow',
  'workflow_activity',
  'card',
  'audit_log',
  'entity_versions',
];

export interface ScaleProgress {
  step: string;
  done: number;
  total: number;
  elapsedMs: number;
  finished: boolean;
}

export interface SeedScaleOptions {
  /** Every volume times this (tests use 0.002–0.01); 1 is scale L. */
  factor?: number;
  today?: Date;
  onProgress?: (progress: ScaleProgress) => void;
}

export interface SeedScaleResult {
  organisationId: string;
  sizes: ScaleSizes;
  /** False when the organisation already had the scale data: nothing was written. */
  added: boolean;
  demo: Awaited<ReturnType<typeof seedDemoData>>['inserted'];
  steps: { name: string; rows: number; ms: number }[];
}

async function hasScaleData(db: Database, organisationId: string): Promise<boolean> {
  const result = await db.execute(sql`SELECT EXISTS (SELECT 1 FROM programs WHERE organisation_id = ${organisationId} AND id = 'l-program-01') AS present`);
  return rowsOf<{ present: boolean }>(result)[0]?.present === true;
}

export async function seedScale(db: Database, options: SeedScaleOptions = {}): Promise<SeedScaleResult> {
  const today = options.today ?? new Date();
  const sizes = scaleSizes(options.factor ?? 1);
  const { organisationId, inserted: demo } = await seedDemoData(db, { today });
  const result: SeedScaleResult = { organisationId, sizes, added: false, demo, steps: [] };
  if (await hasScaleData(db, organisationId)) return result;

  const track = async (name: string, total: number, work: (report: (done: number) => void) => Promise<void>) => {
    const started = performance.now();
    const progress = (done: number, finished: boolean) => options.onProgress?.({ step: name, done, total, elapsedMs: performance.now() - started, finished });
    progress(0, false);
    await work((done) => progress(done, false));
    progress(total, true);
    result.steps.push({ name, rows: total, ms: performance.now() - started });
  };

  await db.transaction(async (tx) => {
    // Some steps run longer than the connection's default statement timeout. JIT would compile
    // every batch (the planner cannot estimate generate_series joins, and guesses millions of
    // rows): a second per statement spent for nothing.
    await tx.execute(sql`SET LOCAL statement_timeout = 0`);
    await tx.execute(sql`SET LOCAL jit = off`);
    const context = { tx, org: sql`${organisationId}::uuid`, today: sql`${today.toISOString()}::timestamptz`, sizes };
    for (const step of scaleSteps) {
      await track(step.name, step.total(sizes), (report) => step.run({ ...context, report }));
    }
  });
  result.added = true;

  await track('vacuum and analyse', filledTables.length, async (report) => {
    for (const [i, table] of filledTables.entries()) {
      await db.execute(sql.raw(`VACUUM (ANALYZE) ${table}`));
      report(i + 1);
    }
  });
  return result;
}

export { scaleSizes, type ScaleSizes };
