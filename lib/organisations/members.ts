import 'server-only';

import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { invitations, memberships, users } from '../db/schema';
import { ROLE_LABELS, ROLES, type Role } from './permissions';
import { ActionError } from '../procedure/result';
import { generateLinkToken } from './token-format';

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

export const emailSchema = z
  .string({ error: 'Enter an email address' })
  .trim()
  .max(254, { message: 'An email address has at most 254 characters.' })
  .toLowerCase()
  .pipe(z.email({ message: 'Enter an email address, like ada@example.com' }));

const roleSchema = z.enum(ROLES, { message: `Choose one of: ${ROLES.join(', ')}` });

export const addMemberInput = z.object({ email: emailSchema, role: roleSchema });

export type AddMemberResult =
  | { kind: 'added'; userId: string; name: string; email: string; role: Role }
  | { kind: 'invited'; invitationId: string; email: string; role: Role; token: string; expiresAt: Date };

/**
 * An owner adds someone by email. A person who has an account joins at once with the role; anyone
 * else gets an invitation: a one-time token (shown once, stored as its SHA-256) that works for
 * INVITATION_DAYS. Inviting an address again replaces its open invitation. Triggers audit both
 * (memberships_audit, invitations_audit).
 */
export async function addMember(
  tx: Database,
  { organisationId, addedBy, email, role }: z.output<typeof addMemberInput> & { organisationId: string; addedBy: string },
): Promise<AddMemberResult> {
  const [account] = rowsOf<{ id: string | null }>(await tx.execute(sql`select account_id_by_email(${email}) as id`));
  const userId = account?.id ?? null;
  if (userId) {
    const [existing] = await tx
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt)));
    if (existing) {
      throw new ActionError('conflict', `${email} is a member already (${ROLE_LABELS[existing.role as Role].toLowerCase()}); change their role in the list.`, {
        email: 'Already a member of this organisation',
      });
    }
    await tx.insert(memberships).values({ organisationId, userId, role });
    const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
    return { kind: 'added', userId, name: user?.name ?? email, email, role };
  }

  await tx
    .update(invitations)
    .set({ revokedAt: sql`now()`, revokedBy: addedBy })
    .where(and(eq(invitations.email, email), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)));
  const { token, hash } = generateLinkToken();
  const [row] = await tx
    .insert(invitations)
    .values({ organisationId, email, role, tokenHash: hash, createdBy: addedBy, expiresAt: sql`now() + make_interval(days => ${INVITATION_DAYS})` })
    .returning({ id: invitations.id, expiresAt: invitations.expiresAt });
  return { kind: 'invited', invitationId: row!.id, email, role, token, expiresAt: row!.expiresAt };
}

export const removeMemberInput = z.object({
  userId: z.string({ error: 'Choose a member' }).trim().min(1, { message: 'Choose a member' }).max(100, { message: 'Choose a member' }),
});

/**
 * Takes a member out of the organisation (a soft delete: the membership row stays for the audit
 * trail). The database refuses to remove the last owner, whoever asks (memberships_keep_an_owner).
 */
export async function removeMember(tx: Database, { userId }: z.output<typeof removeMemberInput>) {
  const [user] = await tx.select({ name: users.name }).from(users).where(eq(users.id, userId));
  const [row] = await tx
    .update(memberships)
    .set({ deletedAt: sql`now()` })
    .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt)))
    .returning({ userId: memberships.userId });
  if (!row) throw new ActionError('not_found', 'There is no such member in this organisation.');
  return { userId: row.userId, name: user?.name ?? 'The member' };
}

export interface InvitationSummary {
  id: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
}

/** The organisation's open invitations (neither used nor revoked), newest first; never a hash. */
export async function listInvitations(tx: Database): Promise<InvitationSummary[]> {
  const inviter = alias(users, 'inviter');
  const rows = await tx
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      invitedBy: sql<string>`coalesce(${inviter.name}, 'a former member')`,
      createdAt: invitations.createdAt,
      expiresAt: invitations.expiresAt,
      expired: sql<boolean>`${invitations.expiresAt} <= now()`,
    })
    .from(invitations)
    .leftJoin(inviter, eq(inviter.id, invitations.createdBy))
    .where(and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .orderBy(sql`${invitations.expiresAt} <= now()`, asc(invitations.email));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export const revokeInvitationInput = z.object({ invitationId: z.uuid({ message: 'Choose an invitation' }) });

/** Revokes an open invitation: its link stops working at once. */
export async function revokeInvitation(tx: Database, { invitationId, revokedBy }: z.output<typeof revokeInvitationInput> & { revokedBy: string }) {
  const [row] = await tx
    .update(invitations)
    .set({ revokedAt: sql`now()`, revokedBy })
    .where(and(eq(invitations.id, invitationId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
    .returning({ id: invitations.id, email: invitations.email });
  if (row) return row;
  const [existing] = await tx.select({ acceptedAt: invitations.acceptedAt }).from(invitations).where(eq(invitations.id, invitationId));
  if (!existing) throw new ActionError('not_found', 'There is no such invitation in this organisation.');
  throw new ActionError(
    'conflict',
    existing.acceptedAt ? 'This invitation was used already; remove the member instead.' : 'This invitation was revoked already.',
  );
}
