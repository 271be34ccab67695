// `npm run bench -- --only pages`: every page's server render over HTTP (issue 19: each under
// 150 ms at scale L), median and p95, nothing else: the list pages below, then one page of each
// kind that names a row (scripts/bench/detail-pages.ts: a release's review, a program, a planning
// card…). `--pages /,/builders` times only those paths.
import os from 'node:os';

import type { BenchHarness } from './board';
import { time, type Row } from './stats';

/** The pages a member opens from the sidebar and the header, with the filters the other figures use. */
export const LIST_PAGES = [
  '/',
  '/programs',
  '/board',
  '/roadmap',
  '/roadmap/queues',
  '/roadmap/waves',
  '/roadmap/graph',
  '/releases',
  '/releases?verdict=blocked',
  '/blockers',
  '/builders',
  '/inbox',
  '/planning',
  '/trash',
  '/audit',
  '/audit/decisions',
  '/settings',
  '/settings/standards',
  '/settings/webhooks',
  '/import',
  '/account',
] as const;

/** While the server runs: each page in turn, `runs` times after a warm-up of five. */
export async function benchListPages({
  runs,
  page,
  paths,
}: {
  runs: number;
  page: (pathname: string) => Promise<unknown>;
  paths: readonly string[];
}): Promise<Row[]> {
  const rows: Row[] = [];
  for (const path of paths) rows.push({ figure: `${path} (server render)`, app: await time(runs, 5, () => page(path)) });
  return rows;
}

/** `--only pages`: serves the build, signs in, times each path, and stops the server. */
export async function benchPagesOnly(harness: Omit<BenchHarness, 'signInBare'> & { paths: readonly string[]; loadAverage: () => string }): Promise<Row[]> {
  const { runs, url, member, serve, waitForHealth, signIn, paths, loadAverage } = harness;
  const server = serve();
  try {
    await waitForHealth(url);
    console.log(
      `Benchmark (pages only): ${process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite'}, ${runs} runs each, ${os.cpus().length} cores, ${loadAverage()} at the start\n`,
    );
    const cookie = await signIn(url, member);
    const page = async (pathname: string) => {
      // A redirect (to sign in) would time the wrong page.
      const response = await fetch(`${url}${pathname}`, { headers: { cookie }, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
      return response.text();
    };
    return await benchListPages({ runs, page, paths });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}
