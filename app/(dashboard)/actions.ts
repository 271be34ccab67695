'use server';

import { defineAction } from '@/lib/auth/action';
import { switchOrganisation as switchSessionOrganisation, switchOrganisationInput } from '@/lib/auth/memberships';

/** Works in another of the signed-in person's organisations from the next page on. */
export const switchOrganisation = defineAction({
  name: 'switchOrganisation',
  access: 'signed-in',
  input: switchOrganisationInput,
  run: ({ caller, input }) => switchSessionOrganisation(caller, input),
});
