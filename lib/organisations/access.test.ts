import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { switchOrganisation } from '@/app/(dashboard)/actions';
import { changeMemberRole, createApiToken, revokeApiToken } from '@/app/(dashboard)/settings/actions';
import { GET as getBuilder } from '@/app/api/builders/[builderId]/route';

import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { resolveCaller } from '../auth/identity';
import { withRequestHeaders } from '../procedure/request';
import { createMember, createOrganisation, signIn } from '../auth/test-fixtures';
import { hashApiToken } from './token-format';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let orgA: string;
let orgB: string;
let alice: Headers; // owner of A
let carol: Headers; // viewer of A
let carolId: string;
let aliceId: string;

beforeAll(async () => {
  ({ handle, organisationId: orgA } = await openAttachedDemoDatabase());
  orgB = await createOrganisation(handle.db, 'beta');
  aliceId = await createMember(handle.db, 'alice@example.com', [[orgA, 'owner']]);
  carolId = await createMember(handle.db, 'carol@example.com', [[orgA, 'viewer']]);
  await createMember(handle.db, 'dave@example.com', [
    [orgA, 'viewer'],
    [orgB, 'owner'],
  ]);
  alice = await signIn('alice@example.com');
  carol = await signIn('carol@example.com');
});
afterAll(() => closeAttachedDatabase(handle));

const as = <T>(headers: Headers, run: () => Promise<T>) => withRequestHeaders(headers, run);
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });
const readBuilder = (headers: Headers, builderId: string) =>
  getBuilder(new Request(`http://localhost/api/builders/${builderId}`, { headers }), { params: Promise.resolve({ builderId }) });

describe('API tokens', () => {
  let token: string;
  let tokenId: string;

  it('are made by a manager or owner for a builder, shown once and kept only as a SHA-256', async () => {
    const result = await as(alice, () => createApiToken({ builderId: 'ui-builder', name: 'CI runner' }));
    if (!result.ok) throw new Error(result.error.message);
    ({ token, id: tokenId } = result.data);
    expect(token).toMatch(/^gantry_[A-Za-z0-9_-]{43}$/);
    expect(result.data).toMatchObject({ builderId: 'ui-builder', name: 'CI runner', prefix: token.slice(0, 13) });

    const [row] = await query<{ token_hash: string; whole: string }>(
      handle.db,
      `SELECT token_hash, t::text AS whole FROM api_tokens t WHERE id = '${tokenId}'`,
    );
    expect(row!.token_hash).toBe(hashApiToken(token));
    expect(row!.whole).not.toContain(token);

    const [audit] = await query<{ actor: string; action: string; new_value: Record<string, unknown> }>(
      handle.db,
      `SELECT actor, action, new_value FROM audit_log WHERE event_type = 'api_token' AND resource_id = '${tokenId}'`,
    );
    expect(audit).toEqual({
      actor: `user:${aliceId}`,
      action: 'create',
      new_value: { builder_id: 'ui-builder', name: 'CI runner', token_prefix: token.slice(0, 13) },
    });
  });

  it('let a builder agent act as its builder, in its organisation, and record when they were last used', async () => {
    const response = await readBuilder(bearer(token), 'ui-builder');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, data: { builderId: 'ui-builder', organisation: { slug: 'demo' } } });
    expect(await resolveCaller(bearer(token))).toMatchObject({ kind: 'token', role: 'builder', builderId: 'ui-builder', organisationId: orgA });
    const [used] = await query<{ used: boolean }>(handle.db, `SELECT last_used_at IS NOT NULL AS used FROM api_tokens WHERE id = '${tokenId}'`);
    expect(used!.used).toBe(true);

    const other = await readBuilder(bearer(token), 'api-builder');
    expect(other.status).toBe(403);
    expect((await other.json()).error.message).toBe('This token acts as builder “ui-builder”; it may read only that builder.');
    // A member reads any builder of the organisation.
    expect((await readBuilder(alice, 'api-builder')).status).toBe(200);
  });

  it('cannot make or revoke tokens themselves, and a viewer cannot either', async () => {
    expect(await as(bearer(token), () => createApiToken({ builderId: 'ui-builder', name: 'Mine now' }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'An API token may not create and revoke API tokens for builders; sign in as a person.' },
    });
    expect(await as(carol, () => revokeApiToken({ tokenId }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Your role (Viewer) may not create and revoke API tokens for builders.' },
    });
  });

  it('refuse a builder the organisation does not have, naming the field', async () => {
    expect(await as(alice, () => createApiToken({ builderId: 'no-such-builder', name: 'x' }))).toMatchObject({
      ok: false,
      error: { code: 'not_found', fieldErrors: { builderId: 'Choose one of this organisation’s builders' } },
    });
  });

  it('stop working once revoked, for good', async () => {
    expect(await as(alice, () => revokeApiToken({ tokenId }))).toEqual({ ok: true, data: { id: tokenId, name: 'CI runner' } });
    const response = await readBuilder(bearer(token), 'ui-builder');
    expect(response.status).toBe(401);
    expect((await response.json()).error).toEqual({ code: 'unauthenticated', message: 'This API token is not valid, or it was revoked.' });
    expect(await as(alice, () => revokeApiToken({ tokenId }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This token was revoked already.' },
    });

    await expectRefused(query(handle.db, `UPDATE api_tokens SET revoked_at = NULL, revoked_by = NULL WHERE id = '${tokenId}'`), {
      message: 'ACCESS: A revoked API token stays revoked',
      code: '23514',
    });
    await expectRefused(query(handle.db, `UPDATE api_tokens SET token_hash = repeat('0', 64) WHERE id = '${tokenId}'`), {
      message: 'ACCESS: An API token cannot be changed',
    });
    const actions = await query<{ action: string }>(
      handle.db,
      `SELECT action FROM audit_log WHERE event_type = 'api_token' AND resource_id = '${tokenId}' ORDER BY id`,
    );
    expect(actions.map((a) => a.action)).toEqual(['create', 'revoke']);
  });
});

describe('members and roles', () => {
  it('an owner changes a member’s role; the audit log keeps the old and the new', async () => {
    expect(await as(alice, () => changeMemberRole({ userId: carolId, role: 'manager' }))).toEqual({ ok: true, data: { userId: carolId, role: 'manager' } });
    const [audit] = await query(
      handle.db,
      `SELECT actor, action, old_value, new_value FROM audit_log WHERE event_type = 'membership' AND action = 'role_change' AND resource_id = '${carolId}'`,
    );
    expect(audit).toEqual({ actor: `user:${aliceId}`, action: 'role_change', old_value: { role: 'viewer' }, new_value: { role: 'manager' } });
  });

  it('a manager may not change roles; an unknown role is refused with the field named', async () => {
    expect(await as(carol, () => changeMemberRole({ userId: aliceId, role: 'viewer' }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'Your role (Manager) may not manage members and their roles.' },
    });
    expect(await as(alice, () => changeMemberRole({ userId: carolId, role: 'admin' as 'owner' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: { role: 'Choose one of: owner, manager, reviewer, builder, viewer' } },
    });
  });

  it('an organisation keeps at least one owner, whatever path the change takes', async () => {
    expect(await as(alice, () => changeMemberRole({ userId: aliceId, role: 'manager' }))).toEqual({
      ok: false,
      error: { code: 'conflict', message: 'An organisation keeps at least one owner; make someone else owner first' },
    });
    for (const statement of [
      `UPDATE memberships SET deleted_at = now() WHERE user_id = '${aliceId}'`,
      `DELETE FROM memberships WHERE user_id = '${aliceId}'`,
    ]) {
      await expectRefused(query(handle.db, statement), { message: 'ACCESS: An organisation keeps at least one owner', code: '23514' });
    }
    await expectRefused(query(handle.db, `UPDATE memberships SET role = 'admin' WHERE user_id = '${carolId}'`), {
      code: '23514',
      message: /memberships_role_check/,
    });
    // With a second owner, the first may step down.
    expect(await as(alice, () => changeMemberRole({ userId: carolId, role: 'owner' }))).toMatchObject({ ok: true });
    expect(await as(alice, () => changeMemberRole({ userId: aliceId, role: 'manager' }))).toMatchObject({ ok: true });
  });
});

describe('switching organisation', () => {
  it('moves a member of two organisations into the other one, with the role they hold there', async () => {
    const dave = await signIn('dave@example.com');
    expect(await resolveCaller(dave)).toMatchObject({ organisationId: orgA, role: 'viewer' });
    expect(await as(dave, () => switchOrganisation({ organisationId: orgB }))).toEqual({ ok: true, data: { organisationId: orgB, name: 'beta org' } });
    expect(await resolveCaller(dave)).toMatchObject({ organisationId: orgB, role: 'owner' });
  });

  it('refuses an organisation the member does not belong to', async () => {
    expect(await as(carol, () => switchOrganisation({ organisationId: orgB }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'You are not a member of that organisation.' },
    });
    expect(await resolveCaller(carol)).toMatchObject({ organisationId: orgA });
  });
});

describe('input', () => {
  it('names each missing field in words, as a form that omits it would send', async () => {
    expect(await as(alice, () => createApiToken(new FormData()))).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: '2 fields need another look; see the messages beside them.',
        fieldErrors: { builderId: 'Choose the builder this token acts as', name: 'Name the token, e.g. where the agent runs' },
      },
    });
  });
});
