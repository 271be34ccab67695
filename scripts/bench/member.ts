import { and, eq, isNull } from 'drizzle-orm';

import { createPasswordAccount } from '../../lib/auth/accounts';
import type { Database } from '../../lib/db/connection';
import { memberships, organisations, users } from '../../lib/db/schema';
import { demoOrganisation } from '../../lib/db/seed/demo-portfolio';

/** An owner of the demo organisation for the benchmark to sign in as; kept if it exists. */
export async function addBenchmarkMember(db: Database, member: { name: string; email: string; password: string }): Promise<void> {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, member.email));
  if (existing) return;
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.slug, demoOrganisation.slug), isNull(organisations.deletedAt)));
  if (!org) throw new Error('The benchmark database has no demo organisation');
  const userId = await createPasswordAccount(db, member);
  await db.insert(memberships).values({ organisationId: org.id, userId, role: 'owner' });
}
