'use server';

import { defineAction } from '@/lib/procedure/action';
import { resetPassword as reset, resetPasswordInput } from '@/lib/auth/password-resets';

/** Whoever holds a member's one-time reset link sets their new password (access 'password-reset'). */
export const resetPassword = defineAction({
  name: 'resetPassword',
  access: 'password-reset',
  input: resetPasswordInput,
  run: ({ caller, link, input }) => reset(link, caller, input),
});
