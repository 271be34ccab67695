'use server';

import { defineAction } from '@/lib/procedure/action';
import { switchOrganisation as switchSessionOrganisation, switchOrganisationInput } from '@/lib/organisations/memberships';
import { createOrganisation as createOwnOrganisation, createOrganisationInput } from '@/lib/organisations/organisations';

/** Works in another of the signed-in person's organisations from the next page on. */
export const switchOrganisation = defineAction({
  name: 'switchOrganisation',
  access: 'signed-in',
  input: switchOrganisationInput,
  run: ({ caller, input }) => switchSessionOrganisation(caller, input),
});

/** An owner starts another organisation, owns it, and works in it from the next page on. */
export const createOrganisation = defineAction({
  name: 'createOrganisation',
  access: 'signed-in',
  input: createOrganisationInput,
  run: ({ caller, input }) => createOwnOrganisation(caller, input),
});
