import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import * as actions from '@/app/(dashboard)/views/actions';

import { createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import { attachDatabase, withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';
import { withRequestHeaders } from '../procedure/request';
import { normaliseQuery } from './input';
import { listSavedViews } from './saved-views';
import { closeAttachedDatabase } from '../db/testing/attached';
import { ok } from '../procedure/test-results';

/** Issue 17: saved views are shared in the organisation, renamed, deleted with undo, recorded by who; another organisation never sees them. */
let handle: DatabaseHandle;
let orgA: string;
let orgB: string;
let viewerId: string;
let viewer: Headers;
let stranger: Headers;

beforeAll(async () => {
  handle = await openTestDatabase();
  attachDatabase(handle);
  orgA = await createOrganisation(handle.db, 'alpha');
  orgB = await createOrganisation(handle.db, 'beta');
  viewerId = await createMember(handle.db, 'vera@example.com', [[orgA, 'viewer']]);
  await createMember(handle.db, 'bo@example.com', [[orgB, 'owner']]);
  viewer = await signIn('vera@example.com');
  stranger = await signIn('bo@example.com');
});
afterAll(() => closeAttachedDatabase(handle));

describe('saved views', () => {
  it('saves a page with its filters (normalised), lists it for the organisation, and records who saved it', async () => {
    const saved = ok(await withRequestHeaders(viewer, () => actions.saveSavedView({ name: '  Large CRs ', path: '/board', query: '?size=L&kind=cr&owner=' })));
    expect(saved).toMatchObject({ name: 'Large CRs', path: '/board', query: 'kind=cr&size=L', href: '/board?kind=cr&size=L' });
    expect(await listSavedViews({ organisationId: orgA })).toEqual([saved]);
    const [row] = await query(handle.db, `SELECT created_by, updated_by FROM saved_views WHERE id = '${saved.id}'`);
    expect(row).toEqual({ created_by: `user:${viewerId}`, updated_by: `user:${viewerId}` });
  });

  it('refuses a path that is not a list, an empty name and filters too long to keep, saving nothing', async () => {
    const before = (await listSavedViews({ organisationId: orgA })).length;
    const refused = [
      await withRequestHeaders(viewer, () => actions.saveSavedView({ name: 'x', path: '/settings' as '/board', query: '' })),
      await withRequestHeaders(viewer, () => actions.saveSavedView({ name: '   ', path: '/board', query: '' })),
      await withRequestHeaders(viewer, () => actions.saveSavedView({ name: 'x', path: '/board', query: `q=${'a'.repeat(2100)}` })),
    ];
    expect(refused.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['invalid_input', 'invalid_input', 'invalid_input']);
    expect(await listSavedViews({ organisationId: orgA })).toHaveLength(before);
  });

  it('renames, deletes (the database records who) and restores', async () => {
    const [view] = await listSavedViews({ organisationId: orgA });
    const renamed = ok(await withRequestHeaders(viewer, () => actions.renameSavedView({ id: view!.id, name: 'Large change requests' })));
    expect(renamed.name).toBe('Large change requests');
    ok(await withRequestHeaders(viewer, () => actions.deleteSavedView({ id: view!.id })));
    expect(await listSavedViews({ organisationId: orgA })).toEqual([]);
    const [deleted] = await query(handle.db, `SELECT deleted_by FROM saved_views WHERE id = '${view!.id}'`);
    expect(deleted).toEqual({ deleted_by: `user:${viewerId}` });
    const again = await withRequestHeaders(viewer, () => actions.deleteSavedView({ id: view!.id }));
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });
    ok(await withRequestHeaders(viewer, () => actions.restoreSavedView({ id: view!.id })));
    expect((await listSavedViews({ organisationId: orgA })).map((v) => v.name)).toEqual(['Large change requests']);
  });

  it('keeps each organisation’s views to itself (row-level security)', async () => {
    const [view] = await listSavedViews({ organisationId: orgA });
    expect(await listSavedViews({ organisationId: orgB })).toEqual([]);
    for (const attempt of [() => actions.renameSavedView({ id: view!.id, name: 'Taken over' }), () => actions.deleteSavedView({ id: view!.id })]) {
      expect(await withRequestHeaders(stranger, attempt)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    // Even SQL inside B's transaction neither sees nor writes A's rows.
    expect(await withOrganisation(orgB, (tx) => query(tx, 'SELECT count(*)::int AS n FROM saved_views'))).toEqual([{ n: 0 }]);
    await expect(
      withOrganisation(orgB, (tx) => query(tx, `INSERT INTO saved_views (organisation_id, name, path) VALUES ('${orgA}', 'Planted', '/board')`)),
    ).rejects.toThrow();
    expect((await listSavedViews({ organisationId: orgA })).map((v) => v.name)).toEqual(['Large change requests']);
  });

  it('normalises a query: drops empty values and sorts keys', () => {
    expect(normaliseQuery('b=2&a=1&c=')).toBe('a=1&b=2');
    expect(normaliseQuery('')).toBe('');
  });
});
