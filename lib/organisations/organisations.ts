import 'server-only';

import { randomBytes } from 'node:crypto';

import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { authSessions, memberships, organisations } from '../db/schema';
import { slugOf } from '../auth/first-admin';
import type { AccountCaller, MemberCaller } from '../auth/identity';
import { ActionError } from '../procedure/result';

export const createOrganisationInput = z.object({
  name: z.string({ error: 'Name the organisation' }).trim().min(1, { message: 'Name the organisation' }).max(100, { message: 'Use at most 100 characters' }),
});

/** A free slug for the name: the name's own, else with a few random characters after it. */
async function freeSlug(db: Database, name: string): Promise<string> {
  const base = slugOf(name).slice(0, 56);
  for (const slug of [base, `${base}-${randomBytes(3).toString('hex')}`]) {
    const [taken] = await db
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.slug, slug), isNull(organisations.deletedAt)));
    if (!taken) return slug;
  }
  return `${base}-${randomBytes(6).toString('hex')}`;
}

/**
 * An owner of an organisation starts another one, becomes its owner, and works in it from the
 * next page on. Organisations are not a tenant's rows (the application role may not insert
 * them), so this runs on the connection's own user, like the first-admin set-up; the membership's
 * audit row (trigger memberships_audit) names the creator.
 */
export async function createOrganisation(caller: MemberCaller | AccountCaller, { name }: z.output<typeof createOrganisationInput>) {
  if (caller.kind !== 'member' || !caller.organisations.some((o) => o.role === 'owner')) {
    throw new ActionError('forbidden', 'Only an owner of an organisation may start another one.');
  }
  const db = await getDb();
  const organisation = await db.transaction(async (tx) => {
    const runner = tx as unknown as Database;
    const [org] = await runner
      .insert(organisations)
      .values({ slug: await freeSlug(runner, name), name })
      .returning({ id: organisations.id, slug: organisations.slug, name: organisations.name });
    await tx.execute(sql`select set_config('gantry.actor', ${`user:${caller.userId}`}, true)`);
    await runner.insert(memberships).values({ organisationId: org!.id, userId: caller.userId, role: 'owner' });
    await runner
      .update(authSessions)
      .set({ activeOrganisationId: org!.id })
      .where(and(eq(authSessions.id, caller.sessionId), eq(authSessions.userId, caller.userId)));
    return org!;
  });
  return organisation;
}
