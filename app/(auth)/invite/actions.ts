'use server';

import { defineAction } from '@/lib/procedure/action';
import {
  acceptInvitation as accept,
  acceptInvitationInput,
  createInvitedAccount as createAccount,
  createInvitedAccountInput,
} from '@/lib/organisations/invitations';
import { signInWithPassword } from '@/lib/auth/sessions';

// The invitation's one-time token is the credential of both (access 'invitation').

/** A signed-in person joins the organisation that invited their address. */
export const acceptInvitation = defineAction({
  name: 'acceptInvitation',
  access: 'invitation',
  input: acceptInvitationInput,
  run: ({ caller, invitation }) => accept(invitation, caller),
});

/** Someone without an account creates it for the invited address, joins, and is signed in. */
export const createInvitedAccount = defineAction({
  name: 'createInvitedAccount',
  access: 'invitation',
  input: createInvitedAccountInput,
  run: async ({ caller, invitation, input }) => {
    const joined = await createAccount(invitation, caller, input);
    await signInWithPassword(joined.email, input.password);
    return { organisationName: joined.organisationName, role: joined.role };
  },
});
