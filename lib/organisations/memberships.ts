import 'server-only';

import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { authSessions, memberships, users } from '../db/schema';
import type { AccountCaller, MemberCaller } from '../auth/identity';
import { ROLES, type Role } from './permissions';
import { ActionError } from '../procedure/result';

export interface MemberSummary {
  userId: string;
  name: string;
  email: string;
  role: Role;
  since: Date;
}

/** The organisation's live members, by name. Runs inside the organisation (tx of withOrganisation). */
export async function listMembers(tx: Database): Promise<MemberSummary[]> {
  const rows = await tx
    .select({ userId: memberships.userId, name: users.name, email: users.email, role: memberships.role, since: memberships.createdAt })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(isNull(memberships.deletedAt))
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((row) => ({ ...row, role: row.role as Role }));
}

export const changeMemberRoleInput = z.object({
  userId: z.string({ error: 'Choose a member' }).trim().min(1, { message: 'Choose a member' }).max(100, { message: 'Choose a member' }),
  role: z.enum(ROLES, { message: `Choose one of: ${ROLES.join(', ')}` }),
});

/**
 * Gives a member another role. The database keeps at least one owner per organisation
 * (trigger memberships_keep_an_owner) and writes the change to the audit log.
 */
export async function changeMemberRole(tx: Database, { userId, role }: z.output<typeof changeMemberRoleInput>) {
  const [row] = await tx
    .update(memberships)
    .set({ role })
    .where(and(eq(memberships.userId, userId), isNull(memberships.deletedAt)))
    .returning({ userId: memberships.userId, role: memberships.role });
  if (!row) throw new ActionError('not_found', 'There is no such member in this organisation.');
  return { userId: row.userId, role: row.role as Role };
}

export const switchOrganisationInput = z.object({
  organisationId: z.uuid({ message: 'Choose an organisation' }),
});

/** Makes another of the caller's organisations the one their session works in. */
export async function switchOrganisation(caller: MemberCaller | AccountCaller, { organisationId }: z.output<typeof switchOrganisationInput>) {
  const target = caller.kind === 'member' ? caller.organisations.find((o) => o.id === organisationId) : undefined;
  if (!target) throw new ActionError('forbidden', 'You are not a member of that organisation.');
  // The session is the auth library's row, outside any organisation: the connection's own user.
  const db = await getDb();
  await db
    .update(authSessions)
    .set({ activeOrganisationId: organisationId })
    .where(and(eq(authSessions.id, caller.sessionId), eq(authSessions.userId, caller.userId)));
  return { organisationId: target.id, name: target.name };
}
