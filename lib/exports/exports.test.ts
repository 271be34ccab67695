import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET as exportBoard } from '@/app/api/board/export/route';
import { GET as exportListRoute } from '@/app/api/export/[list]/route';

import { createMember, signIn } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { parseCsv } from '../csv/parse';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

/** Issue 17: every list exports the rows it shows, with its filters; the board streams past its first page. */
let handle: DatabaseHandle;
let viewer: Headers;

beforeAll(async () => {
  const demo = await openAttachedDemoDatabase();
  handle = demo.handle;
  await createMember(handle.db, 'vic@example.com', [[demo.organisationId, 'viewer']]);
  viewer = await signIn('vic@example.com');
  // 2,500 more cards on motus's board: three pages of the stream.
  await query(
    handle.db,
    `INSERT INTO change_requests (organisation_id, id, title, product_id, size)
     SELECT '${demo.organisationId}', 'CR-EXPORT-' || lpad(n::text, 5, '0'), '=Exported ' || n, 'motus', CASE WHEN n % 2 = 0 THEN 'L' ELSE 'S' END
       FROM generate_series(1, 2500) n`,
  );
});
afterAll(() => closeAttachedDatabase(handle));

async function get(handler: typeof exportBoard, path: string, params: Record<string, string> = {}) {
  const response = await handler(new Request(`http://localhost${path}`, { headers: viewer }), { params: Promise.resolve(params) });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('exports', () => {
  it('streams the whole filtered board, every page, each card once, formulas guarded', async () => {
    const all = await get(exportBoard, '/api/board/export?kind=cr&scope=product:motus&q=Exported');
    expect(all.status).toBe(200);
    expect(all.type).toBe('text/csv; charset=utf-8');
    const records = parseCsv(all.text);
    expect(records[0]!.cells.slice(0, 3)).toEqual(['id', 'title', 'status']);
    const ids = records.slice(1).map((r) => r.cells[0]);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(records[1]!.cells.slice(0, 3)).toEqual(['CR-EXPORT-00001', "'=Exported 1", 'Queue']);

    const large = parseCsv((await get(exportBoard, '/api/board/export?kind=cr&scope=product:motus&q=Exported&size=L')).text);
    expect(large.length - 1).toBe(1250);
    expect(large.slice(1).every((r) => r.cells[5]!.includes('Size L'))).toBe(true);
  });

  it('refuses a board that does not exist, and a bad kind, in JSON', async () => {
    expect((await get(exportBoard, '/api/board/export?kind=cr&scope=product:nope')).status).toBe(404);
    const bad = await get(exportBoard, '/api/board/export?kind=spaceship&scope=product:motus');
    expect(bad.status).toBe(400);
    expect(bad.type).toContain('application/json');
  });

  it('exports the releases with the list’s filters, the programs, the builders and the blocker desk', async () => {
    const releases = parseCsv((await get(exportListRoute, '/api/export/releases?product=motus', { list: 'releases' })).text);
    expect(releases.length).toBeGreaterThan(1);
    expect(releases.slice(1).every((r) => r.cells[2] === 'motus')).toBe(true);
    const [programCount] = await query<{ n: number }>(handle.db, 'SELECT count(*)::int AS n FROM programs WHERE deleted_at IS NULL');
    expect(parseCsv((await get(exportListRoute, '/api/export/programs', { list: 'programs' })).text)).toHaveLength(Number(programCount!.n) + 1);
    expect(parseCsv((await get(exportListRoute, '/api/export/builders', { list: 'builders' })).text)[0]!.cells[0]).toBe('builder_id');
    const open = parseCsv((await get(exportListRoute, '/api/export/blockers', { list: 'blockers' })).text);
    const [openCount] = await query<{ n: number }>(handle.db, 'SELECT count(*)::int AS n FROM blockers WHERE resolved_at IS NULL');
    expect(open.length - 1).toBe(Number(openCount!.n));
    expect((await get(exportListRoute, '/api/export/nothing', { list: 'nothing' })).status).toBe(400);
  });
});
