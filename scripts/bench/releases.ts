import { sql } from 'drizzle-orm';

import { time, type Row } from './stats';
import type { OrganisationCaller } from '../../lib/auth/identity';

// The releases pages (issues 8 and 12): the list with its verdicts (and filtered on the verdict,
// which computes every release's) and the review of one release, served over HTTP beside the same
// reads in this process; and one release's verdict (v_release_verdict) through the tenant seam
// beside the same query bare on the connection.

/** While the server runs: times both pages, and names the release it reviewed (the list's first). */
export async function benchReleasePages(get: (pathname: string) => Promise<string>, runs: number): Promise<{ rows: Row[]; releaseId: string }> {
  // A blocked release: the kind a reviewer opens, with a long history.
  const list = await get('/releases?verdict=blocked');
  const releaseId = /data-release-id="([^"]+)"/.exec(list)?.[1];
  if (!releaseId) throw new Error('The releases page lists no release to review');
  const review = `/releases/${encodeURIComponent(releaseId)}`;
  return {
    releaseId,
    rows: [
      { figure: 'releases page, 50 with verdicts (server render)', app: await time(runs, 5, () => get('/releases')) },
      { figure: 'releases page, blocked ones (every verdict computed)', app: await time(runs, 5, () => get('/releases?verdict=blocked')) },
      { figure: `release review page, ${releaseId} (server render)`, app: await time(runs, 5, () => get(review)) },
    ],
  };
}

/** Once the server has let go of the database: the same reads bare (who is asking included), and one release's verdict alone. */
export async function benchReleaseBare(
  rows: Row[],
  { releaseId, runs, whoIsAsking }: { releaseId: string; runs: number; whoIsAsking: () => Promise<OrganisationCaller> },
): Promise<Row[]> {
  const { getDb, withOrganisation } = await import('../../lib/db/client');
  const { listReleases, releaseListQuery } = await import('../../lib/releases/list');
  const { getReleaseReview } = await import('../../lib/releases/review');
  const { getOrganisationSummary } = await import('../../lib/organisations/summary');
  const db = await getDb();
  const { organisationId } = await whoIsAsking();

  rows[0]!.bare = await time(runs, 5, async () => {
    const caller = await whoIsAsking();
    await getOrganisationSummary(caller);
    await listReleases(caller, { query: releaseListQuery.parse({}) });
  });
  rows[1]!.bare = await time(runs, 5, async () => {
    const caller = await whoIsAsking();
    await getOrganisationSummary(caller);
    await listReleases(caller, { query: releaseListQuery.parse({ verdict: 'blocked' }) });
  });
  rows[2]!.bare = await time(runs, 5, async () => {
    const caller = await whoIsAsking();
    await getOrganisationSummary(caller);
    await getReleaseReview(caller, { releaseId });
  });
  const verdict = sql`SELECT * FROM v_release_verdict WHERE organisation_id = ${organisationId} AND release_id = ${releaseId}`;
  return [
    ...rows,
    {
      figure: 'release verdict, one release (tenant seam vs bare SQL)',
      app: await time(runs, 5, () => withOrganisation(organisationId, (tx) => tx.execute(verdict))),
      bare: await time(runs, 5, () => db.execute(verdict)),
    },
  ];
}
