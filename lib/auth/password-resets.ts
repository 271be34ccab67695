import 'server-only';

import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { memberships, organisations, passwordResets, users } from '../db/schema';
import { runAsOrganisation } from '../db/tenant';
import { recordAuthEvent } from './audit';
import type { AccountCaller, AnonymousCaller, MemberCaller } from './identity';
import { newPasswordSchema } from './password-rules';
import { replacePassword } from './passwords';
import { ActionError } from '../procedure/result';
import { hashApiToken, generateLinkToken, looksLikeLinkToken } from '../organisations/token-format';

/** How long a reset link works. */
export const RESET_LINK_HOURS = 24;

export const issuePasswordResetInput = z.object({
  userId: z.string({ error: 'Choose a member' }).trim().min(1, { message: 'Choose a member' }).max(100, { message: 'Choose a member' }),
});

/**
 * An owner issues a one-time link with which a member sets a new password (Gantry sends no
 * email): shown once, kept as a hash, for RESET_LINK_HOURS; issuing another revokes the open one.
 * Only for someone who belongs to this organisation alone, so that an owner here cannot take over
 * an account that works elsewhere; never for oneself (change it on the account page instead).
 */
export async function issuePasswordReset(
  tx: Database,
  { userId, organisationId, issuedBy }: z.output<typeof issuePasswordResetInput> & { organisationId: string; issuedBy: string },
) {
  const [member] = await tx
    .select({ name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt)));
  if (!member) throw new ActionError('not_found', 'There is no such member in this organisation.');
  if (userId === issuedBy) throw new ActionError('conflict', 'Change your own password on your account page.');
  const [elsewhere] = rowsOf<{ yes: boolean }>(await tx.execute(sql`select member_of_other_organisations(${userId}) as yes`));
  if (elsewhere?.yes) {
    throw new ActionError(
      'forbidden',
      `${member.name} belongs to other organisations too, so an owner here cannot reset their password; they can change it themselves on their account page.`,
    );
  }
  await tx
    .update(passwordResets)
    .set({ revokedAt: sql`now()`, revokedBy: issuedBy })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt)));
  const { token, hash } = generateLinkToken();
  const [row] = await tx
    .insert(passwordResets)
    .values({ organisationId, userId, tokenHash: hash, createdBy: issuedBy, expiresAt: sql`now() + make_interval(hours => ${RESET_LINK_HOURS})` })
    .returning({ expiresAt: passwordResets.expiresAt });
  return { token, name: member.name, email: member.email, expiresAt: row!.expiresAt };
}

/**
 * 'elsewhere': the member belongs to another organisation too, and 'left': no longer to this one.
 * Both are checked each time the link is opened or used, not only when it was issued: a link
 * issued by an owner here must not take over an account that has since come to work elsewhere.
 */
export type ResetLinkState = 'open' | 'expired' | 'used' | 'revoked' | 'elsewhere' | 'left';

export interface ResetLinkView {
  id: string;
  organisationId: string;
  userId: string;
  name: string;
  email: string;
  expiresAt: Date;
  state: ResetLinkState;
}

/** The reset link a token names; like an invitation, read before any organisation is known. */
export async function findResetLinkByToken(token: unknown): Promise<ResetLinkView | null> {
  if (!looksLikeLinkToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: passwordResets.id,
      organisationId: passwordResets.organisationId,
      userId: passwordResets.userId,
      name: users.name,
      email: users.email,
      expiresAt: passwordResets.expiresAt,
      state: sql<ResetLinkState>`case when ${passwordResets.usedAt} is not null then 'used'
        when ${passwordResets.revokedAt} is not null then 'revoked'
        when ${passwordResets.expiresAt} <= now() then 'expired'
        when not exists (select 1 from memberships m where m.user_id = ${passwordResets.userId}
                           and m.organisation_id = ${passwordResets.organisationId} and m.deleted_at is null) then 'left'
        when exists (select 1 from memberships m where m.user_id = ${passwordResets.userId}
                       and m.organisation_id <> ${passwordResets.organisationId} and m.deleted_at is null) then 'elsewhere'
        else 'open' end`,
    })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .innerJoin(organisations, and(eq(organisations.id, passwordResets.organisationId), isNull(organisations.deletedAt)))
    .where(eq(passwordResets.tokenHash, hashApiToken(token)));
  return row ?? null;
}

const ELSEWHERE =
  'This account now belongs to another organisation too, so a link from one organisation’s owner no longer works. Sign in and change the password on your account page.';

const REFUSALS: Record<Exclude<ResetLinkState, 'open'>, string> = {
  used: 'This password-reset link was used already. Sign in with the new password, or ask an owner for another link.',
  revoked: 'This password-reset link was replaced or revoked. Ask an owner for a new one.',
  expired: `This password-reset link has expired (they work for ${RESET_LINK_HOURS} hours). Ask an owner for a new one.`,
  elsewhere: ELSEWHERE,
  left: 'This password-reset link is for a member who has since left the organisation that issued it.',
};

export async function requireOpenResetLink(token: unknown): Promise<ResetLinkView> {
  const link = await findResetLinkByToken(token);
  if (!link) throw new ActionError('unauthenticated', 'This password-reset link is not valid. Check that you copied all of it, or ask for a new one.');
  if (link.state !== 'open') throw new ActionError('forbidden', REFUSALS[link.state]);
  return link;
}

export const resetPasswordInput = z.object({
  token: z.string({ error: 'The link is incomplete' }).max(100, { message: 'The link is not valid' }),
  password: newPasswordSchema,
});

/**
 * Whoever holds the link sets the member's new password; every session of theirs ends, and the
 * link is used. Someone signed in as another person is asked to sign out first.
 */
export async function resetPassword(link: ResetLinkView, caller: MemberCaller | AccountCaller | AnonymousCaller, { password }: { password: string }) {
  if (caller.kind !== 'anonymous' && caller.userId !== link.userId) {
    throw new ActionError('forbidden', `This link is for ${link.email}, and you are signed in as ${caller.email}. Sign out first.`);
  }
  if (password.toLowerCase() === link.email) {
    throw new ActionError('invalid_input', 'One field needs another look; see the message beside it.', {
      password: 'Choose a password that is not your email address',
    });
  }
  const db = await getDb();
  const sessionsEnded = await db.transaction(async (tx) => {
    const ended = await replacePassword(tx as unknown as Database, { userId: link.userId, password });
    await runAsOrganisation(tx as unknown as Database, { organisationId: link.organisationId, actor: `user:${link.userId}` }, async (inner) => {
      const [used] = await inner
        .update(passwordResets)
        .set({ usedAt: sql`now()` })
        .where(and(eq(passwordResets.id, link.id), isNull(passwordResets.usedAt), isNull(passwordResets.revokedAt), gt(passwordResets.expiresAt, sql`now()`)))
        .returning({ id: passwordResets.id });
      if (!used) throw new ActionError('forbidden', 'This password-reset link was used or replaced a moment ago. Ask an owner for a new one.');
    }).catch((error: unknown) => {
      // The database checks the memberships again as the link is used (password_resets_single_organisation).
      if (pgErrorOf(error).message.startsWith('ACCESS: This account belongs to another organisation')) throw new ActionError('forbidden', ELSEWHERE);
      if (pgErrorOf(error).message.startsWith('ACCESS: This member has left')) throw new ActionError('forbidden', REFUSALS.left);
      throw error;
    });
    return ended;
  });
  await recordAuthEvent(db, { action: 'password_reset', actor: `user:${link.userId}`, resourceId: link.userId, context: { sessions_ended: sessionsEnded } });
  return { email: link.email };
}
