import path from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { moveBoardCard, updateBoardCard } from '@/app/(dashboard)/board/actions';

import { withRequestHeaders } from '../procedure/request';
import type { ActionResult } from '../procedure/result';
import { createBuilder, createMember, signIn } from '../auth/test-fixtures';
import { generateApiToken } from '../organisations/token-format';
import { attachDatabase } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { openAttachedDemoDatabase } from '../db/testing/attached';
import { query } from '../db/testing/sql';
import { diffSnapshots, type WorkItemDetails } from './details';

/**
 * Issue 12, item 2 at the action and HTTP level: a manager's edit of an item is recorded as the
 * manager's (not its owner's, not 'system'), a builder's as the builder's, and the item's route
 * lists every version with who, when and each changed field old → new.
 */
let handle: DatabaseHandle;
let org: string;
let managerId: string;
let manager: Headers;
let builder: Headers;

const itemRoute = async () =>
  (await import(path.join(process.cwd(), 'app/api/board/items/[kind]/[id]/route.ts'))) as {
    GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
  };

async function details(headers: Headers, kind: string, id: string): Promise<{ status: number; body: ActionResult<WorkItemDetails> }> {
  const response = await (
    await itemRoute()
  ).GET(new Request(`http://localhost/api/board/items/${kind}/${id}`, { headers }), { params: Promise.resolve({ kind, id }) });
  return { status: response.status, body: (await response.json()) as ActionResult<WorkItemDetails> };
}

const versionOf = async (id: string) => Number((await query<{ v: number }>(handle.db, `SELECT row_version AS v FROM roadmap_items WHERE id = '${id}'`))[0]!.v);

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  managerId = await createMember(handle.db, 'mia@example.com', [[org, 'manager']]);
  await query(handle.db, `UPDATE "user" SET name = 'Mia Manager' WHERE id = '${managerId}'`);
  manager = await signIn('mia@example.com');
  await createBuilder(handle.db, org, 'builder-7');
  const { token, hash, prefix } = generateApiToken();
  await query(
    handle.db,
    `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by) VALUES ('${org}', 'builder-7', 't', '${hash}', '${prefix}', '${managerId}')`,
  );
  builder = new Headers({ authorization: `Bearer ${token}` });
});
afterAll(async () => {
  attachDatabase(undefined);
  await handle?.close();
});

describe("an item's history", () => {
  it("names the manager who edited an item, not 'system', with each field old → new", async () => {
    const edited = await withRequestHeaders(manager, async () =>
      updateBoardCard({ kind: 'roadmap', id: 'RI-004', version: await versionOf('RI-004'), title: 'Exclusive leases, reviewed' }),
    );
    expect(edited.ok, JSON.stringify(edited)).toBe(true);
    const { status, body } = await details(manager, 'roadmap', 'RI-004');
    expect(status).toBe(200);
    if (!body.ok) throw new Error(body.error.message);
    const [latest] = body.data.history!;
    expect(latest).toMatchObject({ changedBy: 'Mia Manager', changes: [{ field: 'title', from: 'Exclusive leases', to: 'Exclusive leases, reviewed' }] });
    const [row] = await query(handle.db, `SELECT changed_by FROM entity_versions WHERE entity_id = 'RI-004' ORDER BY version DESC LIMIT 1`);
    expect(row).toEqual({ changed_by: `user:${managerId}` });
    // Every version is listed, newest first, numbered without gaps.
    const numbers = body.data.history!.map((v) => v.version);
    expect(numbers).toEqual(Array.from({ length: numbers.length }, (_, i) => numbers.length - i));
  });

  it("blames a move of ben's item on the manager who made it, not on ben", async () => {
    const moved = await withRequestHeaders(manager, async () =>
      moveBoardCard({ kind: 'roadmap', id: 'RI-005', toStatus: 'in_progress', beforeId: null, afterId: null, version: await versionOf('RI-005') }),
    );
    expect(moved.ok, JSON.stringify(moved)).toBe(true);
    const { body } = await details(manager, 'roadmap', 'RI-005');
    if (!body.ok) throw new Error(body.error.message);
    expect(body.data.history![0]).toMatchObject({
      changedBy: 'Mia Manager',
      changes: expect.arrayContaining([{ key: 'status_key', field: 'status', from: 'Pending', to: 'In progress' }]),
    });
    const audit = await query(handle.db, `SELECT changed_by FROM entity_versions WHERE entity_id = 'RI-005' AND changed_by = 'ben'`);
    expect(audit).toEqual([]);
  });

  it('shows a changed phase by its display name, never its key', async () => {
    await query(handle.db, `UPDATE roadmap_items SET phase_key = 'phase_b' WHERE id = 'RI-004' AND phase_key <> 'phase_b'`);
    await query(handle.db, `UPDATE roadmap_items SET phase_key = 'phase_c' WHERE id = 'RI-004'`);
    const { body } = await details(manager, 'roadmap', 'RI-004');
    if (!body.ok) throw new Error(body.error.message);
    expect(body.data.history![0]!.changes).toContainEqual({ key: 'phase_key', field: 'phase', from: 'Phase B', to: 'Phase C' });
    expect(JSON.stringify(body.data.history)).not.toMatch(/"phase_[a-z]"/);
  });

  it('names a builder by its id when its token made the change', async () => {
    await query(handle.db, `UPDATE roadmap_items SET owner = 'builder-7' WHERE id = 'RI-013'`);
    const moved = await withRequestHeaders(builder, async () =>
      moveBoardCard({ kind: 'roadmap', id: 'RI-013', toStatus: 'in_progress', beforeId: null, afterId: null, version: await versionOf('RI-013') }),
    );
    expect(moved.ok, JSON.stringify(moved)).toBe(true);
    const [row] = await query(handle.db, `SELECT changed_by FROM entity_versions WHERE entity_id = 'RI-013' ORDER BY version DESC LIMIT 1`);
    expect(row).toEqual({ changed_by: 'agent:builder-7' });
    const { body } = await details(manager, 'roadmap', 'RI-013');
    if (!body.ok) throw new Error(body.error.message);
    expect(body.data.history![0]!.changedBy).toBe('builder-7');
  });

  it('refuses `version: true` rather than reading it as 1, and changes nothing', async () => {
    const before = await versionOf('RI-004');
    const refused = await withRequestHeaders(manager, () =>
      updateBoardCard({ kind: 'roadmap', id: 'RI-004', version: true as unknown as number, title: 'Planted' }),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input', fieldErrors: { version: expect.any(String) } } });
    expect(await versionOf('RI-004')).toBe(before);
  });

  it('is not readable once the item is deleted: 404', async () => {
    await query(handle.db, `UPDATE roadmap_items SET deleted_at = now() WHERE id = 'RI-012'`);
    const { status, body } = await details(manager, 'roadmap', 'RI-012');
    expect(status).toBe(404);
    expect(body).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await details(manager, 'roadmap', 'RI-NOPE')).status).toBe(404);
  });
});

describe('diffSnapshots', () => {
  it('lists changed fields old → new, and every recorded value for the oldest version', () => {
    expect(diffSnapshots({ title: 'A', status_key: 'pending', owner: null }, { title: 'B', status_key: 'pending', owner: 'ben' })).toEqual([
      { key: 'title', field: 'title', from: 'A', to: 'B' },
      { key: 'owner', field: 'owner', from: null, to: 'ben' },
    ]);
    expect(diffSnapshots(undefined, { title: 'A', owner: null, product_id: 'motus' })).toEqual([
      { key: 'title', field: 'title', to: 'A' },
      { key: 'product_id', field: 'product', to: 'motus' },
    ]);
  });
});
