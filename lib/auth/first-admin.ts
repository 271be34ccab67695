import 'server-only';

import { hashPassword } from 'better-auth/crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { memberships, organisations, users } from '../db/schema';
import { demoOrganisation } from '../db/seed/demo-portfolio';
import { createPasswordAccount } from './accounts';
import { newPasswordSchema } from './password-rules';
import { ActionError } from '../procedure/result';

export const firstAdminInput = z
  .object({
    name: z.string({ error: 'Enter your name' }).trim().min(1, { message: 'Enter your name' }).max(100, { message: 'Use at most 100 characters' }),
    email: z
      .string({ error: 'Enter your email address' })
      .trim()
      .max(254, { message: 'At most 254 characters.' })
      .toLowerCase()
      .pipe(z.email({ message: 'Enter an email address, like ada@example.com' }).max(254)),
    password: newPasswordSchema,
    organisationName: z
      .string({ error: 'Name your organisation' })
      .trim()
      .max(100, { message: 'Use at most 100 characters' })
      .optional()
      .transform((value) => value || undefined),
  })
  .refine((value) => value.password.toLowerCase() !== value.email, {
    path: ['password'],
    message: 'Choose a password that is not your email address',
  });

export type FirstAdminInput = z.output<typeof firstAdminInput>;

async function accountExists(db: Database): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}

/** Whether anyone has an account yet; until then, the first visitor is asked to create the admin. */
export async function hasAnyAccount(): Promise<boolean> {
  return accountExists(await getDb());
}

/** What the set-up page needs to know: is it still open, and which organisation will the admin join. */
export async function getSetupState(): Promise<{ open: boolean; demoOrganisationName: string | null }> {
  const db = await getDb();
  if (await accountExists(db)) return { open: false, demoOrganisationName: null };
  return { open: true, demoOrganisationName: (await findDemoOrganisation(db))?.name ?? null };
}

async function findDemoOrganisation(db: Database) {
  const [org] = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.slug, demoOrganisation.slug), isNull(organisations.deletedAt)));
  return org;
}

/** A slug for a new organisation's name ("Acme Robotics" → "acme-robotics"). */
export function slugOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return slug.length >= 2 ? slug : 'organisation';
}

/**
 * Creates the instance's first account, an owner of the demo organisation (slug 'demo', which
 * holds the demo data), or of a new organisation named in the form where there is no demo.
 * Refused once any account exists; an advisory lock makes two visitors at once take turns, so
 * exactly one becomes the admin. Runs on the connection's own user: no organisation is set yet.
 */
export async function createFirstAdmin(input: FirstAdminInput): Promise<{ userId: string; organisationName: string }> {
  const db = await getDb();
  // Hash before taking the lock: scrypt is deliberately slow.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('gantry.first-admin', 0))`);
    if (await accountExists(tx as unknown as Database)) {
      throw new ActionError('setup_done', 'Gantry already has an admin account: sign in instead.');
    }
    const organisation =
      (await findDemoOrganisation(tx as unknown as Database)) ?? (await createOrganisation(tx as unknown as Database, input.organisationName));

    const userId = await createPasswordAccount(tx as unknown as Database, { name: input.name, email: input.email, passwordHash });
    // The membership's audit row (trigger memberships_audit) names the new admin as its actor.
    await tx.execute(sql`select set_config('gantry.actor', ${`user:${userId}`}, true)`);
    await tx.insert(memberships).values({ organisationId: organisation.id, userId, role: 'owner' });
    return { userId, organisationName: organisation.name };
  });
}

async function createOrganisation(db: Database, name: string | undefined) {
  if (!name) {
    throw new ActionError('invalid_input', 'Name the organisation you will work in.', {
      organisationName: 'Name your organisation, e.g. your company or team',
    });
  }
  const [org] = await db
    .insert(organisations)
    .values({ slug: slugOf(name), name })
    .returning({ id: organisations.id, name: organisations.name });
  return org!;
}
