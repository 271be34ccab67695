import 'server-only';

import { randomUUID } from 'node:crypto';

import { hashPassword } from 'better-auth/crypto';

import type { Database } from '../db/connection';
import { authAccounts, users } from '../db/schema';

/**
 * A person with an email-and-password account, written as the auth library writes one (a user
 * row and a `credential` account with the scrypt hash). Their memberships are separate.
 */
export async function createPasswordAccount(
  db: Database,
  {
    name,
    email,
    password,
    passwordHash,
  }: { name: string; email: string } & ({ password: string; passwordHash?: never } | { passwordHash: string; password?: never }),
): Promise<string> {
  const userId = randomUUID();
  const hash = passwordHash ?? (await hashPassword(password!));
  await db.insert(users).values({ id: userId, name, email: email.trim().toLowerCase() });
  await db.insert(authAccounts).values({ id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: hash });
  return userId;
}
