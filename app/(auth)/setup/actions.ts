'use server';

import { defineAction } from '@/lib/procedure/action';
import { createFirstAdmin as createFirstAdminAccount, firstAdminInput } from '@/lib/auth/first-admin';
import { signInWithPassword } from '@/lib/auth/sessions';

/** The first visitor of a fresh instance creates the admin account, and is signed in with it. */
export const createFirstAdmin = defineAction({
  name: 'createFirstAdmin',
  access: 'first-admin',
  input: firstAdminInput,
  run: async ({ input }) => {
    const admin = await createFirstAdminAccount(input);
    await signInWithPassword(input.email, input.password);
    return { organisationName: admin.organisationName };
  },
});
