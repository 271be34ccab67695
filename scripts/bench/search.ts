// The command palette's search in `npm run bench`: GET /api/search over HTTP while the server
// runs, and the same search bare in-process (who is asking, then lib/search's one query).
import { time, type Row } from './stats';

/** An id, one word, two words in another order than the title's: the palette's usual queries. */
const QUERIES = ['RI-004', 'lease', 'retries webhook'] as const;
const figureOf = (q: string) => `palette search "${q}" (GET /api/search)`;

/** While the server runs: times each query through the route. */
export async function benchSearchRoute({ runs, url, cookie }: { runs: number; url: string; cookie: string }): Promise<Row[]> {
  const rows: Row[] = [];
  for (const q of QUERIES) {
    const search = async () => {
      const response = await fetch(`${url}/api/search?q=${encodeURIComponent(q)}`, { headers: { cookie } });
      if (response.status !== 200) throw new Error(`/api/search?q=${q} answered ${response.status}: ${await response.text()}`);
      return response.json();
    };
    rows.push({ figure: figureOf(q), app: await time(runs, 5, search) });
  }
  return rows;
}

/** Once the server has let go of the database: the same searches bare, beside each route's row. */
export async function benchSearchBare({ runs, headers, rows }: { runs: number; headers: Headers; rows: Row[] }): Promise<void> {
  const { resolveCaller } = await import('../../lib/auth/identity');
  const { searchForMember } = await import('../../lib/search/search');
  for (const q of QUERIES) {
    const row = rows.find((r) => r.figure === figureOf(q));
    if (!row) continue;
    row.bare = await time(runs, 5, async () => {
      const caller = await resolveCaller(headers);
      if (caller.kind !== 'member') throw new Error('The benchmark session names no member');
      return searchForMember(caller, { q });
    });
  }
}
