import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { OrganisationCaller } from '../auth/identity';
import type { Role } from '../organisations/permissions';
import { createMember, createOrganisation } from '../auth/test-fixtures';
import { generateApiToken } from '../organisations/token-format';
import { attachDatabase } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { openTestDatabase } from '../db/testing/test-database';
import type { ChangeEvent } from './events';
import { ChangeHub, pruneChangeLog } from './hub';
import { openChangeStream } from './stream';
import { closeAttachedDatabase } from '../db/testing/attached';

/**
 * The change feed end to end on one database: triggers write the change log and NOTIFY, the hub
 * LISTENs once and fans out, and each stream carries only its organisation's changes that its
 * role may read, resumes without a gap, and is bounded.
 */
let handle: DatabaseHandle;
let hub: ChangeHub;
let orgA: string;
let orgB: string;

function caller(organisationId: string, role: Role, userId: string): OrganisationCaller {
  return { kind: 'member', userId, name: userId, email: `${userId}@example.com`, sessionId: 's', organisationId, role, organisations: [] };
}

interface Frame {
  event: string;
  id?: string;
  data: string;
}

/** Reads a server-sent event stream frame by frame. */
class Reader {
  private buffer = '';
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly frames: Frame[] = [];
  ended = false;
  constructor(
    response: Response,
    readonly abort: AbortController,
  ) {
    this.reader = response.body!.getReader();
    void this.pump();
  }
  private async pump() {
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await this.reader.read().catch(() => ({ done: true, value: undefined }));
      if (done) {
        this.ended = true;
        return;
      }
      this.buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = this.buffer.indexOf('\n\n')) >= 0) {
        const block = this.buffer.slice(0, cut);
        this.buffer = this.buffer.slice(cut + 2);
        const frame: Frame = { event: 'message', data: '' };
        let meaningful = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(': ');
          const value = rest.join(': ');
          if (field === 'event') frame.event = value;
          if (field === 'id') frame.id = value;
          if (field === 'data') frame.data = value;
          if (field === 'event' || field === 'data') meaningful = true;
        }
        if (meaningful) this.frames.push(frame);
      }
    }
  }
  get changes(): ChangeEvent[] {
    return this.frames.filter((f) => f.event === 'change').map((f) => JSON.parse(f.data) as ChangeEvent);
  }
  get lastId(): number {
    return Math.max(0, ...this.frames.filter((f) => f.id).map((f) => Number(f.id)));
  }
  async until(check: (reader: Reader) => boolean, timeoutMs = 5_000) {
    const start = Date.now();
    while (!check(this)) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out; frames: ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  close() {
    this.abort.abort();
  }
}

async function open(who: OrganisationCaller, resumeFrom: number | null = null, follow = true): Promise<Reader> {
  const abort = new AbortController();
  const response = await openChangeStream(who, resumeFrom, abort.signal, { hub, follow });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = new Reader(response, abort);
  await reader.until((r) => r.frames.some((f) => f.event === 'ready'));
  return reader;
}

const insertProgram = (organisationId: string, id: string) =>
  query(handle.db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${organisationId}', '${id}', '${id}')`);

beforeAll(async () => {
  handle = await openTestDatabase();
  attachDatabase(handle);
  hub = new ChangeHub({ perCaller: 3, perInstance: 20 }, 1);
  orgA = await createOrganisation(handle.db, 'live-a');
  orgB = await createOrganisation(handle.db, 'live-b');
});

afterAll(() => closeAttachedDatabase(handle));

describe('the change log', () => {
  it('records every committed change with a number, and nothing of a rolled-back one', async () => {
    await insertProgram(orgA, 'log-1');
    await query(handle.db, `UPDATE programs SET name = 'renamed' WHERE organisation_id = '${orgA}' AND id = 'log-1'`);
    await handle.db
      .transaction(async (tx) => {
        await query(tx, `INSERT INTO programs (organisation_id, id, name) VALUES ('${orgA}', 'log-rolled-back', 'x')`);
        throw new Error('roll back');
      })
      .catch(() => {});
    const rows = await query<{ entity_id: string; op: string }>(
      handle.db,
      `SELECT entity_id, op FROM change_log WHERE organisation_id = '${orgA}' AND entity_type = 'programs' ORDER BY seq`,
    );
    expect(rows).toEqual([
      { entity_id: 'log-1', op: 'insert' },
      { entity_id: 'log-1', op: 'update' },
    ]);
  });

  it('is append-only: no edit, and no removal of a change younger than an hour', async () => {
    await expectRefused(query(handle.db, `UPDATE change_log SET entity_id = 'x'`), { message: /append-only/ });
    await expectRefused(query(handle.db, `DELETE FROM change_log`), { message: /at least an hour/ });
    await expectRefused(query(handle.db, `SELECT prune_change_log('5 minutes')`), { message: /at least an hour/ });
    expect(await pruneChangeLog(handle.db)).toBe(0);
  });
});

describe('the event stream', () => {
  it("carries its organisation's changes only, and never trusts a notification's payload", async () => {
    const streamA = await open(caller(orgA, 'manager', 'ann'));
    const streamB = await open(caller(orgB, 'manager', 'bob'));
    await insertProgram(orgB, 'only-b');
    await insertProgram(orgA, 'only-a');
    await streamA.until((r) => r.changes.some((c) => c.id === 'only-a'));
    await streamB.until((r) => r.changes.some((c) => c.id === 'only-b'));

    // A forged notification naming organisation A with B's change number: re-read under A's
    // row-level security, it finds nothing, so nothing is sent.
    const [bRow] = await query<{ seq: string }>(handle.db, `SELECT seq FROM change_log WHERE organisation_id = '${orgB}' ORDER BY seq DESC LIMIT 1`);
    await query(
      handle.db,
      `SELECT pg_notify('gantry_changes', json_build_object('o', '${orgA}', 's', ${bRow!.seq}, 't', 'programs', 'i', 'forged', 'op', 'insert')::text)`,
    );
    await insertProgram(orgA, 'after-forgery');
    await streamA.until((r) => r.changes.some((c) => c.id === 'after-forgery'));

    expect(streamA.changes.map((c) => c.id)).not.toContain('only-b');
    expect(streamA.changes.map((c) => c.id)).not.toContain('forged');
    expect(streamA.changes.map((c) => c.seq)).not.toContain(Number(bRow!.seq));
    expect(streamB.changes.map((c) => c.id)).not.toContain('only-a');
    expect(JSON.stringify(streamB.frames)).not.toContain(orgA);
    streamA.close();
    streamB.close();
  });

  it("carries only what the caller's role may read: a viewer does not see API tokens change", async () => {
    const viewer = await open(caller(orgA, 'viewer', 'vic'));
    const owner = await open(caller(orgA, 'owner', 'olga'));
    await query(
      handle.db,
      `INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state) VALUES ('${orgA}', 'bee', 'api', 'hosted', 'idle')`,
    );
    const { hash, prefix } = generateApiToken();
    const olga = await createMember(handle.db, 'olga@example.com', [[orgA, 'owner']]);
    await query(
      handle.db,
      `INSERT INTO api_tokens (organisation_id, builder_id, name, token_hash, token_prefix, created_by) VALUES ('${orgA}', 'bee', 't', '${hash}', '${prefix}', '${olga}')`,
    );
    await insertProgram(orgA, 'after-token');
    await owner.until((r) => r.changes.some((c) => c.id === 'after-token'));
    await viewer.until((r) => r.changes.some((c) => c.id === 'after-token'));
    expect(owner.changes.map((c) => c.type)).toContain('api_tokens');
    expect(viewer.changes.map((c) => c.type)).not.toContain('api_tokens');
    expect(viewer.changes.map((c) => c.type)).toContain('builders');
    viewer.close();
    owner.close();
  });

  it('resumes from Last-Event-ID without missing a change made while it was closed', async () => {
    const first = await open(caller(orgA, 'manager', 'rita'));
    await insertProgram(orgA, 'before-drop');
    await first.until((r) => r.changes.some((c) => c.id === 'before-drop'));
    const lastId = first.lastId;
    first.close();

    const missed = Array.from({ length: 25 }, (_, i) => `while-closed-${i}`);
    for (const id of missed) await insertProgram(orgA, id);
    await insertProgram(orgB, 'b-while-closed');

    const resumed = await open(caller(orgA, 'manager', 'rita'), lastId);
    await insertProgram(orgA, 'after-resume');
    await resumed.until((r) => r.changes.some((c) => c.id === 'after-resume'));
    const ids = resumed.changes.filter((c) => c.seq > lastId).map((c) => c.id);
    expect(ids).toEqual([...missed, 'after-resume']);
    expect(resumed.changes.map((c) => c.id)).not.toContain('b-while-closed');
    // Event ids never go back, so the browser's Last-Event-ID is always the furthest point.
    const frameIds = resumed.frames.filter((f) => f.id).map((f) => Number(f.id));
    expect(frameIds).toEqual([...frameIds].sort((a, b) => a - b));
    resumed.close();
  });

  it('with follow=false, replays the log and ends', async () => {
    const reader = await open(caller(orgA, 'manager', 'polly'), 0, false);
    await reader.until((r) => r.ended);
    expect(reader.changes.map((c) => c.id)).toContain('log-1');
  });

  it('refuses more streams than a caller may hold, and frees a place when one closes', async () => {
    const who = caller(orgA, 'manager', 'greedy');
    const held = [await open(who), await open(who), await open(who)];
    await expect(openChangeStream(who, null, new AbortController().signal, { hub })).rejects.toMatchObject({ code: 'too_many' });
    held[0]!.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const again = await open(who);
    again.close();
    for (const reader of held) reader.close();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.openStreams).toBe(0);
  });
});
