import 'server-only';

import { hashPassword } from 'better-auth/crypto';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { authSessions, invitations, memberships, organisations, users } from '../db/schema';
import { runAsOrganisation } from '../db/tenant';
import { createPasswordAccount } from '../auth/accounts';
import type { AccountCaller, AnonymousCaller, MemberCaller } from '../auth/identity';
import { newPasswordSchema } from '../auth/password-rules';
import type { Role } from './permissions';
import { ActionError } from '../procedure/result';
import { hashApiToken, looksLikeLinkToken } from './token-format';

export type InvitationState = 'open' | 'expired' | 'used' | 'revoked';

/** What the invitee's page shows: never the hash, never another invitation. */
export interface InvitationView {
  id: string;
  organisationId: string;
  organisationName: string;
  email: string;
  role: Role;
  invitedBy: string;
  expiresAt: Date;
  state: InvitationState;
  /** Whether the invited address has an account already (then the invitee signs in to accept). */
  hasAccount: boolean;
}

/**
 * The invitation a link's token names, in whatever state. The token is the only thing the
 * visitor holds, so this runs before any organisation is known, on the connection's own user,
 * like the lookup of an API token (lib/auth/identity.ts).
 */
export async function findInvitationByToken(token: unknown): Promise<InvitationView | null> {
  if (!looksLikeLinkToken(token)) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: invitations.id,
      organisationId: invitations.organisationId,
      organisationName: organisations.name,
      email: invitations.email,
      role: invitations.role,
      invitedBy: users.name,
      expiresAt: invitations.expiresAt,
      state: sql<InvitationState>`case when ${invitations.acceptedAt} is not null then 'used'
        when ${invitations.revokedAt} is not null then 'revoked'
        when ${invitations.expiresAt} <= now() then 'expired' else 'open' end`,
      hasAccount: sql<boolean>`exists (select 1 from "user" a where a.email = ${invitations.email})`,
    })
    .from(invitations)
    .innerJoin(organisations, and(eq(organisations.id, invitations.organisationId), isNull(organisations.deletedAt)))
    .innerJoin(users, eq(users.id, invitations.createdBy))
    .where(eq(invitations.tokenHash, hashApiToken(token)));
  return row ? { ...row, role: row.role as Role } : null;
}

const REFUSALS: Record<Exclude<InvitationState, 'open'>, string> = {
  used: 'This invitation was used already. If it was you, sign in.',
  revoked: 'This invitation was revoked. Ask an owner of the organisation for a new one.',
  expired: 'This invitation has expired. Ask an owner of the organisation for a new one.',
};

/** The open invitation a token names, or the refusal that says why it cannot be used. */
export async function requireOpenInvitation(token: unknown): Promise<InvitationView> {
  const invitation = await findInvitationByToken(token);
  if (!invitation) throw new ActionError('unauthenticated', 'This invitation link is not valid. Check that you copied all of it, or ask for a new one.');
  if (invitation.state !== 'open') throw new ActionError('forbidden', REFUSALS[invitation.state]);
  return invitation;
}

/** Uses the invitation once and makes the person a member, inside the invitation's organisation. */
async function join(tx: Database, invitation: InvitationView, userId: string): Promise<void> {
  const [claimed] = await tx
    .update(invitations)
    .set({ acceptedAt: sql`now()`, acceptedBy: userId })
    .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, sql`now()`)))
    .returning({ id: invitations.id });
  // Used or revoked between the page and the click.
  if (!claimed) throw new ActionError('forbidden', 'This invitation was used or revoked a moment ago. Ask an owner for a new one.');
  const [member] = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt)));
  if (member) throw new ActionError('conflict', `You are a member of ${invitation.organisationName} already.`);
  await tx.insert(memberships).values({ organisationId: invitation.organisationId, userId, role: invitation.role });
}

export const acceptInvitationInput = z.object({
  token: z.string({ error: 'The invitation link is incomplete' }).max(100, { message: 'The invitation link is not valid' }),
});

/**
 * A signed-in person accepts an invitation made for their own address, joins with its role, and
 * works in that organisation from the next page on.
 */
export async function acceptInvitation(invitation: InvitationView, caller: MemberCaller | AccountCaller | AnonymousCaller) {
  if (caller.kind === 'anonymous') throw new ActionError('unauthenticated', `Sign in as ${invitation.email} to accept this invitation.`);
  if (caller.email.toLowerCase() !== invitation.email) {
    throw new ActionError(
      'forbidden',
      `This invitation is for ${invitation.email}, and you are signed in as ${caller.email}. Sign out, then open the link again.`,
    );
  }
  const db = await getDb();
  await runAsOrganisation(db, { organisationId: invitation.organisationId, actor: `user:${caller.userId}` }, (tx) => join(tx, invitation, caller.userId));
  await db
    .update(authSessions)
    .set({ activeOrganisationId: invitation.organisationId })
    .where(and(eq(authSessions.id, caller.sessionId), eq(authSessions.userId, caller.userId)));
  return { organisationName: invitation.organisationName, role: invitation.role };
}

export const createInvitedAccountInput = acceptInvitationInput.extend({
  name: z.string({ error: 'Enter your name' }).trim().min(1, { message: 'Enter your name' }).max(100, { message: 'Use at most 100 characters' }),
  password: newPasswordSchema,
});

/**
 * Someone without an account opens their invitation: their account (for the invited address),
 * the membership and the use of the invitation are one transaction, so a link that was used or
 * revoked meanwhile leaves no account behind. The account is written on the connection's own user
 * (accounts are not a tenant's); the rest inside the organisation, as the application role.
 */
export async function createInvitedAccount(
  invitation: InvitationView,
  caller: MemberCaller | AccountCaller | AnonymousCaller,
  { name, password }: { name: string; password: string },
) {
  if (caller.kind !== 'anonymous') {
    throw new ActionError('forbidden', `You are signed in as ${caller.email}. Sign out first to create an account for ${invitation.email}.`);
  }
  if (invitation.hasAccount) {
    throw new ActionError('conflict', `${invitation.email} has an account already: sign in with it to accept the invitation.`);
  }
  if (password.toLowerCase() === invitation.email) {
    throw new ActionError('invalid_input', 'One field needs another look; see the message beside it.', {
      password: 'Choose a password that is not your email address',
    });
  }
  const passwordHash = await hashPassword(password);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const userId = await createPasswordAccount(tx as unknown as Database, { name, email: invitation.email, passwordHash });
    await runAsOrganisation(tx as unknown as Database, { organisationId: invitation.organisationId, actor: `user:${userId}` }, (inner) =>
      join(inner, invitation, userId),
    );
    return { userId, email: invitation.email, organisationName: invitation.organisationName, role: invitation.role };
  });
}
