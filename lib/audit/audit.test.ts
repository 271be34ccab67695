import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GET as exportRoute } from '@/app/api/audit/export/route';
import { restoreFieldValue } from '@/app/(dashboard)/audit/actions';
import { updateRoadmapItem } from '@/app/(dashboard)/programs/actions';

import { createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import type { MemberCaller } from '../auth/identity';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { getItemHistory } from '../history/restore';
import { withRequestHeaders } from '../procedure/request';
import { auditExportStream } from './export';
import { getAuditLog } from './page';
import { readAuditPage } from './query';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

/**
 * Issue 17: the audit log's filters and keyset pages, the streamed export (bounded pages, CSV
 * escaping), an edit recorded in the log by its maker, and Restore from an item's history.
 */
let handle: DatabaseHandle;
let org: string;
let other: string;
let managerId: string;
let manager: Headers;
let viewer: Headers;
let member: MemberCaller;

const BULK = 3000;

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  other = await createOrganisation(handle.db, 'elsewhere');
  managerId = await createMember(handle.db, 'mia@example.com', [[org, 'manager']]);
  await query(handle.db, `UPDATE "user" SET name = 'Mia Manager' WHERE id = '${managerId}'`);
  await createMember(handle.db, 'vic@example.com', [[org, 'viewer']]);
  manager = await signIn('mia@example.com');
  viewer = await signIn('vic@example.com');
  member = { kind: 'member', organisationId: org, userId: managerId, role: 'manager' } as unknown as MemberCaller;
  // Many rows at the same instant (ties broken by id), some with cells a spreadsheet would run.
  await query(
    handle.db,
    `INSERT INTO audit_log (organisation_id, timestamp, event_type, actor, resource_type, resource_id, action, old_value, new_value, instance_id)
     SELECT '${org}', timestamp '2020-01-01 00:00:00+00' + (g / 7) * interval '1 second', 'bulk', 'agent:bulk-builder', 'task', 'T-' || g, 'tick',
            NULL, jsonb_build_object('note', CASE WHEN g % 500 = 0 THEN '=HYPERLINK("x"), then "quotes"' || chr(10) || 'and a line' ELSE 'n' || g END),
            current_instance_id()
     FROM generate_series(1, ${BULK}) g`,
  );
  await query(
    handle.db,
    `INSERT INTO audit_log (organisation_id, event_type, actor, resource_type, resource_id, action, instance_id)
     VALUES ('${other}', 'bulk', 'agent:bulk-builder', 'task', 'T-OTHER', 'tick', current_instance_id())`,
  );
});
afterAll(() => closeAttachedDatabase(handle));

describe('the audit log', () => {
  it('pages on (timestamp, id) without a gap or a repeat, ties included, and only this organisation', async () => {
    const seen: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await withOrganisation(org, (tx) => readAuditPage(tx, org, { action: 'tick' }, cursor, 400));
      seen.push(...page.map((r) => r.id));
      if (page.length < 400) break;
      cursor = `${page.at(-1)!.timestamp}|${page.at(-1)!.id}`;
    }
    expect(seen).toHaveLength(BULK);
    expect(new Set(seen).size).toBe(BULK);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('filters by who, what, kind, item and time, and the page names who', async () => {
    const log = await getAuditLog(member, { actor: 'agent:bulk-builder', type: 'task', entity: 'T-7', from: '2020-01-01', to: '2020-01-01' });
    expect(log.entries.map((e) => [e.resourceId, e.actorName])).toEqual([['T-7', 'bulk-builder']]);
    expect((await getAuditLog(member, { entity: 'T-7', from: '2020-01-02' })).entries).toEqual([]);
    expect((await getAuditLog(member, { entity: 'T-OTHER' })).entries).toEqual([]);
    const first = await getAuditLog(member, { action: 'tick' });
    expect(first.entries).toHaveLength(50);
    const second = await getAuditLog(member, { action: 'tick', before: first.next! });
    expect(second.entries[0]!.id).toBeLessThan(first.entries.at(-1)!.id);
    expect(first.actors.some((a) => a.value === `user:${managerId}` && a.label === 'Mia Manager')).toBe(true);
  });

  it("records a manager's edit of an item, old → new, under the manager's name", async () => {
    const edited = await withRequestHeaders(manager, () => updateRoadmapItem({ id: 'RI-004', title: 'Audited title', phaseKey: 'phase_a', itemType: 'work' }));
    expect(edited.ok, JSON.stringify(edited)).toBe(true);
    const log = await getAuditLog(member, { actor: `user:${managerId}`, entity: 'RI-004' });
    expect(log.entries[0]).toMatchObject({ actorName: 'Mia Manager', action: 'update', resourceType: 'roadmap_item', kind: 'roadmap' });
    expect(log.entries[0]!.changes).toContainEqual({ field: 'title', from: 'Exclusive leases', to: 'Audited title' });
  });
});

describe('the export', () => {
  const readAll = async (stream: ReadableStream<Uint8Array>, onChunk?: (text: string) => void) => {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      const chunk = decoder.decode(value);
      onChunk?.(chunk);
      text += chunk;
    }
  };

  it('streams page by page: one page read per chunk asked for, never the whole log at once', async () => {
    const pages: number[] = [];
    const stream = auditExportStream(org, { action: 'tick' }, 'csv', { pageSize: 250, onPage: (n) => pages.push(n) });
    const reader = stream.getReader();
    const firstChunk = await reader.read();
    expect(pages).toEqual([250]);
    expect(new TextDecoder().decode(firstChunk.value).split('\r\n').length).toBeLessThanOrEqual(252);
    await reader.read();
    expect(pages).toEqual([250, 250]);
    await reader.cancel();
    const sizes: number[] = [];
    const text = await readAll(auditExportStream(org, { action: 'tick' }, 'csv', { pageSize: 250, onPage: (n) => sizes.push(n) }));
    expect(sizes.every((n) => n <= 250)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(BULK);
    // Header + one record per row; quoted line breaks do not start records.
    expect(text.split(/\r\n(?=\d+,)/)).toHaveLength(BULK + 1);
  });

  it('writes its cells through the one CSV writer: quotes, commas and line breaks escaped, formulas defused', async () => {
    const text = await readAll(auditExportStream(org, { entity: 'T-500' }, 'csv'));
    expect(text.split('\r\n')[0]).toBe('id,timestamp,actor,actor_name,event_type,action,resource_type,resource_id,old_value,new_value');
    expect(text).toContain(`,"{""note"":""=HYPERLINK(\\""x\\""), then \\""quotes\\""\\nand a line""}"\r\n`);
  });

  it('answers JSON as one array, and the route streams a file for a reviewer but refuses a viewer', async () => {
    const json = JSON.parse(await readAll(auditExportStream(org, { entity: 'T-9' }, 'json'))) as { resourceId: string }[];
    expect(json.map((r) => r.resourceId)).toEqual(['T-9']);
    expect(JSON.parse(await readAll(auditExportStream(org, { entity: 'nothing' }, 'json')))).toEqual([]);
    const response = await exportRoute(new Request('http://localhost/api/audit/export?format=csv&entity=T-9', { headers: manager }), {
      params: Promise.resolve({}),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="audit-log-.*\.csv"/);
    expect((await response.text()).split('\r\n')[1]).toMatch(/^\d+,2020-01-01T00:00:01\.000Z,agent:bulk-builder,bulk-builder,bulk,tick,task,T-9,,/);
    const refused = await exportRoute(new Request('http://localhost/api/audit/export', { headers: viewer }), { params: Promise.resolve({}) });
    expect(refused.status).toBe(403);
    const bad = await exportRoute(new Request('http://localhost/api/audit/export?format=xml&from=yesterday', { headers: manager }), {
      params: Promise.resolve({}),
    });
    expect(bad.status).toBe(400);
  });
});

describe('Restore from history', () => {
  it('writes the old value back as a new version by the manager, and refuses a stale restore in words', async () => {
    const edited = await withRequestHeaders(manager, () => updateRoadmapItem({ id: 'RI-006', title: 'A new title', phaseKey: 'phase_a', itemType: 'work' }));
    expect(edited.ok, JSON.stringify(edited)).toBe(true);
    const [old] = await query<{ title: string }>(handle.db, `SELECT data ->> 'title' AS title FROM entity_versions WHERE entity_id = 'RI-006' AND version = 1`);
    const history = (await getItemHistory(member, 'roadmap_item', 'RI-006'))!;
    const change = history.entries[0]!;
    expect(change.changes).toContainEqual(expect.objectContaining({ key: 'title', to: 'A new title' }));
    const input = { kind: 'roadmap_item' as const, id: 'RI-006', version: change.version, field: 'title', openedAt: history.openedAt };

    const refused = await withRequestHeaders(viewer, () => restoreFieldValue(input));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const restored = await withRequestHeaders(manager, () => restoreFieldValue(input));
    expect(restored.ok, JSON.stringify(restored)).toBe(true);
    const [row] = await query<{ title: string }>(handle.db, `SELECT title FROM roadmap_items WHERE id = 'RI-006'`);
    expect(row!.title).toBe(old!.title);
    const after = (await getItemHistory(member, 'roadmap_item', 'RI-006'))!;
    expect(after.entries[0]).toMatchObject({ version: change.version + 1, changedBy: 'Mia Manager' });
    expect(after.entries[0]!.changes).toContainEqual(expect.objectContaining({ key: 'title', from: 'A new title', to: old!.title }));

    // The same Restore again was read before the change just made: refused, nothing written.
    const stale = await withRequestHeaders(manager, () => restoreFieldValue(input));
    expect(stale).toMatchObject({ ok: false, error: { code: 'stale', message: expect.stringContaining('changed since you opened it') } });
    expect((await getItemHistory(member, 'roadmap_item', 'RI-006'))!.entries).toHaveLength(after.entries.length);
  });

  it('refuses a field its edit form does not edit, and a version that does not exist', async () => {
    const history = (await getItemHistory(member, 'roadmap_item', 'RI-006'))!;
    const status = await withRequestHeaders(manager, () =>
      restoreFieldValue({ kind: 'roadmap_item', id: 'RI-006', version: 2, field: 'status_key', openedAt: history.openedAt }),
    );
    expect(status).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not restored from its history') } });
    const missing = await withRequestHeaders(manager, () =>
      restoreFieldValue({ kind: 'roadmap_item', id: 'RI-006', version: 999, field: 'title', openedAt: history.openedAt }),
    );
    expect(missing).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
