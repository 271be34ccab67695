import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createOrganisation, switchOrganisation } from '@/app/(dashboard)/actions';
import { changePassword } from '@/app/(dashboard)/account/actions';
import { issuePasswordReset } from '@/app/(dashboard)/settings/actions';
import { resetPassword } from '@/app/(auth)/reset-password/actions';

import type { DatabaseHandle } from '../db/connection';
import { runAsOrganisation } from '../db/tenant';
import { expectRefused, query } from '../db/testing/sql';
import { resolveCaller } from './identity';
import { findResetLinkByToken } from './password-resets';
import { withRequestHeaders } from '../procedure/request';
import { SIGN_IN_LIMITS } from './sign-in-limits';
import { callAuthRoute, createMember, createOrganisation as insertOrganisation, PASSWORD, signIn } from './test-fixtures';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let orgA: string;
let adaId: string;

beforeAll(async () => {
  ({ handle, organisationId: orgA } = await openAttachedDemoDatabase());
  adaId = await createMember(handle.db, 'ada@example.com', [[orgA, 'owner']]);
  await createMember(handle.db, 'vic@example.com', [[orgA, 'viewer']]);
});
afterAll(() => closeAttachedDatabase(handle));

const as = <T>(headers: Headers, run: () => Promise<T>) => withRequestHeaders(headers, run);
const NEW_PASSWORD = 'a fresh passphrase for ada';

describe('changing one’s password', () => {
  it('needs the current password, follows the password rules, and changes nothing when refused', async () => {
    const ada = await signIn('ada@example.com');
    expect(await as(ada, () => changePassword({ currentPassword: 'not my password', newPassword: NEW_PASSWORD }))).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'Your current password is not the one you typed; nothing was changed.',
        fieldErrors: { currentPassword: 'This is not your current password' },
      },
    });
    expect(await as(ada, () => changePassword({ currentPassword: PASSWORD, newPassword: 'short' }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fieldErrors: { newPassword: 'Use at least 12 characters' } },
    });
    expect(await as(ada, () => changePassword({ currentPassword: PASSWORD, newPassword: PASSWORD }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { newPassword: 'Choose a password other than the current one' } },
    });
    expect(await as(ada, () => changePassword({ currentPassword: PASSWORD, newPassword: 'ada@example.com' }))).toMatchObject({
      ok: false,
      error: { fieldErrors: { newPassword: 'Choose a password that is not your email address' } },
    });
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'ada@example.com', password: PASSWORD })).status).toBe(200);
  });

  it('ends every other session, keeps this one, and is audited; only the new password signs in', async () => {
    const here = await signIn('ada@example.com');
    const elsewhere = await signIn('ada@example.com');
    const result = await as(here, () => changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }));
    expect(result.ok).toBe(true);
    expect(await resolveCaller(here)).toMatchObject({ kind: 'member', userId: adaId });
    expect(await resolveCaller(elsewhere)).toEqual({ kind: 'anonymous' });
    expect(await query(handle.db, `SELECT count(*)::int AS n FROM session WHERE user_id = '${adaId}'`)).toEqual([{ n: 1 }]);
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'ada@example.com', password: PASSWORD })).status).toBe(401);
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'ada@example.com', password: NEW_PASSWORD })).status).toBe(200);
    expect(await query(handle.db, `SELECT actor, organisation_id, context FROM audit_log WHERE action = 'password_change'`)).toEqual([
      { actor: `user:${adaId}`, organisation_id: null, context: expect.objectContaining({ sessions_ended: expect.any(Number) }) },
    ]);
  });

  it('counts wrong current passwords against the sign-in limit of their email address', async () => {
    const vic = await signIn('vic@example.com');
    for (let i = 0; i < SIGN_IN_LIMITS.email.max; i++) {
      expect(await as(vic, () => changePassword({ currentPassword: `guess ${i}`, newPassword: NEW_PASSWORD }))).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await as(vic, () => changePassword({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Too many attempts with a wrong password. Wait 5 minutes, then try again.' },
    });
  });
});

describe('starting another organisation', () => {
  it('makes an owner the owner of a new, empty organisation, and moves them into it; switching goes back', async () => {
    const ada = await signIn('ada@example.com', NEW_PASSWORD);
    const result = await as(ada, () => createOrganisation({ name: 'Acme Robotics' }));
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data).toMatchObject({ slug: 'acme-robotics', name: 'Acme Robotics' });
    const inNew = await resolveCaller(ada);
    expect(inNew).toMatchObject({ organisationId: result.data.id, role: 'owner' });
    const [programs] = await query<{ n: number }>(handle.db, `SELECT count(*)::int AS n FROM programs WHERE organisation_id = '${result.data.id}'`);
    expect(programs!.n).toBe(0);
    expect(await query(handle.db, `SELECT actor, action FROM audit_log WHERE event_type = 'membership' AND organisation_id = '${result.data.id}'`)).toEqual([
      { actor: `user:${adaId}`, action: 'create' },
    ]);

    // A second one with the same name gets a slug of its own.
    const again = await as(ada, () => createOrganisation({ name: 'Acme Robotics' }));
    expect(again.ok && again.data.slug).toMatch(/^acme-robotics-[0-9a-f]{6}$/);

    expect((await as(ada, () => switchOrganisation({ organisationId: orgA }))).ok).toBe(true);
    expect(await resolveCaller(ada)).toMatchObject({ organisationId: orgA });
  });

  it('is for owners only', async () => {
    await createMember(handle.db, 'wes@example.com', [[orgA, 'manager']]);
    const wes = await signIn('wes@example.com');
    expect(await as(wes, () => createOrganisation({ name: 'Mine' }))).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Only an owner of an organisation may start another one.' },
    });
  });
});

describe('password-reset links', () => {
  it('are issued by an owner for a member of this organisation alone, used once, and end every session', async () => {
    const ada = await signIn('ada@example.com', NEW_PASSWORD);
    const yaraId = await createMember(handle.db, 'yara@example.com', [[orgA, 'viewer']]);
    const yara = await signIn('yara@example.com');

    const first = await as(ada, () => issuePasswordReset({ userId: yaraId }));
    if (!first.ok) throw new Error(first.error.message);
    const issued = await as(ada, () => issuePasswordReset({ userId: yaraId }));
    if (!issued.ok) throw new Error(issued.error.message);
    expect(issued.data).toMatchObject({ name: 'yara', email: 'yara@example.com', token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    // The newer link replaces the first.
    expect(await withRequestHeaders(new Headers(), () => resetPassword({ token: first.data.token, password: 'yara’s new passphrase' }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'This password-reset link was replaced or revoked. Ask an owner for a new one.' },
    });
    // Someone else signed in may not use it.
    expect(await as(ada, () => resetPassword({ token: issued.data.token, password: 'yara’s new passphrase' }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'This link is for yara@example.com, and you are signed in as ada@example.com. Sign out first.' },
    });

    expect(await withRequestHeaders(new Headers(), () => resetPassword({ token: issued.data.token, password: 'yara’s new passphrase' }))).toEqual({
      ok: true,
      data: { email: 'yara@example.com' },
    });
    expect(await resolveCaller(yara)).toEqual({ kind: 'anonymous' });
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'yara@example.com', password: 'yara’s new passphrase' })).status).toBe(200);
    expect(await withRequestHeaders(new Headers(), () => resetPassword({ token: issued.data.token, password: 'another passphrase' }))).toMatchObject({
      ok: false,
      error: { message: 'This password-reset link was used already. Sign in with the new password, or ask an owner for another link.' },
    });
    expect(
      (await query<{ action: string }>(handle.db, `SELECT action FROM audit_log WHERE event_type = 'password_reset' ORDER BY id`)).map((a) => a.action),
    ).toEqual(['create', 'revoke', 'create', 'use']);
    expect(await query(handle.db, `SELECT actor FROM audit_log WHERE event_type = 'auth' AND action = 'password_reset'`)).toEqual([
      { actor: `user:${yaraId}` },
    ]);
  });

  it('are refused for oneself, and for someone who belongs to another organisation too', async () => {
    const ada = await signIn('ada@example.com', NEW_PASSWORD);
    expect(await as(ada, () => issuePasswordReset({ userId: adaId }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'Change your own password on your account page.' },
    });
    const orgB = await insertOrganisation(handle.db, 'gamma');
    const zoeId = await createMember(handle.db, 'zoe@example.com', [
      [orgA, 'viewer'],
      [orgB, 'owner'],
    ]);
    expect(await as(ada, () => issuePasswordReset({ userId: zoeId }))).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message: 'zoe belongs to other organisations too, so an owner here cannot reset their password; they can change it themselves on their account page.',
      },
    });
  });

  it('are checked again when opened and used: a member who joined another organisation since cannot be reset, and nothing changes', async () => {
    const ada = await signIn('ada@example.com', NEW_PASSWORD);
    const umaId = await createMember(handle.db, 'uma@example.com', [[orgA, 'viewer']]);
    const issued = await as(ada, () => issuePasswordReset({ userId: umaId }));
    if (!issued.ok) throw new Error(issued.error.message);
    expect((await findResetLinkByToken(issued.data.token))?.state).toBe('open');

    // Uma is invited to, and joins, another organisation after the link was issued.
    const orgC = await insertOrganisation(handle.db, 'delta');
    await query(handle.db, `INSERT INTO memberships (organisation_id, user_id, role) VALUES ('${orgC}', '${umaId}', 'viewer')`);
    expect((await findResetLinkByToken(issued.data.token))?.state).toBe('elsewhere');
    expect(await withRequestHeaders(new Headers(), () => resetPassword({ token: issued.data.token, password: 'a takeover passphrase' }))).toEqual({
      ok: false,
      error: {
        code: 'forbidden',
        message:
          'This account now belongs to another organisation too, so a link from one organisation’s owner no longer works. Sign in and change the password on your account page.',
      },
    });
    expect((await callAuthRoute('/api/auth/sign-in/email', { email: 'uma@example.com', password: PASSWORD })).status).toBe(200);
    expect(await query(handle.db, `SELECT used_at FROM password_resets WHERE user_id = '${umaId}'`)).toEqual([{ used_at: null }]);

    // The database checks it as the link is used, too (a join between opening and using it).
    await expectRefused(
      () =>
        runAsOrganisation(handle.db, { organisationId: orgA, actor: `user:${umaId}` }, (tx) =>
          query(tx, `UPDATE password_resets SET used_at = now() WHERE user_id = '${umaId}'`),
        ),
      { code: '23514', message: 'ACCESS: This account belongs to another organisation too' },
    );
    // Once she has left the other organisation, the link works again; had she left this one, it would not.
    await query(handle.db, `UPDATE memberships SET deleted_at = now() WHERE organisation_id = '${orgC}' AND user_id = '${umaId}'`);
    expect((await findResetLinkByToken(issued.data.token))?.state).toBe('open');
    await query(handle.db, `UPDATE memberships SET deleted_at = now() WHERE organisation_id = '${orgA}' AND user_id = '${umaId}'`);
    expect((await findResetLinkByToken(issued.data.token))?.state).toBe('left');
    await expectRefused(
      () =>
        runAsOrganisation(handle.db, { organisationId: orgA, actor: `user:${umaId}` }, (tx) =>
          query(tx, `UPDATE password_resets SET used_at = now() WHERE user_id = '${umaId}'`),
        ),
      { code: '23514', message: 'ACCESS: This member has left' },
    );
  });
});
