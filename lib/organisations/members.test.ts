import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { addMember, removeMember, revokeInvitation } from '@/app/(dashboard)/settings/actions';
import { acceptInvitation, createInvitedAccount } from '@/app/(auth)/invite/actions';

import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { resolveCaller } from '../auth/identity';
import { findInvitationByToken } from './invitations';
import { withRequestHeaders } from '../procedure/request';
import { createMember, createOrganisation, PASSWORD, signIn } from '../auth/test-fixtures';
import { generateLinkToken, hashApiToken } from './token-format';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';
import { ok } from '../procedure/test-results';

let handle: DatabaseHandle;
let orgA: string;
let orgB: string;
let alice: Headers; // owner of A
let aliceId: string;
let carol: Headers; // manager of A
let bobId: string; // owner of B, has an account

beforeAll(async () => {
  ({ handle, organisationId: orgA } = await openAttachedDemoDatabase());
  orgB = await createOrganisation(handle.db, 'beta');
  aliceId = await createMember(handle.db, 'alice@example.com', [[orgA, 'owner']]);
  await createMember(handle.db, 'carol@example.com', [[orgA, 'manager']]);
  bobId = await createMember(handle.db, 'bob@example.com', [[orgB, 'owner']]);
  alice = await signIn('alice@example.com');
  carol = await signIn('carol@example.com');
});
afterAll(() => closeAttachedDatabase(handle));

const as = withRequestHeaders;
const anonymous = () => new Headers();
const audit = (where: string) =>
  query<{ event_type: string; action: string; actor: string; organisation_id: string; new_value: Record<string, unknown> }>(
    handle.db,
    `SELECT event_type, action, actor, organisation_id, new_value FROM audit_log WHERE ${where} ORDER BY id`,
  );
const membersOf = async (organisationId: string) =>
  (
    await query<{ email: string; role: string }>(
      handle.db,
      `SELECT u.email, m.role FROM memberships m JOIN "user" u ON u.id = m.user_id
       WHERE m.organisation_id = '${organisationId}' AND m.deleted_at IS NULL ORDER BY u.email`,
    )
  ).map((m) => `${m.email} ${m.role}`);

describe('adding a member by email', () => {
  it('lets a person with an account join at once, with the role chosen, audited', async () => {
    const added = ok(await as(alice, () => addMember({ email: ' Bob@Example.com ', role: 'reviewer' })));
    expect(added).toEqual({ kind: 'added', userId: bobId, name: 'bob', email: 'bob@example.com', role: 'reviewer' });
    expect(await membersOf(orgA)).toContain('bob@example.com reviewer');
    expect(await audit(`event_type = 'membership' AND action = 'create' AND organisation_id = '${orgA}' AND new_value->>'role' = 'reviewer'`)).toMatchObject([
      { actor: `user:${aliceId}` },
    ]);
    // Bob now works in either organisation.
    const bob = (await resolveCaller(await signIn('bob@example.com'))) as { organisations: { name: string }[] };
    expect(bob.organisations.map((o) => o.name).sort()).toEqual(['Motus Labs (demo)', 'beta org'].sort());
  });

  it('refuses someone who is a member already, naming the field', async () => {
    expect(await as(alice, () => addMember({ email: 'bob@example.com', role: 'viewer' }))).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'bob@example.com is a member already (reviewer); change their role in the list.',
        fieldErrors: { email: 'Already a member of this organisation' },
      },
    });
  });

  it('is for owners only, and needs an email address', async () => {
    expect(await as(carol, () => addMember({ email: 'x@example.com', role: 'viewer' }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Your role (Manager) may not manage members and their roles.' },
    });
    expect(await as(alice, () => addMember({ email: 'not an address', role: 'viewer' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: { email: 'Enter an email address, like ada@example.com' } },
    });
  });
});

describe('invitations', () => {
  let token: string;
  let invitationId: string;

  it('are made for an address without an account: a one-time token shown once, kept as a hash, expiring in a week', async () => {
    const invited = ok(await as(alice, () => addMember({ email: 'nina@example.com', role: 'builder' })));
    if (invited.kind !== 'invited') throw new Error('expected an invitation');
    ({ token, invitationId } = invited);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days = (invited.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const [row] = await query<{ token_hash: string; whole: string }>(
      handle.db,
      `SELECT token_hash, i::text AS whole FROM invitations i WHERE id = '${invitationId}'`,
    );
    expect(row!.token_hash).toBe(hashApiToken(token));
    expect(row!.whole).not.toContain(token);
    expect(await audit(`event_type = 'invitation' AND action = 'create'`)).toMatchObject([
      { actor: `user:${aliceId}`, organisation_id: orgA, new_value: { email: 'nina@example.com', role: 'builder' } },
    ]);
  });

  it('replace the open one when the address is invited again: the old link stops working', async () => {
    const again = ok(await as(alice, () => addMember({ email: 'nina@example.com', role: 'viewer' })));
    if (again.kind !== 'invited') throw new Error('expected an invitation');
    expect((await findInvitationByToken(token))?.state).toBe('revoked');
    expect(await as(anonymous(), () => createInvitedAccount({ token, name: 'Nina', password: PASSWORD }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This invitation was revoked. Ask an owner of the organisation for a new one.' },
    });
    ({ token, invitationId } = again);
  });

  it('let the invitee create an account for the invited address, join with the role and be signed in; once', async () => {
    const view = await findInvitationByToken(token);
    expect(view).toMatchObject({
      email: 'nina@example.com',
      role: 'viewer',
      organisationName: 'Motus Labs (demo)',
      invitedBy: 'alice',
      state: 'open',
      hasAccount: false,
    });

    expect(await as(anonymous(), () => createInvitedAccount({ token, name: 'Nina', password: 'short' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: { password: 'Use at least 12 characters' } },
    });
    expect(ok(await as(anonymous(), () => createInvitedAccount({ token, name: 'Nina Simone', password: PASSWORD })))).toEqual({
      organisationName: 'Motus Labs (demo)',
      role: 'viewer',
    });
    expect(await membersOf(orgA)).toContain('nina@example.com viewer');
    const nina = await signIn('nina@example.com');
    expect(await resolveCaller(nina)).toMatchObject({ kind: 'member', name: 'Nina Simone', organisationId: orgA, role: 'viewer' });
    expect((await audit(`event_type = 'invitation' AND action = 'accept'`)).map((a) => a.actor)).toEqual([
      `user:${((await resolveCaller(nina)) as { userId: string }).userId}`,
    ]);

    expect(await as(anonymous(), () => createInvitedAccount({ token, name: 'Mallory', password: PASSWORD }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This invitation was used already. If it was you, sign in.' },
    });
    await expectRefused(query(handle.db, `UPDATE invitations SET accepted_at = NULL, accepted_by = NULL WHERE id = '${invitationId}'`), {
      message: 'ACCESS: This invitation was used already',
      code: '23514',
    });
  });

  it('let a signed-in person with the invited address accept, and only them', async () => {
    await createMember(handle.db, 'omar@example.com', [[orgB, 'viewer']]);
    const invited = ok(await as(alice, () => addMember({ email: 'pia@example.com', role: 'reviewer' })));
    if (invited.kind !== 'invited') throw new Error('expected an invitation');
    // Pia made an account meanwhile (invited to another organisation, say).
    await createMember(handle.db, 'pia@example.com', [[orgB, 'viewer']]);
    const pia = await signIn('pia@example.com');
    const omar = await signIn('omar@example.com');

    expect(await as(anonymous(), () => acceptInvitation({ token: invited.token }))).toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Sign in as pia@example.com to accept this invitation.' },
    });
    expect(await as(omar, () => acceptInvitation({ token: invited.token }))).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'This invitation is for pia@example.com, and you are signed in as omar@example.com. Sign out, then open the link again.',
      },
    });
    expect(await as(pia, () => createInvitedAccount({ token: invited.token, name: 'Pia', password: PASSWORD }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(ok(await as(pia, () => acceptInvitation({ token: invited.token })))).toEqual({ organisationName: 'Motus Labs (demo)', role: 'reviewer' });
    // She works in the organisation she joined from the next page on.
    expect(await resolveCaller(pia)).toMatchObject({ organisationId: orgA, role: 'reviewer' });
  });

  it('stop working once expired or revoked; a made-up token names nothing', async () => {
    const invited = ok(await as(alice, () => addMember({ email: 'quinn@example.com', role: 'viewer' })));
    if (invited.kind !== 'invited') throw new Error('expected an invitation');
    expect(ok(await as(alice, () => revokeInvitation({ invitationId: invited.invitationId })))).toEqual({
      id: invited.invitationId,
      email: 'quinn@example.com',
    });
    expect(await as(alice, () => revokeInvitation({ invitationId: invited.invitationId }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This invitation was revoked already.' },
    });
    expect((await audit(`event_type = 'invitation' AND action = 'revoke' AND new_value->>'email' = 'quinn@example.com'`)).length).toBe(1);

    const expiring = ok(await as(alice, () => addMember({ email: 'quinn@example.com', role: 'viewer' })));
    if (expiring.kind !== 'invited') throw new Error('expected an invitation');
    // Made a week ago: created_at and expires_at cannot be changed later (invitations_once).
    await query(handle.db, `ALTER TABLE invitations DISABLE TRIGGER invitations_once`);
    await query(
      handle.db,
      `UPDATE invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = '${expiring.invitationId}'`,
    );
    await query(handle.db, `ALTER TABLE invitations ENABLE TRIGGER invitations_once`);
    expect(await as(anonymous(), () => createInvitedAccount({ token: expiring.token, name: 'Quinn', password: PASSWORD }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This invitation has expired. Ask an owner of the organisation for a new one.' },
    });
    await expectRefused(query(handle.db, `UPDATE invitations SET accepted_at = now(), accepted_by = '${aliceId}' WHERE id = '${expiring.invitationId}'`), {
      message: 'ACCESS: This invitation has expired',
    });
    await expectRefused(query(handle.db, `UPDATE invitations SET role = 'owner' WHERE id = '${expiring.invitationId}'`), {
      message: 'ACCESS: An invitation cannot be changed',
    });
    expect(await query(handle.db, `SELECT 1 FROM "user" WHERE email = 'quinn@example.com'`)).toEqual([]);
    expect(await findInvitationByToken(generateLinkToken().token)).toBeNull();
    expect(await as(anonymous(), () => acceptInvitation({ token: generateLinkToken().token }))).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
  });
});

describe('removing a member', () => {
  it('takes them out of the organisation (and its pages) at once, audited; their account stays', async () => {
    const bob = await signIn('bob@example.com');
    expect(ok(await as(alice, () => removeMember({ userId: bobId })))).toEqual({ userId: bobId, name: 'bob' });
    expect(await membersOf(orgA)).not.toContain('bob@example.com reviewer');
    expect(await resolveCaller(bob)).toMatchObject({ kind: 'member', organisationId: orgB, organisations: [{ name: 'beta org' }] });
    expect(await audit(`event_type = 'membership' AND action = 'remove'`)).toMatchObject([{ actor: `user:${aliceId}`, organisation_id: orgA }]);
    expect(await as(alice, () => removeMember({ userId: bobId }))).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no such member in this organisation.' },
    });
  });

  it('never removes the last owner, even when they remove themselves', async () => {
    expect(await as(alice, () => removeMember({ userId: aliceId }))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'An organisation keeps at least one owner; make someone else owner first' },
    });
    expect(await membersOf(orgA)).toContain('alice@example.com owner');
  });
});
