// `npm run bench -- --only memory`: the server's resident memory while every page is visited,
// round after round (issue 19, item 4), and what each round cost in time. The pages: the
// sidebar's, the roadmap's four views, settings and its two sub-pages, account, trash, health,
// the first three links of the board's kinds and of the programs, releases, builders and planning
// lists (a program, a release…), and the largest planning board (scale L: 10,000 cards). Memory is read from /proc (scripts/bench/memory.ts)
// without forcing a garbage collection: what a person running the server would see.
import type { ChildProcess } from 'node:child_process';

import { findBenchBoard } from './board';
import { cpuSeconds, rssMiB } from './memory';
import { printTable, summarise } from './stats';

const FIXED = [
  '/',
  '/inbox',
  '/programs',
  '/roadmap',
  '/roadmap/queues',
  '/roadmap/waves',
  '/roadmap/graph',
  '/board',
  '/blockers',
  '/releases',
  '/builders',
  '/planning',
  '/audit',
  '/settings',
  '/settings/standards',
  '/settings/webhooks',
  '/account',
  '/trash',
  '/api/health',
];
const LISTS: [list: string, link: RegExp][] = [
  ['/board', /href="(\/board\?kind=[^"&]+)"/g],
  ['/programs', /href="(\/programs\/[^"?#]+)"/g],
  ['/releases', /href="(\/releases\/[^"?#]+)"/g],
  ['/builders', /href="(\/builders\/[^"?#]+)"/g],
  ['/planning', /href="(\/planning\/[^"?#]+)"/g],
];

/** Every page once, in order: the fixed ones, then the first three links of each list. */
async function pagesToVisit(page: (pathname: string) => Promise<string>, largestBoard?: string): Promise<string[]> {
  const linked: string[] = [];
  for (const [list, link] of LISTS) {
    const found = [...new Set([...(await page(list)).matchAll(link)].map((m) => m[1]!))];
    linked.push(...found.slice(0, 3));
  }
  // A link that does not answer 200 is left out, and said (it would stop every round).
  for (const pathname of [...linked]) {
    await page(pathname).catch((error: unknown) => {
      console.warn(`left out: ${error instanceof Error ? error.message : String(error)}`);
      linked.splice(linked.indexOf(pathname), 1);
    });
  }
  const board = largestBoard ? [`/board?kind=card&scope=${encodeURIComponent(`project:${largestBoard}`)}`] : [];
  return [...FIXED, ...linked, ...board];
}

export interface MemoryRound {
  round: number;
  rss: number;
  peak: number;
  /** The round's page times: median and sum, in ms. */
  median: number;
  total: number;
  /** The server's CPU time during the round, in seconds (less dependent on the machine's load than the times). */
  cpu: number;
}

/** `rounds` rounds of every page; the server's memory after each, and its memory once healthy. */
export async function benchPagesMemory({
  rounds,
  serverPid,
  page,
  largestBoard,
}: {
  rounds: number;
  serverPid: number;
  page: (pathname: string) => Promise<string>;
  /** The project whose card board is the largest (findBenchBoard). */
  largestBoard?: string;
}): Promise<{ healthy: number; pages: string[]; results: MemoryRound[]; perPage: Map<string, number[]> }> {
  const healthy = rssMiB(serverPid).rss;
  const pages = await pagesToVisit(page, largestBoard);
  const results: MemoryRound[] = [];
  const perPage = new Map<string, number[]>(pages.map((p) => [p, []]));
  for (let round = 1; round <= rounds; round++) {
    const times: number[] = [];
    const cpuBefore = cpuSeconds(serverPid);
    for (const pathname of pages) {
      const start = performance.now();
      await page(pathname);
      const ms = performance.now() - start;
      times.push(ms);
      perPage.get(pathname)!.push(ms);
    }
    const { rss, peak } = rssMiB(serverPid);
    const cpu = cpuSeconds(serverPid) - cpuBefore;
    results.push({ round, rss, peak, median: summarise(times).median, total: times.reduce((a, b) => a + b, 0), cpu });
  }
  return { healthy, pages, results, perPage };
}

/** `npm run bench -- --only memory`: serves, signs in, runs the rounds, prints each page's times and the memory after each round. */
export async function benchMemoryOnly(harness: {
  rounds: number;
  url: string;
  member: { email: string; password: string };
  /** The database and the server's flags, for the heading. */
  where: string;
  serve: () => ChildProcess;
  waitForHealth: (url: string) => Promise<void>;
  signIn: (url: string, member: { email: string; password: string }) => Promise<string>;
  loadAverage: () => string;
}): Promise<void> {
  const { rounds, url } = harness;
  const largestBoard = (await findBenchBoard())?.projectId;
  const server = harness.serve();
  try {
    await harness.waitForHealth(url);
    console.log(`Benchmark (memory): ${harness.where}, ${rounds} rounds of every page, ${harness.loadAverage()} at the start\n`);
    const cookie = await harness.signIn(url, harness.member);
    const page = async (pathname: string) => {
      const response = await fetch(`${url}${pathname}`, { headers: { cookie }, redirect: 'manual' });
      if (response.status !== 200) throw new Error(`${pathname} answered ${response.status}`);
      return response.text();
    };
    const { healthy, pages, results, perPage } = await benchPagesMemory({ rounds, serverPid: server.pid!, page, largestBoard });
    printTable([...perPage].map(([pathname, samples]) => ({ figure: pathname, app: samples })));
    console.log(`\n${pages.length} pages a round; server memory once healthy: ${healthy.toFixed(0)} MiB resident`);
    for (const r of results) {
      console.log(
        `round ${r.round}: ${r.rss.toFixed(0)} MiB resident (peak ${r.peak.toFixed(0)}), page median ${r.median.toFixed(1)} ms, ` +
          `round ${r.total.toFixed(0)} ms, server CPU ${r.cpu.toFixed(2)} s`,
      );
    }
    console.log(`\n${harness.loadAverage()} at the end`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}
