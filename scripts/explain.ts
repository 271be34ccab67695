// npm run db:explain [-- --runs N]: explains the queries the pages run (ready and blocked
// queues, roadmap progress, a release's compliance, board columns, builders' last heartbeats,
// the audit log) for the current organisation of the configured database, and times each.
// A sequential scan of a large table is printed as a finding. Fill the database first
// (`npm run db:seed -- --scale L`) for figures that mean something.
import { parseArgs } from 'node:util';

import { sql } from 'drizzle-orm';

import { serverConnectOptions } from '../lib/db/client';
import { connect } from '../lib/db/connection';
import { rowsOf } from '../lib/db/sql';
import { pageQueries, pickPageQueryParameters } from '../lib/db/seed/scale/page-queries';
import { describeScans, explainPageQuery, missingTables, timePageQuery } from '../lib/db/seed/scale/query-plans';
import { runMain } from './lib/run';

runMain(async () => {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Math.max(1, Number(values.runs) || 7);
  const handle = await connect(serverConnectOptions());
  try {
    const db = handle.db;
    // The current organisation, as the pages choose it: the oldest live one.
    const [org] = rowsOf<{ id: string; slug: string }>(
      await db.execute(sql`SELECT id, slug FROM organisations WHERE deleted_at IS NULL ORDER BY created_at, slug LIMIT 1`),
    );
    if (!org) throw new Error('The database has no organisation: run `npm run db:seed` first.');
    const parameters = await pickPageQueryParameters(db, org.id);
    const [size] = rowsOf<{ items: number; results: number }>(
      await db.execute(sql`SELECT (SELECT count(*)::int FROM roadmap_items WHERE organisation_id = ${org.id}) AS items,
                                  (SELECT count(*)::int FROM compliance_results WHERE organisation_id = ${org.id}) AS results`),
    );
    console.log(
      `Query plans on ${handle.location} (${handle.kind}), organisation "${org.slug}": ` +
        `${size?.items.toLocaleString('en-US')} roadmap items, ${size?.results.toLocaleString('en-US')} compliance results.`,
    );
    console.log(`Parameters: ${JSON.stringify({ ...parameters, organisationId: undefined })}`);
    console.log(`Times: median of ${runs} runs after one warm-up, wall clock through the driver.\n`);

    let findings = 0;
    for (const query of pageQueries(parameters)) {
      const missing = await missingTables(db, query);
      if (missing.length) {
        console.log(`${query.name}\n    skipped: no table ${missing.join(', ')} in this database\n`);
        continue;
      }
      const plan = await explainPageQuery(db, query);
      const time = await timePageQuery(db, query, runs);
      console.log(`${query.name}\n    ${time.median.toFixed(1)} ms median, ${time.max.toFixed(1)} ms slowest, ${time.rows} rows`);
      console.log(`    plan: ${describeScans(plan.scans)}`);
      if (plan.largeSeqScans.length) {
        findings++;
        const forced = await explainPageQuery(db, query, { withoutSeqScans: true });
        const indexPath = forced.largeSeqScans.length === 0;
        console.log(
          `    FINDING: sequential scan of ${plan.largeSeqScans.map((s) => s.relation).join(', ')}; ` +
            (indexPath ? `an index path exists (${describeScans(forced.scans)}), the planner prefers the scan` : 'no index can serve it'),
        );
      }
      console.log('');
    }
    console.log(findings ? `${findings} query(ies) scan a large table.` : 'No query scans a large table.');
  } finally {
    await handle.close();
  }
});
