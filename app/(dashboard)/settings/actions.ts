'use server';

import { defineAction, permittedAction } from '@/lib/procedure/action';
import {
  createApiToken as createToken,
  createApiTokenInput,
  createPersonalApiToken as createPersonalToken,
  createPersonalApiTokenInput,
  revokeApiToken as revokeToken,
  revokePersonalApiToken as revokePersonalToken,
  revokeApiTokenInput,
} from '@/lib/organisations/api-tokens';
import {
  addMember as add,
  addMemberInput,
  removeMember as remove,
  removeMemberInput,
  revokeInvitation as revokeInvite,
  revokeInvitationInput,
} from '@/lib/organisations/members';
import { changeMemberRole as changeRole, changeMemberRoleInput } from '@/lib/organisations/memberships';
import { issuePasswordReset as issueReset, issuePasswordResetInput } from '@/lib/auth/password-resets';

// Token and member changes are made by people, never by another token.

export const createApiToken = defineAction({
  name: 'createApiToken',
  access: { permission: 'tokens:manage', callers: ['member'] },
  input: createApiTokenInput,
  run: ({ tx, caller, input }) =>
    createToken(tx, { ...input, organisationId: caller.organisationId, createdBy: caller.kind === 'member' ? caller.userId : '' }),
});

export const revokeApiToken = permittedAction(
  'revokeApiToken',
  { permission: 'tokens:manage', callers: ['member'] },
  revokeApiTokenInput,
  (tx, caller, input) => revokeToken(tx, { ...input, revokedBy: caller.kind === 'member' ? caller.userId : '' }),
);

/** Any member makes and revokes personal tokens of their own: they act as that member, with their role. */
export const createPersonalApiToken = defineAction({
  name: 'createPersonalApiToken',
  access: { permission: 'portfolio:read', callers: ['member'] },
  input: createPersonalApiTokenInput,
  run: ({ tx, caller, input }) =>
    createPersonalToken(tx, { ...input, organisationId: caller.organisationId, userId: caller.kind === 'member' ? caller.userId : '' }),
});

export const revokePersonalApiToken = permittedAction(
  'revokePersonalApiToken',
  { permission: 'portfolio:read', callers: ['member'] },
  revokeApiTokenInput,
  (tx, caller, input) => revokePersonalToken(tx, { ...input, userId: caller.kind === 'member' ? caller.userId : '' }),
);

export const changeMemberRole = defineAction({
  name: 'changeMemberRole',
  access: { permission: 'members:manage', callers: ['member'] },
  input: changeMemberRoleInput,
  run: ({ tx, input }) => changeRole(tx, input),
});

/** An owner adds someone by email: an account joins at once; anyone else gets a one-time invitation link. */
export const addMember = permittedAction('addMember', { permission: 'members:manage', callers: ['member'] }, addMemberInput, (tx, caller, input) =>
  add(tx, { ...input, organisationId: caller.organisationId, addedBy: caller.kind === 'member' ? caller.userId : '' }),
);

export const removeMember = defineAction({
  name: 'removeMember',
  access: { permission: 'members:manage', callers: ['member'] },
  input: removeMemberInput,
  run: ({ tx, input }) => remove(tx, input),
});

export const revokeInvitation = permittedAction(
  'revokeInvitation',
  { permission: 'members:manage', callers: ['member'] },
  revokeInvitationInput,
  (tx, caller, input) => revokeInvite(tx, { ...input, revokedBy: caller.kind === 'member' ? caller.userId : '' }),
);

/** An owner issues a one-time link with which a member sets a new password (Gantry sends no email). */
export const issuePasswordReset = permittedAction(
  'issuePasswordReset',
  { permission: 'members:manage', callers: ['member'] },
  issuePasswordResetInput,
  (tx, caller, input) => issueReset(tx, { ...input, organisationId: caller.organisationId, issuedBy: caller.kind === 'member' ? caller.userId : '' }),
);
