// The roadmap's figures for `npm run bench` (issue 6): its three pages over HTTP, each beside the
// same reads in process, and the ready queue, blocked queue and roadmap progress through the
// app's seam (one transaction as gantry_app, row-level security on) beside the same SQL run bare.
import { sql } from 'drizzle-orm';

import { time, type Row } from './stats';

const LIMIT = 50;

/** While the server runs: the pages. Returns the rows, and what to run once the server has let go of the database. */
export async function benchRoadmap({ runs, page }: { runs: number; page: (pathname: string) => Promise<string> }) {
  // The graph page's own suggestion (the first blocked item) on a large roadmap; the demo's RI-006 otherwise.
  const focus = /\/roadmap\/graph\?focus=([\w.-]+)/.exec(await page('/roadmap/graph'))?.[1] ?? 'RI-006';
  const rows: Row[] = [
    { figure: 'roadmap phases page (server render)', app: await time(runs, 5, () => page('/roadmap')) },
    { figure: 'ready and blocked page (server render)', app: await time(runs, 5, () => page('/roadmap/queues')) },
    { figure: `dependency graph page, focus ${focus}`, app: await time(runs, 5, () => page(`/roadmap/graph?focus=${focus}`)) },
  ];

  async function bare(headers: Headers): Promise<Row[]> {
    const { getDb, withOrganisation } = await import('../../lib/db/client');
    const { resolveCaller } = await import('../../lib/auth/identity');
    const { getRoadmapPhases } = await import('../../lib/roadmap/phases');
    const { getRoadmapQueues, readBlocked, readReady } = await import('../../lib/roadmap/queues');
    const { getDependencyGraph } = await import('../../lib/roadmap/graph');
    const caller = await resolveCaller(headers);
    if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
    const org = caller.organisationId;
    const db = await getDb();
    const signedIn = async () => {
      if ((await resolveCaller(headers)).kind !== 'member') throw new Error('signed out');
    };
    rows[0]!.bare = await time(runs, 5, async () => (await signedIn(), getRoadmapPhases(caller)));
    rows[1]!.bare = await time(runs, 5, async () => (await signedIn(), getRoadmapQueues(caller)));
    rows[2]!.bare = await time(runs, 5, async () => (await signedIn(), getDependencyGraph(caller, { focus })));

    const progress = sql`SELECT * FROM v_roadmap_progress WHERE organisation_id = ${org}`;
    return [
      ...rows,
      {
        figure: `ready queue, first ${LIMIT} (v_ready_items)`,
        app: await time(runs, 5, () => withOrganisation(org, (tx) => readReady(tx, org, LIMIT))),
        bare: await time(runs, 5, () => db.execute(sql`SELECT id, title, phase_key, owner FROM v_ready_items WHERE organisation_id = ${org} LIMIT ${LIMIT}`)),
      },
      {
        figure: `blocked queue, first ${LIMIT} (v_blocked_items)`,
        app: await time(runs, 5, () => withOrganisation(org, (tx) => readBlocked(tx, org, LIMIT))),
        bare: await time(runs, 5, () =>
          db.execute(
            sql`SELECT id, title, phase_key, status_key, blocking_count, blocking_items FROM v_blocked_items WHERE organisation_id = ${org} ORDER BY id LIMIT ${LIMIT}`,
          ),
        ),
      },
      {
        figure: 'roadmap progress (v_roadmap_progress)',
        app: await time(runs, 5, () => withOrganisation(org, (tx) => tx.execute(progress))),
        bare: await time(runs, 5, () => db.execute(progress)),
      },
    ];
  }

  return { bare };
}
