import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getAuth } from '../auth/auth';
import { verifiedSessionToken } from '../auth/session-cookie';
import { createMember, signIn } from '../auth/test-fixtures';
import { attachDatabase, withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { openAttachedDemoDatabase } from '../db/testing/attached';
import { query } from '../db/testing/sql';
import type { ActionResult } from '../procedure/result';
import { createBoardMoveFastPath, type BoardMoveFastPath } from './move-fast-path';
import { readCard, STALE_MESSAGE } from './move';
import type { MoveResult } from './types';

// Issue 19, item 3: the board's move in one round trip. board_move_by_session (migration 0047) on
// both databases; the node:http front that calls it (PostgreSQL only, as `npm start` runs it there)
// over real HTTP, beside Next's route app/api/board/move/route.ts.

const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let handle: DatabaseHandle;
let org: string;
let ownerId: string;
let builderId: string;
const cookies: Record<'owner' | 'builder' | 'viewer', string> = { owner: '', builder: '', viewer: '' };
const tokens: Record<'owner' | 'builder' | 'viewer', string> = { owner: '', builder: '', viewer: '' };

const versionOf = async (id: string) =>
  Number((await query<{ v: number }>(handle.db, `SELECT row_version AS v FROM change_requests WHERE id = '${id}'`))[0]!.v);
const statusOf = async (id: string) => (await query<{ s: string }>(handle.db, `SELECT status_key AS s FROM change_requests WHERE id = '${id}'`))[0]!.s;

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
  ownerId = await createMember(handle.db, 'olga@example.com', [[org, 'owner']]);
  builderId = await createMember(handle.db, 'bert@example.com', [[org, 'builder']]);
  await createMember(handle.db, 'vera@example.com', [[org, 'viewer']]);
  const secret = (await getAuth()).options.secret!;
  for (const [who, email] of [
    ['owner', 'olga@example.com'],
    ['builder', 'bert@example.com'],
    ['viewer', 'vera@example.com'],
  ] as const) {
    cookies[who] = (await signIn(email)).get('cookie')!;
    tokens[who] = verifiedSessionToken(cookies[who], secret)!;
  }
  await query(handle.db, `UPDATE change_requests SET owner = 'user:${builderId}' WHERE organisation_id = '${org}' AND id = 'CR-2025-11-20-005'`);
}, 240_000);

afterAll(async () => {
  attachDatabase(undefined);
  await handle?.close();
});

/** One call of board_move_by_session in a transaction, and who the transaction was afterwards. */
async function callByToken(token: string, id: string, toStatus: string, version: number, refreshWithin = 6 * 86_400) {
  try {
    return await handle.db.transaction(async (tx) => {
      const [row] = rowsOf<{ organisation_id: string; actor: string; new_version: number }>(
        await tx.execute(sql`SELECT organisation_id::text, actor, new_version FROM board_move_by_session(${token}, ${refreshWithin}::int, '{owner,manager,builder}'::text[],
                               '{owner,manager}'::text[], 'cr', ${id}, ${toStatus}, NULL, NULL, ${version}::int, 'cr_status')`),
      );
      const [who] = rowsOf<{ role: string; org: string; actor: string }>(
        await tx.execute(sql`SELECT current_user AS role, current_user_org_id()::text AS org, current_actor() AS actor`),
      );
      return { ...row!, new_version: Number(row!.new_version), who: who! };
    });
  } catch (error) {
    return { ...pgErrorOf(error), refused: true as const };
  }
}
const codeOf = (answer: Awaited<ReturnType<typeof callByToken>>) => ('refused' in answer ? answer.code : 'moved');

describe('board_move_by_session', () => {
  it('signs the person in by session token, enters their organisation as gantry_app, moves, and records who', async () => {
    const version = await versionOf('CR-2025-11-12-002');
    const moved = await callByToken(tokens.owner, 'CR-2025-11-12-002', 'in_progress', version);
    expect(moved).toMatchObject({ organisation_id: org, actor: `user:${ownerId}`, new_version: version + 1 });
    // Row-level security applies to the rest of the transaction: the application role, in the organisation.
    expect((moved as { who: unknown }).who).toEqual({ role: 'gantry_app', org, actor: `user:${ownerId}` });
    expect(await statusOf('CR-2025-11-12-002')).toBe('in_progress');
    const [row] = await query(handle.db, `SELECT changed_by FROM entity_versions WHERE entity_id = 'CR-2025-11-12-002' ORDER BY version DESC LIMIT 1`);
    expect(row).toEqual({ changed_by: `user:${ownerId}` });
  });

  it('refuses with GB401 an unknown, expired or due-for-refresh session, and a role without the permission; nothing moves', async () => {
    const version = await versionOf('CR-2025-11-18-003');
    expect(codeOf(await callByToken('no-such-token', 'CR-2025-11-18-003', 'in_progress', version))).toBe('GB401');
    expect(codeOf(await callByToken(tokens.viewer, 'CR-2025-11-18-003', 'in_progress', version))).toBe('GB401');
    // Within the refresh window (the library would refresh it and set a new cookie): left to Next.
    expect(codeOf(await callByToken(tokens.owner, 'CR-2025-11-18-003', 'in_progress', version, 8 * 86_400))).toBe('GB401');
    await query(handle.db, `UPDATE session SET expires_at = now() - interval '1 second' WHERE token = '${tokens.viewer}'`);
    expect(codeOf(await callByToken(tokens.viewer, 'CR-2025-11-18-003', 'in_progress', version))).toBe('GB401');
    expect(await versionOf('CR-2025-11-18-003')).toBe(version);
  });

  it('keeps the move’s own refusals: another owner’s card (GB403, naming the owner), a stale version (GB409)', async () => {
    const version = await versionOf('CR-2025-11-21-007');
    const theirs = await callByToken(tokens.builder, 'CR-2025-11-21-007', 'in_progress', version);
    expect(codeOf(theirs)).toBe('GB403');
    expect((theirs as { message: string }).message).toMatch(/^Builders move only the work assigned to them; CR-2025-11-21-007 is assigned to /);
    expect(codeOf(await callByToken(tokens.owner, 'CR-2025-11-21-007', 'in_progress', version + 5))).toBe('GB409');
    // The builder's own card moves, as the builder.
    const mine = await callByToken(tokens.builder, 'CR-2025-11-20-005', 'review', await versionOf('CR-2025-11-20-005'));
    expect(mine).toMatchObject({ actor: `user:${builderId}` });
  });
});

describe.skipIf(!onPostgres)('the board move front (PostgreSQL)', () => {
  let front: BoardMoveFastPath;
  let server: http.Server;
  let base: string;
  /** The requests handed on: answered by Next's route, and counted. */
  let handedOn = 0;

  beforeAll(async () => {
    const route = (await import(path.join(process.cwd(), 'app/api/board/move/route.ts'))) as {
      POST: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
    };
    const [{ name }] = (await query<{ name: string }>(handle.db, 'SELECT current_database() AS name')) as [{ name: string }];
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${name}`;
    front = createBoardMoveFastPath({ databaseUrl: url.toString() });
    server = http.createServer((req, res) =>
      front.handle(req, res, (request) => {
        handedOn += 1;
        const chunks: Buffer[] = [];
        request.on('data', (chunk: Buffer) => chunks.push(chunk));
        request.on('end', () => {
          const headers = new Headers();
          for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(key, value);
          const body = Buffer.concat(chunks);
          void route
            .POST(new Request(`http://localhost${request.url}`, { method: request.method, headers, body: body.length ? body : undefined }), {
              params: Promise.resolve({}),
            })
            .then(async (response) => {
              res.writeHead(response.status, { 'content-type': response.headers.get('content-type') ?? '', 'x-answered-by': 'next' });
              res.end(await response.text());
            });
        });
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await front?.close();
  });

  const post = async (body: unknown, headers: Record<string, string>) => {
    const response = await fetch(`${base}/api/board/move`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, by: response.headers.get('x-answered-by') ?? 'front', body: (await response.json()) as ActionResult<MoveResult> };
  };

  it('answers a move itself, with the card as the board reads it', async () => {
    const id = 'CR-2025-11-15-013';
    const version = await versionOf(id);
    const before = handedOn;
    const answer = await post({ kind: 'cr', id, toStatus: 'review', beforeId: null, afterId: null, version }, { cookie: cookies.owner });
    expect([answer.status, answer.by, handedOn - before]).toEqual([200, 'front', 0]);
    if (!answer.body.ok) throw new Error(answer.body.error.message);
    const card = await withOrganisation(org, (tx) => readCard(tx, org, 'cr', id));
    expect(answer.body.data.card).toEqual(card);
    expect(card).toMatchObject({ status: 'review', version: version + 1 });
    expect(front.stats.answered).toBeGreaterThanOrEqual(1);
  });

  it('answers the move’s refusals in the route’s words: stale, another owner’s card', async () => {
    const id = 'CR-2025-11-25-006';
    const version = await versionOf(id);
    const stale = await post({ kind: 'cr', id, toStatus: 'review', beforeId: null, afterId: null, version: version + 3 }, { cookie: cookies.owner });
    expect([stale.status, stale.by, stale.body]).toEqual([409, 'front', { ok: false, error: { code: 'stale', message: STALE_MESSAGE } }]);
    const theirs = await post({ kind: 'cr', id, toStatus: 'review', beforeId: null, afterId: null, version }, { cookie: cookies.builder });
    expect([theirs.status, theirs.by]).toEqual([403, 'front']);
    // Next's route says the same.
    const viaNext = await post({ kind: 'cr', id, toStatus: 'review', beforeId: null, afterId: null, version }, { cookie: cookies.builder, authorization: 'x' });
    expect(viaNext.by).toBe('next');
    expect(await versionOf(id)).toBe(version);
    expect(theirs.body).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/^Builders move only the work assigned to them; CR-2025-11-25-006 is assigned to /) },
    });
  });

  it('hands on to Next’s route, which answers in words, what it does not answer itself', async () => {
    const id = 'CR-2025-11-30-012';
    const version = await versionOf(id);
    const move = { kind: 'cr', id, toStatus: 'review', beforeId: null, afterId: null, version };
    // (The viewer's first session expired above.)
    const viewer = (await signIn('vera@example.com')).get('cookie')!;
    const forged = cookies.owner.replace(/session_token=([^.;]+)/, 'session_token=forged');
    const answers = [
      await post(move, {}),
      await post(move, { cookie: forged }),
      await post(move, { cookie: viewer }),
      await post({ ...move, toStatus: '' }, { cookie: cookies.owner }),
      await post({ ...move, beforeId: id }, { cookie: cookies.owner }),
      await post('[1]', { cookie: cookies.owner }),
    ];
    expect(answers.map((a) => [a.status, a.by, a.body.ok ? 'ok' : a.body.error.code])).toEqual([
      [401, 'next', 'unauthenticated'],
      [401, 'next', 'unauthenticated'],
      [403, 'next', 'forbidden'],
      [400, 'next', 'invalid_input'],
      [400, 'next', 'invalid_input'],
      [400, 'next', 'invalid_input'],
    ]);
    expect(await versionOf(id)).toBe(version);
  });

  it('answers moves sent at once into one place itself, each in its own place (they take turns)', async () => {
    const ids = ['CR-2025-11-04-001', 'CR-2025-11-28-008', 'CR-2025-12-01-011'];
    const versions = await Promise.all(ids.map(versionOf));
    const answers = await Promise.all(
      ids.map((id, i) => post({ kind: 'cr', id, toStatus: 'review', beforeId: null, afterId: null, version: versions[i] }, { cookie: cookies.owner })),
    );
    expect(answers.map((a) => [a.status, a.by])).toEqual(ids.map(() => [200, 'front']));
    const ranks = answers.map((a) => (a.body.ok ? a.body.data.card.rank : null));
    expect(new Set(ranks).size).toBe(ids.length);
  });
});
