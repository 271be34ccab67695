import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../../connection';
import { openTestDatabase } from '../../testing/test-database';
import { seedScale } from './index';
import { type PageQuery, pageQueries, type PageQueryParameters, pickPageQueryParameters } from './page-queries';
import { describeScans, explainPageQuery, missingTables } from './query-plans';

// Scale L at 1 % (800 roadmap items, 3,000 edges, 10,000 compliance results, heartbeats and
// audit rows), vacuumed and analysed by the generator. At this size a sequential scan is often
// the planner's honest best, so these tests prove what small data can prove: that an index
// path exists for every page query (planned with enable_seqscan off, in a rolled-back
// transaction, only to show that path), and that the planner already takes it where the
// index wins by far even here. The plans and times at full scale L are in
// docs/schema-map/scale.md (npm run db:explain).
const FACTOR = 0.01;

let handle: DatabaseHandle;
let queries: PageQuery[];
let parameters: PageQueryParameters;

beforeAll(async () => {
  handle = await openTestDatabase();
  const { organisationId } = await seedScale(handle.db, { factor: FACTOR, today: new Date('2026-11-22T12:00:00Z') });
  parameters = await pickPageQueryParameters(handle.db, organisationId);
  queries = [];
  for (const query of pageQueries(parameters)) {
    if ((await missingTables(handle.db, query)).length === 0) queries.push(query);
  }
}, 180_000);
afterAll(async () => {
  await handle?.close();
});

const named = (prefix: string) => {
  const query = queries.find((q) => q.name.startsWith(prefix));
  if (!query) throw new Error(`No page query named "${prefix}…"`);
  return query;
};

describe('page queries at scale (small data, analysed)', () => {
  it('finds parameters for every query in the generated organisation', () => {
    expect(parameters.releaseId).toMatch(/^l-release-/);
    expect(parameters.phaseKey).not.toBeNull();
    expect(parameters.crStatusKey).not.toBeNull();
    expect(parameters.projectId).not.toBeNull();
    // Every query but the blockers one (that table belongs to a later slice).
    expect(queries.length).toBeGreaterThanOrEqual(pageQueries(parameters).length - 1);
  });

  it('has an index path for every page query: with sequential scans priced out, no large table is scanned whole', async () => {
    for (const query of queries) {
      const plan = await explainPageQuery(handle.db, query, { withoutSeqScans: true });
      expect(plan.largeSeqScans, `${query.name}: ${describeScans(plan.scans)}`).toEqual([]);
    }
  });

  it('reads the index made for each keyed query when sequential scans are priced out', async () => {
    // The queues and the progress count may take one of several index paths; these have one.
    const indexOf = async (prefix: string) => (await explainPageQuery(handle.db, named(prefix), { withoutSeqScans: true })).scans.map((s) => s.index);
    // On small data the planner may read the board's (organisation, status, board rank) index and
    // sort the few pending rows; at scale L `npm run db:explain` shows it walking the phase-rank index.
    expect(await indexOf('ready queue')).toEqual(expect.arrayContaining([expect.stringMatching(/^roadmap_items_status_(phase_rank|board_rank)_live_idx$/)]));
    // Either index of a release's results (migration releases_rules added the covering one).
    const releaseResults = expect.arrayContaining([expect.stringMatching(/^compliance_results_release_(standard|latest)_idx$/)]);
    expect(await indexOf('compliance status')).toEqual(releaseResults);
    expect(await indexOf('latest result')).toEqual(releaseResults);
    // On small data the planner may read (organisation, phase, status) and sort the few rows;
    // at scale L `npm run db:explain` shows it walking the rank index (docs/scale.md).
    expect(await indexOf('roadmap board column')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(roadmap_items_status_phase_rank_live_idx|roadmap_items_progress_idx)$/)]),
    );
    // Newest first: at scale L the (status, created) index or the organisation's created_at index
    // (DESC NULLS FIRST since migration index_order) read in order; on small data the planner may
    // also take the board's (status, rank) index and sort the few rows.
    expect(await indexOf('change requests of one status')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^change_requests_(status_created|created|status_rank)_live_idx$/)]),
    );
    // Either walks the column in rank order: (project, status, rank), or (status, rank) filtering the
    // project, which the planner may prefer where one project holds every card.
    expect(await indexOf('card board column')).toEqual(expect.arrayContaining([expect.stringMatching(/^card_(board|status_rank)_live_idx$/)]));
    expect(await indexOf('last heartbeat')).toContain('heartbeats_builder_time_idx');
    expect(await indexOf('audit log, newest')).toContain('audit_log_organisation_time_id_idx');
    expect(await indexOf('audit log, 51 after')).toContain('audit_log_organisation_time_id_idx');
  });

  it('is planned on the indexes without help where they win by far even at this size', async () => {
    // One release's results and one builder's newest beat are a few rows of 10,000.
    for (const prefix of ['compliance status', 'latest result', 'last heartbeat', 'audit log']) {
      const plan = await explainPageQuery(handle.db, named(prefix));
      expect(plan.largeSeqScans, `${prefix}: ${describeScans(plan.scans)}`).toEqual([]);
    }
  });
});
