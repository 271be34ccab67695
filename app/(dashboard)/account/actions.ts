'use server';

import { defineAction } from '@/lib/procedure/action';
import { changePassword as changeOwnPassword, changePasswordInput } from '@/lib/auth/passwords';

/** A signed-in person changes their own password; their other sessions end. */
export const changePassword = defineAction({
  name: 'changePassword',
  access: 'signed-in',
  input: changePasswordInput,
  run: ({ caller, input }) => changeOwnPassword(caller, input),
});
