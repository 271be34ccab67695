import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MemberCaller, OrganisationCaller, TokenCaller } from '../auth/identity';
import type { Role } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import { createMember, createOrganisation } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';
import { runAsOrganisation } from '../db/tenant';
import { query } from '../db/testing/sql';
import { openDemoDatabase } from '../db/testing/test-database';
import { getWorkItemDetails, updateWorkItem } from './details';
import type { BoardKind } from './kinds';
import { moveWorkItem, type MoveWorkItemInput } from './move';
import { getBoard, getBoardChanges, getColumnPage } from './queries';
import { assertScopeExists } from './scopes';

let handle: DatabaseHandle;
let org: string;
let otherOrg: string;

const caller = (role: Role, overrides: Partial<MemberCaller> = {}): MemberCaller => ({
  kind: 'member',
  userId: 'u1',
  name: 'Ben',
  email: 'ben@example.com',
  sessionId: 's1',
  organisationId: org,
  role,
  organisations: [],
  ...overrides,
});
const inOrg = <T>(organisationId: string, work: Parameters<typeof runAsOrganisation<T>>[2]) => runAsOrganisation(handle.db, { organisationId }, work);
const board = (kind: BoardKind, scope: string, filters = {}, organisationId = org) =>
  inOrg(organisationId, (tx) => {
    const [type, id] = scope.split(':') as ['product', string];
    return getBoard(tx, { organisationId, kind, scope: { type, id }, filters });
  });
const move = async (input: Omit<MoveWorkItemInput, 'version'> & { version?: number }, who: OrganisationCaller = caller('manager')) => {
  // Read outside the move's transaction: PGlite has one connection.
  const version = input.version ?? (await currentVersion(input.kind, input.id));
  return inOrg(org, (tx) => moveWorkItem(tx, who, { ...input, version }));
};
async function currentVersionIn(tx: Parameters<typeof query>[0], id: string): Promise<number> {
  const [row] = await query<{ row_version: number }>(tx, `SELECT row_version FROM change_requests WHERE organisation_id = '${org}' AND id = '${id}'`);
  return Number(row!.row_version);
}
async function currentVersion(kind: BoardKind, id: string): Promise<number> {
  const table = { cr: 'change_requests', roadmap: 'roadmap_items', bug: 'bugs' }[kind as 'cr'];
  const [row] = await query<{ row_version: number }>(handle.db, `SELECT row_version FROM ${table} WHERE organisation_id = '${org}' AND id = '${id}'`);
  return Number(row!.row_version);
}
const columnIds = async (kind: BoardKind, scope: string, status: string) =>
  (await board(kind, scope)).columns.find((c) => c.key === status)!.cards.map((c) => c.id);
const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  ({ handle, organisationId: org } = await openDemoDatabase());
  otherOrg = await createOrganisation(handle.db, 'other');
});
afterAll(async () => {
  await handle?.close();
});

describe('getBoard', () => {
  it('shows the columns of the terminology domain in order, with counts and cards', async () => {
    const data = await board('cr', 'product:motus');
    expect(data.columns.map((c) => c.label)).toEqual(['Queue', 'In progress', 'Review', 'Done']);
    const queue = data.columns[0]!;
    expect(queue.count).toBe(queue.cards.length);
    expect(queue.cards.map((c) => c.id)).toContain('CR-2025-11-12-002');
    expect(queue.cards.every((c) => c.status === 'queue')).toBe(true);
    const cr = queue.cards.find((c) => c.id === 'CR-2025-11-12-002')!;
    expect(cr.labels).toEqual(expect.arrayContaining(['Enhancement', 'Size M']));
  });

  it('filters by owner, type, size and text, and by program scope', async () => {
    const ben = await board('cr', 'program:motus-cli', { owner: 'ben' });
    const all = ben.columns.flatMap((c) => c.cards);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((c) => c.owner === 'ben')).toBe(true);
    const text = (await board('cr', 'product:motus', { q: 'sqlite' })).columns.flatMap((c) => c.cards);
    expect(text.map((c) => c.title)).toEqual(['Upgrade the SQLite driver']);
    const none = (await board('cr', 'product:motus', { q: '100%_' })).columns.flatMap((c) => c.cards);
    expect(none).toEqual([]);
  });

  it('shows roadmap items with their blockers, dependencies and evidence', async () => {
    const data = await board('roadmap', 'program:motus-cli');
    expect(data.columns.map((c) => c.key)).toEqual(['pending', 'in_progress', 'blocked', 'completed', 'deferred']);
    const blocked = data.columns.find((c) => c.key === 'blocked')!.cards.find((c) => c.id === 'RI-007');
    expect(blocked?.dependencies).toBeGreaterThan(0);
  });

  it("shows another organisation's scope as empty, and assertScopeExists refuses it", async () => {
    const data = await board('cr', 'product:motus', {}, otherOrg);
    expect(data.columns.every((c) => c.count === 0 && c.cards.length === 0)).toBe(true);
    const error = await refusal(inOrg(otherOrg, (tx) => assertScopeExists(tx, { organisationId: otherOrg, scope: { type: 'product', id: 'motus' } })));
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).code).toBe('not_found');
  });
});

describe('moveWorkItem', () => {
  it('moves a change request to another column and places it where it was dropped', async () => {
    const inProgress = await columnIds('cr', 'product:motus', 'in_progress');
    const { card } = await move({ kind: 'cr', id: 'CR-2025-11-12-002', toStatus: 'in_progress', beforeId: null, afterId: inProgress[0] ?? null });
    expect(card.status).toBe('in_progress');
    expect((await columnIds('cr', 'product:motus', 'in_progress'))[0]).toBe('CR-2025-11-12-002');
    expect(await columnIds('cr', 'product:motus', 'queue')).not.toContain('CR-2025-11-12-002');
  });

  it('reorders within a column, writing only the moved card', async () => {
    const before = await columnIds('cr', 'program:motus-cli', 'queue');
    expect(before.length).toBeGreaterThanOrEqual(2);
    const [first, second] = before as [string, string];
    const versions = await query<{ id: string; row_version: number }>(
      handle.db,
      `SELECT id, row_version FROM change_requests WHERE organisation_id = '${org}' ORDER BY id`,
    );
    await move({ kind: 'cr', id: first, toStatus: 'queue', beforeId: second, afterId: before[2] ?? null });
    const after = await columnIds('cr', 'program:motus-cli', 'queue');
    expect(after.slice(0, 2)).toEqual([second, first]);
    // A reorder is not a change of the item: no version, no history.
    expect(await query(handle.db, `SELECT id, row_version FROM change_requests WHERE organisation_id = '${org}' ORDER BY id`)).toEqual(versions);
  });

  it('keeps the order across many moves into one gap, spreading a few cards when the gap runs out', async () => {
    const ids = await columnIds('roadmap', 'program:motus-cli', 'pending');
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = ids as [string, string, string];
    // Move c and b alternately between a and the next card, 60 times: ranks run out of room.
    let lower = a;
    for (let n = 0; n < 60; n++) {
      const mover = n % 2 === 0 ? c : b;
      const column = await columnIds('roadmap', 'program:motus-cli', 'pending');
      const next = column[column.indexOf(lower) + 1] === mover ? column[column.indexOf(lower) + 2] : column[column.indexOf(lower) + 1];
      await move({ kind: 'roadmap', id: mover, toStatus: 'pending', beforeId: lower, afterId: next ?? null });
      lower = mover;
    }
    const column = await columnIds('roadmap', 'program:motus-cli', 'pending');
    expect(column.slice(0, 3)).toEqual([a, c, b]);
    expect(new Set(column).size).toBe(column.length);
  });

  it('refuses a move made against a stale version, and changes nothing', async () => {
    const version = await currentVersion('cr', 'CR-2025-11-25-006');
    await inOrg(org, (tx) => updateWorkItem(tx, caller('manager'), { kind: 'cr', id: 'CR-2025-11-25-006', version, title: 'Docs search: the specification' }));
    const error = await refusal(move({ kind: 'cr', id: 'CR-2025-11-25-006', toStatus: 'review', version }));
    expect((error as ActionError).code).toBe('stale');
    expect((error as ActionError).message).toMatch(/changed by someone else/);
    expect(await columnIds('cr', 'product:motus-web', 'queue')).toContain('CR-2025-11-25-006');
  });

  it('lets the database refuse a completion without evidence, and a start with blocking dependencies', async () => {
    const pending = await columnIds('roadmap', 'program:motus-cli', 'pending');
    const completion = await refusal(move({ kind: 'roadmap', id: pending[0]!, toStatus: 'completed' }));
    expect(String((completion as Error).cause ?? completion)).toMatch(/without evidence/);
    const start = await refusal(move({ kind: 'roadmap', id: 'RI-007', toStatus: 'in_progress' }));
    expect(String((start as Error).cause ?? start)).toMatch(/blocking dependencies not complete/);
    expect(await columnIds('roadmap', 'program:motus-cli', 'blocked')).toContain('RI-007');
  });

  it('lets a builder move only the work assigned to them, and refuses an unknown column', async () => {
    // An agent's token names it by its builder id: owner agent:builder-2.
    const builder: TokenCaller = { kind: 'token', tokenId: 't2', builderId: 'builder-2', userId: null, organisationId: org, role: 'builder' };
    const mine = await move({ kind: 'cr', id: 'CR-2025-11-04-001', toStatus: 'review' }, builder);
    expect(mine.card.status).toBe('review');
    const notMine = await refusal(move({ kind: 'cr', id: 'CR-2025-11-28-008', toStatus: 'in_progress' }, builder));
    expect((notMine as ActionError).code).toBe('forbidden');
    expect((notMine as ActionError).message).toMatch(/assigned to johan/);
    const unknown = await refusal(move({ kind: 'cr', id: 'CR-2025-11-28-008', toStatus: 'shipped' }));
    expect((unknown as ActionError).code).toBe('invalid_input');
  });

  it('cannot reach an item of another organisation', async () => {
    const error = await refusal(
      inOrg(otherOrg, (tx) =>
        moveWorkItem(tx, caller('owner', { organisationId: otherOrg }), { kind: 'cr', id: 'CR-2025-11-28-008', toStatus: 'done', version: 1 }),
      ),
    );
    expect((error as ActionError).code).toBe('not_found');
  });
});

describe('identity by stable id', () => {
  const setOwner = (id: string, owner: string) =>
    query(handle.db, `UPDATE change_requests SET owner = '${owner}' WHERE organisation_id = '${org}' AND id = '${id}'`);

  it('never takes a display name or an email for the owner', async () => {
    // CR-2025-11-28-008 belongs to 'johan' (free text); CR-2025-11-18-003 to agent:builder-1.
    const named = caller('builder', { userId: 'u-johan', name: 'johan', email: 'johan@example.com' });
    const byName = await refusal(move({ kind: 'cr', id: 'CR-2025-11-28-008', toStatus: 'in_progress' }, named));
    expect((byName as ActionError).code).toBe('forbidden');
    const byEmail = caller('builder', { userId: 'u-mallory', name: 'Mallory', email: 'agent:builder-1' });
    const refused = await refusal(move({ kind: 'cr', id: 'CR-2025-11-18-003', toStatus: 'in_progress' }, byEmail));
    expect((refused as ActionError).code).toBe('forbidden');
    const edit = await refusal(
      inOrg(org, async (tx) =>
        updateWorkItem(tx, byEmail, { kind: 'cr', id: 'CR-2025-11-18-003', version: await currentVersionIn(tx, 'CR-2025-11-18-003'), title: 'Mine now' }),
      ),
    );
    expect((edit as ActionError).code).toBe('forbidden');
  });

  it('lets a member move work owned as user:<their id>, and shows their name on the card', async () => {
    const vera = await createMember(handle.db, 'vera@example.com', [[org, 'builder']]);
    await setOwner('CR-2025-11-20-005', `user:${vera}`);
    const { card } = await move(
      { kind: 'cr', id: 'CR-2025-11-20-005', toStatus: 'review' },
      caller('builder', { userId: vera, name: 'vera', email: 'vera@example.com' }),
    );
    expect(card).toMatchObject({ status: 'review', owner: `user:${vera}`, ownerName: 'vera' });
    // Another member, even one called vera, is someone else.
    const other = await refusal(move({ kind: 'cr', id: 'CR-2025-11-20-005', toStatus: 'queue' }, caller('builder', { userId: 'u-other', name: 'vera' })));
    expect((other as ActionError).code).toBe('forbidden');
    expect((other as ActionError).message).toMatch(/assigned to vera\./);
  });

  it('shows owners by name: members, builders, former members and free text', async () => {
    await setOwner('CR-2025-12-01-011', 'user:not-a-member');
    const cards = (await board('cr', 'program:motus-cli')).columns.flatMap((c) => c.cards);
    const byId = new Map(cards.map((c) => [c.id, c]));
    expect(byId.get('CR-2025-11-18-003')).toMatchObject({ owner: 'agent:builder-1', ownerName: 'builder-1' });
    expect(byId.get('CR-2025-12-01-011')).toMatchObject({ owner: 'user:not-a-member', ownerName: 'Former member' });
    expect(byId.get('CR-2025-11-28-008') ?? byId.get('CR-2025-11-25-006')).toBeDefined();
    const freeText = cards.find((c) => c.owner === 'ben');
    expect(freeText?.ownerName).toBe('ben');
    // The owner filter takes the name the card shows.
    const vera = (await board('cr', 'program:motus-cli', { owner: 'vera' })).columns.flatMap((c) => c.cards);
    expect(vera.map((c) => c.id)).toEqual(['CR-2025-11-20-005']);
  });

  it('offers members and builders as owners, and refuses an owner that names nobody', async () => {
    const details = await inOrg(org, (tx) => getWorkItemDetails(tx, { organisationId: org, kind: 'cr', id: 'CR-2025-11-28-008' }));
    expect(details.ownerOptions).toEqual(expect.arrayContaining([{ value: expect.stringMatching(/^user:/), label: 'vera' }]));
    const edit = (owner: string | null) =>
      inOrg(org, async (tx) =>
        updateWorkItem(tx, caller('manager'), {
          kind: 'cr',
          id: 'CR-2025-11-28-008',
          version: await currentVersionIn(tx, 'CR-2025-11-28-008'),
          title: 'QA gates: a PARTIAL result',
          owner,
        }),
      );
    const refused = await refusal(edit('vera'));
    expect((refused as ActionError).code).toBe('invalid_input');
    expect((refused as ActionError).message).toMatch(/member or a builder/);
    // The free text it already has stays (an edit of the title alone), and a member can be chosen.
    expect((await edit('johan')).card.owner).toBe('johan');
    const member = details.ownerOptions.find((o) => o.label === 'vera')!.value;
    expect((await edit(member)).card).toMatchObject({ owner: member, ownerName: 'vera' });
    expect((await edit(null)).card.owner).toBeNull();
  });
});

describe('concurrent moves into one place', () => {
  const RACERS = 50;
  const racer = (n: number) => `CR-RACE-${String(n).padStart(2, '0')}`;

  it(`keep a strict order: ${RACERS} cards dropped between the same two neighbours get distinct ranks between them`, async () => {
    // Two neighbours at the top of review, and the cards to drop between them waiting in the queue.
    await query(
      handle.db,
      `INSERT INTO change_requests (organisation_id, id, title, product_id, status_key, board_rank) VALUES
         ('${org}', 'CR-RACE-A', 'Above', 'motus', 'review', -1000000), ('${org}', 'CR-RACE-B', 'Below', 'motus', 'review', -1000000 + 1024),
         ${Array.from({ length: RACERS }, (_, n) => `('${org}', '${racer(n)}', 'Racer ${n}', 'motus', 'queue', -1000000 + ${n})`).join(', ')}`,
    );
    const drop = (n: number) =>
      inOrg(org, (tx) =>
        moveWorkItem(tx, caller('manager'), { kind: 'cr', id: racer(n), toStatus: 'review', beforeId: 'CR-RACE-A', afterId: 'CR-RACE-B', version: 1 }),
      );
    if (process.env.TEST_DATABASE_URL) {
      // At once, on several connections.
      const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, n) => drop(n)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    } else {
      // PGlite has one connection: one after another.
      for (let n = 0; n < RACERS; n++) await drop(n);
    }
    const rows = await query<{ id: string; rank: number }>(
      handle.db,
      `SELECT id, board_rank::float8 AS rank FROM change_requests WHERE organisation_id = '${org}' AND status_key = 'review' AND deleted_at IS NULL ORDER BY board_rank, id`,
    );
    const ranks = rows.map((r) => Number(r.rank));
    expect(new Set(ranks).size).toBe(ranks.length);
    const order = rows.map((r) => r.id).filter((id) => id.startsWith('CR-RACE'));
    expect(order[0]).toBe('CR-RACE-A');
    expect(order.at(-1)).toBe('CR-RACE-B');
    expect(new Set(order.slice(1, -1))).toEqual(new Set(Array.from({ length: RACERS }, (_, n) => racer(n))));
    // The board shows the same order as the ranks (no tie for the id to break).
    const shown = (
      await inOrg(org, (tx) =>
        getColumnPage(tx, { organisationId: org, kind: 'cr', scope: { type: 'product', id: 'motus' }, filters: {}, status: 'review', after: null, limit: 500 }),
      )
    ).cards
      .map((c) => c.id)
      .filter((id) => id.startsWith('CR-RACE'));
    expect(shown).toEqual(order);
  }, 120_000);
});

describe('column pages, changes and details', () => {
  it('pages through a column after the last loaded card', async () => {
    const first = await inOrg(org, (tx) =>
      getColumnPage(tx, { organisationId: org, kind: 'cr', scope: { type: 'program', id: 'motus-cli' }, filters: {}, status: 'done', after: null, limit: 1 }),
    );
    expect(first.cards).toHaveLength(1);
    const rest = await inOrg(org, (tx) =>
      getColumnPage(tx, {
        organisationId: org,
        kind: 'cr',
        scope: { type: 'program', id: 'motus-cli' },
        filters: {},
        status: 'done',
        after: first.cards[0]!,
        limit: 100,
      }),
    );
    expect(rest.cards.map((c) => c.id)).not.toContain(first.cards[0]!.id);
  });

  it('reports the cards changed since a read, with fresh counts', async () => {
    const read = await board('cr', 'product:motus');
    await move({ kind: 'cr', id: 'CR-2025-12-01-011', toStatus: 'in_progress' });
    const changes = await inOrg(org, (tx) =>
      getBoardChanges(tx, { organisationId: org, kind: 'cr', scope: { type: 'product', id: 'motus' }, filters: {}, since: read.readAt }),
    );
    const change = changes.changes.find((c) => c.card.id === 'CR-2025-12-01-011');
    expect(change).toMatchObject({ visible: true, card: { status: 'in_progress' } });
    expect(changes.counts.in_progress).toBeGreaterThan(0);
  });

  it("shows an item's history, dependencies and fields", async () => {
    const details = await inOrg(org, (tx) => getWorkItemDetails(tx, { organisationId: org, kind: 'cr', id: 'CR-2025-11-25-006' }));
    expect(details.card.title).toBe('Docs search: the specification');
    expect(details.history?.[0]?.changes).toContainEqual(expect.objectContaining({ field: 'title', to: 'Docs search: the specification' }));
    expect(details.fields.size).toBe('S');
  });
});
