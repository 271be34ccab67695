import { randomUUID } from 'node:crypto';

import { beforeAll, describe, expect, it } from 'vitest';

import type { OrganisationCaller } from '../auth/identity';
import { createMember } from '../auth/test-fixtures';
import { runAsOrganisation } from '../db/tenant';
import type { Database } from '../db/connection';
import { createPortfolio, insertItems } from '../db/testing/roadmap-fixtures';
import { expectRefused, query } from '../db/testing/sql';
import { setUpTestDatabase } from '../db/testing/test-database';
import type { Role } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import { countUnread, getInbox, markAllInboxRead, markInboxRead } from './inbox';
import { setWatch } from './watches';

/**
 * The "needs you" inbox on both databases: each kind of entry reaches the person it is for and
 * nobody else, never across organisations; read marks and watches are a person's own.
 */
const database = setUpTestDatabase();
const orgA = randomUUID();
const orgB = randomUUID();
let alice: string; // owner in A: owns items
let bob: string; // reviewer in A
let carol: string; // manager in B, owns B's items

function member(organisationId: string, userId: string, role: Role): OrganisationCaller {
  return { kind: 'member', userId, name: userId, email: `${userId}@example.test`, sessionId: 's', organisationId, role, organisations: [] };
}

/** Runs as the person would: inside their organisation, as their actor, under row-level security. */
function as<T>(caller: OrganisationCaller, work: (tx: Database) => Promise<T>): Promise<T> {
  return runAsOrganisation(database.db, { organisationId: caller.organisationId, actor: `user:${caller.userId}` }, work);
}

async function inboxOf(caller: OrganisationCaller) {
  return as(caller, (tx) => getInbox(tx, { organisationId: caller.organisationId, userId: caller.userId as string }));
}

async function seedOrganisation(org: string, slug: string, owner: string) {
  await insertItems(database.db, org, [
    { id: 'RI-1', title: 'Owned and blocked' },
    { id: 'RI-2', title: 'Owned with a blocker' },
    { id: 'RI-3', title: 'Someone else’s' },
  ]);
  await query(database.db, `UPDATE roadmap_items SET owner = 'user:${owner}' WHERE organisation_id = '${org}' AND id IN ('RI-1', 'RI-2')`);
  await query(database.db, `UPDATE roadmap_items SET status_key = 'blocked' WHERE organisation_id = '${org}' AND id = 'RI-1'`);
  await query(
    database.db,
    `INSERT INTO blockers (organisation_id, id, work_id, reason_code, title, created_by)
     VALUES ('${org}', 'BLK-${slug}', 'RI-2', 'technical_failure', 'Tests cannot reach the database', 'system'),
            ('${org}', 'BLK-${slug}-other', 'RI-3', 'technical_failure', 'Not yours', 'system')`,
  );
  // A release whose one blocking standard is unchecked: Not ready.
  await query(
    database.db,
    `INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, failure_message, is_blocking)
     VALUES ('${org}', 'STD-1', 'Coverage', 'release', 'boolean', 'Coverage too low', true)`,
  );
  await query(database.db, `INSERT INTO releases (organisation_id, id, product_id, name) VALUES ('${org}', 'rel-1', 'prod', 'v1.0.0')`);
  await query(
    database.db,
    `INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id) VALUES ('${org}', 'STD-1', 'release', 'rel-1')`,
  );
}

beforeAll(async () => {
  const db = database.db;
  await createPortfolio(db, orgA, `inbox-a-${orgA.slice(0, 8)}`);
  await createPortfolio(db, orgB, `inbox-b-${orgB.slice(0, 8)}`);
  alice = await createMember(db, `alice-${orgA}@example.test`, [[orgA, 'owner']]);
  bob = await createMember(db, `bob-${orgA}@example.test`, [[orgA, 'reviewer']]);
  carol = await createMember(db, `carol-${orgB}@example.test`, [
    [orgB, 'manager'],
    [orgA, 'viewer'],
  ]);
  await seedOrganisation(orgA, 'a', alice);
  await seedOrganisation(orgB, 'b', carol);
  // A review of RI-3 assigned to bob; a blocker on RI-3 escalated to bob.
  await query(db, `INSERT INTO roadmap_assignments (organisation_id, item_id, agent_id, role) VALUES ('${orgA}', 'RI-3', 'user:${bob}', 'reviewer')`);
  await query(db, `UPDATE blockers SET escalated_to = 'user:${bob}', escalated_at = now() WHERE organisation_id = '${orgA}' AND id = 'BLK-a-other'`);
});

describe('what needs a person', () => {
  it('lists the owner’s blocked work and the open blockers on their items, and nothing of others', async () => {
    const inbox = await inboxOf(member(orgA, alice, 'owner'));
    const kinds = inbox.entries.map((e) => `${e.kind}:${e.link.id}`).sort();
    expect(kinds).toEqual(['blocked_work:RI-1', 'blocker:BLK-a']);
    expect(inbox.unread).toBe(2);
    const blocker = inbox.entries.find((e) => e.kind === 'blocker')!;
    expect(blocker.title).toBe('Tests cannot reach the database');
    expect(blocker.detail).toContain('RI-2');
    expect(blocker.link).toEqual({ kind: 'blocker', id: 'BLK-a' });
  });

  it('gives a reviewer their review, the escalation and the release that is not ready (the release verdict)', async () => {
    const inbox = await inboxOf(member(orgA, bob, 'reviewer'));
    const kinds = inbox.entries.map((e) => `${e.kind}:${e.link.id}`).sort();
    expect(kinds).toEqual(['escalation:BLK-a-other', 'release:rel-1', 'review:RI-3']);
    expect(inbox.entries.find((e) => e.kind === 'release')!.detail).toBe('Not ready');
  });

  it('follows the verdict: a release watched in B leaves the inbox once a passing result makes it ready', async () => {
    const caller = member(orgB, carol, 'manager');
    await as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'release', id: 'rel-1', watch: true } }));
    expect((await inboxOf(caller)).entries.filter((e) => e.kind === 'release').map((e) => e.detail)).toEqual(['Not ready']);
    await query(
      database.db,
      `INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, release_id, result, checked_by)
       VALUES ('${orgB}', 'STD-1', 'release', 'rel-1', 'rel-1', 'pass', 'test')`,
    );
    const [verdict] = await query<{ verdict: string }>(
      database.db,
      `SELECT verdict FROM v_release_verdict WHERE organisation_id = '${orgB}' AND release_id = 'rel-1'`,
    );
    expect(verdict!.verdict).toBe('ready');
    expect((await inboxOf(caller)).entries.some((e) => e.kind === 'release')).toBe(false);
    // A's release of the same id is untouched and still in bob's inbox.
    expect((await inboxOf(member(orgA, bob, 'reviewer'))).entries.some((e) => e.kind === 'release')).toBe(true);
    await as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'release', id: 'rel-1', watch: false } }));
  });

  it('never shows organisation B’s rows in A, even to a person who belongs to both', async () => {
    const inA = await inboxOf(member(orgA, carol, 'viewer'));
    expect(inA.entries).toEqual([]);
    const inB = await inboxOf(member(orgB, carol, 'manager'));
    expect(inB.entries.map((e) => `${e.kind}:${e.link.id}`).sort()).toEqual(['blocked_work:RI-1', 'blocker:BLK-b']);
    // Asking A's transaction for B's person finds nothing (row-level security).
    const leaked = await as(member(orgA, alice, 'owner'), (tx) => getInbox(tx, { organisationId: orgB, userId: carol }));
    expect(leaked.entries).toEqual([]);
  });
});

describe('read marks', () => {
  it('marks one entry read, then all, with the actor recorded; a made-up key is refused', async () => {
    const caller = member(orgA, alice, 'owner');
    const before = await inboxOf(caller);
    const key = before.entries.find((e) => e.kind === 'blocker')!.key;
    const marked = await as(caller, (tx) => markInboxRead(tx, { caller, input: { key } }));
    expect(marked.unread).toBe(1);
    const after = await inboxOf(caller);
    expect(after.entries.find((e) => e.key === key)!.read).toBe(true);
    // Marked again: harmless.
    expect((await as(caller, (tx) => markInboxRead(tx, { caller, input: { key } }))).unread).toBe(1);
    await expect(as(caller, (tx) => markInboxRead(tx, { caller, input: { key: 'blocker:BLK-b' } }))).rejects.toThrow(ActionError);
    const [mark] = await query<{ actor: string }>(
      database.db,
      `SELECT actor FROM inbox_reads WHERE organisation_id = '${orgA}' AND user_id = '${alice}' AND entry_key = '${key}'`,
    );
    expect(mark!.actor).toBe(`user:${alice}`);

    const all = await as(caller, (tx) => markAllInboxRead(tx, { caller }));
    expect(all).toEqual({ marked: 1, unread: 0 });
    expect(await as(caller, (tx) => countUnread(tx, { organisationId: orgA, userId: alice }))).toBe(0);
    // Bob's inbox is his own: Alice's marks change nothing there.
    expect((await inboxOf(member(orgA, bob, 'reviewer'))).unread).toBe(3);
  });

  it('a changed entry comes back unread: the blocked item edited again', async () => {
    await query(database.db, `UPDATE roadmap_items SET title = 'Owned and still blocked' WHERE organisation_id = '${orgA}' AND id = 'RI-1'`);
    const inbox = await inboxOf(member(orgA, alice, 'owner'));
    expect(inbox.unread).toBe(1);
    expect(inbox.entries.find((e) => e.kind === 'blocked_work')).toMatchObject({ read: false, title: 'Owned and still blocked' });
  });

  it('nobody writes or reads another person’s marks (row-level security)', async () => {
    await expectRefused(
      as(member(orgA, bob, 'reviewer'), (tx) =>
        query(tx, `INSERT INTO inbox_reads (organisation_id, user_id, entry_key) VALUES ('${orgA}', '${alice}', 'review:1')`),
      ),
      { code: '42501' },
    );
    const seen = await as(member(orgA, bob, 'reviewer'), (tx) => query(tx, `SELECT * FROM inbox_reads`));
    expect(seen).toEqual([]);
  });

  it('a builder’s token has no inbox', async () => {
    const token: OrganisationCaller = { kind: 'token', tokenId: 't', builderId: 'builder-1', userId: null, organisationId: orgA, role: 'builder' };
    await expect(as(member(orgA, alice, 'owner'), (tx) => markAllInboxRead(tx, { caller: token }))).rejects.toThrow('no inbox');
  });
});

describe('watches', () => {
  it('a change someone else makes to a watched item appears; one’s own does not; unwatching removes it', async () => {
    const caller = member(orgA, bob, 'reviewer');
    const watched = await as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'feature', id: 'feat', watch: true } }));
    expect(watched.watching).toBe(true);
    // Watching twice keeps one watch.
    await as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'feature', id: 'feat', watch: true } }));
    const [count] = await query<{ n: number }>(
      database.db,
      `SELECT count(*)::int AS n FROM watches WHERE organisation_id = '${orgA}' AND user_id = '${bob}' AND deleted_at IS NULL`,
    );
    expect(count!.n).toBe(1);

    // Bob's own edit: not news to him.
    await as(caller, (tx) => query(tx, `UPDATE features SET description = 'by bob' WHERE organisation_id = '${orgA}' AND id = 'feat'`));
    expect((await inboxOf(caller)).entries.some((e) => e.kind === 'watched')).toBe(false);

    // Alice's edit is.
    await as(member(orgA, alice, 'owner'), (tx) => query(tx, `UPDATE features SET description = 'by alice' WHERE organisation_id = '${orgA}' AND id = 'feat'`));
    const entry = (await inboxOf(caller)).entries.find((e) => e.kind === 'watched');
    expect(entry).toMatchObject({ link: { kind: 'feature', id: 'feat' }, title: 'Feature', detail: 'Changed', read: false });
    // Nobody else sees it, and B's feature of the same id is not A's.
    expect((await inboxOf(member(orgA, alice, 'owner'))).entries.some((e) => e.kind === 'watched')).toBe(false);
    await query(database.db, `UPDATE features SET description = 'in B' WHERE organisation_id = '${orgB}' AND id = 'feat'`);
    expect((await inboxOf(member(orgB, carol, 'manager'))).entries.some((e) => e.kind === 'watched')).toBe(false);

    const unwatched = await as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'feature', id: 'feat', watch: false } }));
    expect(unwatched.watching).toBe(false);
    expect((await inboxOf(caller)).entries.some((e) => e.kind === 'watched')).toBe(false);
    const [gone] = await query<{ deleted_by: string }>(database.db, `SELECT deleted_by FROM watches WHERE organisation_id = '${orgA}' AND user_id = '${bob}'`);
    expect(gone!.deleted_by).toBe(`user:${bob}`);
  });

  it('watching a release that is not ready puts it in a non-reviewer’s inbox', async () => {
    const caller = member(orgA, alice, 'owner');
    expect((await inboxOf(caller)).entries.some((e) => e.kind === 'release')).toBe(false);
    await as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'release', id: 'rel-1', watch: true } }));
    expect((await inboxOf(caller)).entries.find((e) => e.kind === 'release')).toMatchObject({ link: { kind: 'release', id: 'rel-1' }, detail: 'Not ready' });
  });

  it('refuses an item that does not exist in the organisation', async () => {
    const caller = member(orgA, alice, 'owner');
    await expectRefused(
      as(caller, (tx) => setWatch(tx, { caller, input: { kind: 'bug', id: 'no-such-bug', watch: true } })),
      { code: '23503', message: 'INBOX: No live bugs with id no-such-bug' },
    );
  });

  it('announces marks and watches on the change feed by person only', async () => {
    const rows = await query<{ entity_type: string; entity_id: string }>(
      database.db,
      `SELECT DISTINCT entity_type, entity_id FROM change_log WHERE organisation_id = '${orgA}' AND entity_type IN ('inbox_reads', 'watches') ORDER BY 1, 2`,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { entity_type: 'inbox_reads', entity_id: alice },
        { entity_type: 'watches', entity_id: bob },
      ]),
    );
  });
});

describe('the header count at scale (migration 0044)', () => {
  // Every page counts the member's unread entries. A member who reviews and watches no release
  // must not pay for any release's verdict (before 0044 the view computed v_release_verdict for
  // every release of the organisation first: 118–202 ms a page at scale L). The scans of
  // standard_assignments (where the verdict starts) in the counting transaction say whether it did.
  it("reads no release's standards for a member who reviews and watches none, and still counts the reviewer's", async () => {
    const scansOfStandards = async (tx: Database) =>
      (
        await query<{ scans: number }>(
          tx,
          `SELECT (pg_stat_get_xact_numscans('standard_assignments'::regclass)
                   + coalesce(sum(pg_stat_get_xact_numscans(i.indexrelid)), 0))::int AS scans
           FROM pg_index i WHERE i.indrelid = 'standard_assignments'::regclass`,
        )
      )[0]!.scans;
    const counted = (caller: OrganisationCaller) =>
      as(caller, async (tx) => {
        const before = await scansOfStandards(tx);
        const unread = await countUnread(tx, { organisationId: caller.organisationId, userId: caller.userId as string });
        return { unread, scans: (await scansOfStandards(tx)) - before };
      });
    // A manager who joins now, and so watches nothing (the tests above have Alice watch a release).
    const dave = await createMember(database.db, `dave-${orgA}@example.test`, [[orgA, 'manager']]);
    await query(database.db, `UPDATE roadmap_items SET owner = 'user:${dave}' WHERE organisation_id = '${orgA}' AND id = 'RI-3'`);
    const manager = await counted(member(orgA, dave, 'manager'));
    expect(manager.scans).toBe(0);
    expect(manager.unread).toBe((await inboxOf(member(orgA, dave, 'manager'))).entries.filter((e) => !e.read).length);
    expect(manager.unread).toBeGreaterThan(0);
    const reviewer = await counted(member(orgA, bob, 'reviewer'));
    expect(reviewer.scans).toBeGreaterThan(0);
    expect(reviewer.unread).toBe((await inboxOf(member(orgA, bob, 'reviewer'))).entries.filter((e) => !e.read).length);
  });
});
