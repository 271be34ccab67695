// The blocker desk and the builders page in `npm run bench`: each page's server render over HTTP,
// and the same reads bare in-process (who is asking, their organisation, the page's data).
import { time, type Row } from './stats';

const FIGURES = [
  { figure: 'blockers page, open (server render)', path: '/blockers' },
  { figure: 'blockers page, history (server render)', path: '/blockers?tab=history' },
  { figure: 'builders page (server render)', path: '/builders' },
] as const;

/** While the server runs: times each page. */
export async function benchBlockerPages({ runs, page }: { runs: number; page: (pathname: string) => Promise<unknown> }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const { figure, path } of FIGURES) rows.push({ figure, app: await time(runs, 5, () => page(path)) });
  return rows;
}

/** Once the server has let go of the database: the same reads bare, beside each page's row. */
export async function benchBlockerReads({ runs, headers, rows }: { runs: number; headers: Headers; rows: Row[] }): Promise<void> {
  const { resolveCaller } = await import('../../lib/auth/identity');
  const { getOrganisationSummary } = await import('../../lib/organisations/summary');
  const { getBlockerDesk } = await import('../../lib/blockers/desk');
  const { parseDeskQuery } = await import('../../lib/blockers/filters');
  const { getFleet } = await import('../../lib/foreman/fleet');
  const member = async () => {
    const caller = await resolveCaller(headers);
    if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
    await getOrganisationSummary(caller);
    return caller;
  };
  const reads: Record<string, () => Promise<unknown>> = {
    '/blockers': async () => getBlockerDesk(await member(), { query: parseDeskQuery({}) }),
    '/blockers?tab=history': async () => getBlockerDesk(await member(), { query: parseDeskQuery({ tab: 'history' }) }),
    '/builders': async () => getFleet(await member()),
  };
  for (const { figure, path } of FIGURES) {
    const row = rows.find((r) => r.figure === figure);
    if (row) row.bare = await time(runs, 5, reads[path]!);
  }
}
