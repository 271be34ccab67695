'use server';

import { defineAction } from '@/lib/auth/action';
import {
  createApiToken as createToken,
  createApiTokenInput,
  revokeApiToken as revokeToken,
  revokeApiTokenInput,
} from '@/lib/auth/api-tokens';
import { changeMemberRole as changeRole, changeMemberRoleInput } from '@/lib/auth/memberships';

// Token and member changes are made by people, never by another token.

export const createApiToken = defineAction({
  name: 'createApiToken',
  access: { permission: 'tokens:manage', callers: ['member'] },
  input: createApiTokenInput,
  run: ({ tx, caller, input }) =>
    createToken(tx, { ...input, organisationId: caller.organisationId, createdBy: caller.kind === 'member' ? caller.userId : '' }),
});

export const revokeApiToken = defineAction({
  name: 'revokeApiToken',
  access: { permission: 'tokens:manage', callers: ['member'] },
  input: revokeApiTokenInput,
  run: ({ tx, caller, input }) => revokeToken(tx, { ...input, revokedBy: caller.kind === 'member' ? caller.userId : '' }),
});

export const changeMemberRole = defineAction({
  name: 'changeMemberRole',
  access: { permission: 'members:manage', callers: ['member'] },
  input: changeMemberRoleInput,
  run: ({ tx, input }) => changeRole(tx, input),
});
