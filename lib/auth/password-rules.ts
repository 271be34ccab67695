import { z } from 'zod';

/**
 * Password rules, shared by the forms, the first-admin action and the auth library: long rather
 * than complicated (a passphrase of four words passes), bounded so that hashing stays cheap.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export const newPasswordSchema = z
  .string({ error: 'Choose a password' })
  .min(PASSWORD_MIN_LENGTH, { message: `Use at least ${PASSWORD_MIN_LENGTH} characters` })
  .max(PASSWORD_MAX_LENGTH, { message: `Use at most ${PASSWORD_MAX_LENGTH} characters` })
  .refine((value) => value.trim().length === value.length, { message: 'Leave no spaces at the start or end' });

export const PASSWORD_HINT = `At least ${PASSWORD_MIN_LENGTH} characters; a few unrelated words make a good one.`;
