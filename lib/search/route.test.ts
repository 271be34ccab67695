import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

/**
 * GET /api/search through the wrapper, on the demo data: a viewer finds what a viewer reads (every
 * page of their organisation), a member of another organisation finds none of it, and input a
 * caller can send wrongly gets a 400, never a 500.
 */
type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let handle: DatabaseHandle;
let GET: Handler;
let viewer: Headers;
let stranger: Headers;

beforeAll(async () => {
  const demo = await openAttachedDemoDatabase();
  handle = demo.handle;
  const other = await createOrganisation(handle.db, 'search-other');
  await createMember(handle.db, 'vera@example.com', [[demo.organisationId, 'viewer']]);
  await createMember(handle.db, 'otto@example.com', [[other, 'owner']]);
  viewer = await signIn('vera@example.com');
  stranger = await signIn('otto@example.com');
  ({ GET } = (await import(path.join(process.cwd(), 'app/api/search/route.ts'))) as { GET: Handler });
}, 120_000);
afterAll(() => closeAttachedDatabase(handle));

const search = async (headers: Headers, query: string) => {
  const response = await GET(new Request(`http://localhost/api/search?${query}`, { headers }), { params: Promise.resolve({}) });
  return { status: response.status, body: (await response.json()) as { ok: boolean; data?: { kind: string; id: string; href: string }[] } };
};

describe('GET /api/search', () => {
  it('lets a viewer find a demo item by words of its title and by its id', async () => {
    const byWords = await search(viewer, 'q=exclusive%20lea');
    expect(byWords.status).toBe(200);
    expect(byWords.body.data![0]).toMatchObject({ kind: 'roadmap', id: 'RI-004', href: '/roadmap/items/RI-004' });
    expect((await search(viewer, 'q=RI-004')).body.data![0]!.id).toBe('RI-004');
  });

  it('finds nothing of the demo organisation for a member of another', async () => {
    const result = await search(stranger, 'q=lease');
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual([]);
  });

  it('answers 400 to input a caller can get wrong', async () => {
    expect((await search(viewer, `q=${'x'.repeat(201)}`)).status).toBe(400);
    expect((await search(viewer, 'q=lease&limit=abc')).status).toBe(400);
    expect((await search(viewer, 'q=lease&limit=500')).status).toBe(400);
    expect((await search(viewer, 'q=lease&other=1')).status).toBe(400);
    expect((await search(viewer, '')).status).toBe(400);
  });
});
