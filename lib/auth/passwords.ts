import 'server-only';

import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';

import { getDb } from '../db/client';
import type { Database } from '../db/connection';
import { authAccounts, authSessions } from '../db/schema';
import { recordAuthEvent } from './audit';
import type { AccountCaller, MemberCaller } from './identity';
import { newPasswordSchema, PASSWORD_MAX_LENGTH } from './password-rules';
import { ActionError } from '../procedure/result';
import { clearAttempts, consumeAttempt } from './sign-in-limits';

export const changePasswordInput = z
  .object({
    currentPassword: z
      .string({ error: 'Enter your current password' })
      .min(1, { message: 'Enter your current password' })
      .max(PASSWORD_MAX_LENGTH, { message: 'This is not your current password' }),
    newPassword: newPasswordSchema,
  })
  .refine((value) => value.newPassword !== value.currentPassword, {
    path: ['newPassword'],
    message: 'Choose a password other than the current one',
  });

/** The scrypt hash of a person's password, or null when they have no password account. */
async function passwordHashOf(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ hash: authAccounts.password })
    .from(authAccounts)
    .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, 'credential')));
  return row?.hash ?? null;
}

/**
 * Sets the hash of a new password and signs the person out everywhere except `keepSessionId`.
 * Accounts and sessions are the auth library's, outside any organisation: the connection's user.
 */
export async function replacePassword(db: Database, { userId, password, keepSessionId }: { userId: string; password: string; keepSessionId?: string }) {
  const hash = await hashPassword(password);
  return db.transaction(async (tx) => {
    await tx
      .update(authAccounts)
      .set({ password: hash })
      .where(and(eq(authAccounts.userId, userId), eq(authAccounts.providerId, 'credential')));
    const revoked = await tx
      .delete(authSessions)
      .where(keepSessionId ? and(eq(authSessions.userId, userId), ne(authSessions.id, keepSessionId)) : eq(authSessions.userId, userId))
      .returning({ id: authSessions.id });
    return revoked.length;
  });
}

/**
 * A signed-in person changes their password: the current one is required (and its guesses count
 * against the same per-email limit as sign-in), the new one follows the password rules, and every
 * other session of theirs ends. Written to the audit log.
 */
export async function changePassword(caller: MemberCaller | AccountCaller, { currentPassword, newPassword }: z.output<typeof changePasswordInput>) {
  const email = caller.email.toLowerCase();
  if (newPassword.toLowerCase() === email) {
    throw new ActionError('invalid_input', 'One field needs another look; see the message beside it.', {
      newPassword: 'Choose a password that is not your email address',
    });
  }
  const db = await getDb();
  const limited = await consumeAttempt(db, 'email', email);
  if (!limited.allowed) {
    const minutes = Math.ceil(limited.retryAfter / 60);
    throw new ActionError('forbidden', `Too many attempts with a wrong password. Wait ${minutes} minute${minutes === 1 ? '' : 's'}, then try again.`);
  }
  const hash = await passwordHashOf(db, caller.userId);
  if (!hash || !(await verifyPassword({ hash, password: currentPassword }))) {
    throw new ActionError('forbidden', 'Your current password is not the one you typed; nothing was changed.', {
      currentPassword: 'This is not your current password',
    });
  }
  const sessionsEnded = await replacePassword(db, { userId: caller.userId, password: newPassword, keepSessionId: caller.sessionId });
  await clearAttempts(db, 'email', email);
  await recordAuthEvent(db, {
    action: 'password_change',
    actor: `user:${caller.userId}`,
    resourceId: caller.userId,
    context: { sessions_ended: sessionsEnded },
  });
  return { sessionsEnded };
}
