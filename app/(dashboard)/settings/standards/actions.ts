'use server';

import { defineAction } from '@/lib/procedure/action';
import { activateCharterDoc as activate, activateCharterDocInput, addCharterDoc as addDoc, addCharterDocInput } from '@/lib/standards/charters';
import {
  assignStandard as assign,
  assignStandardInput,
  createStandard as create,
  createStandardInput,
  unassignStandard as unassign,
  unassignStandardInput,
  updateStandard as update,
  updateStandardInput,
} from '@/lib/standards/standards';

// Standards and charters are changed by people (owners and managers), never by a token.
const access = { permission: 'standards:manage', callers: ['member'] } as const;

export const createStandard = defineAction({
  name: 'createStandard',
  access,
  input: createStandardInput,
  run: ({ tx, caller, input }) => create(tx, { ...input, organisationId: caller.organisationId }),
});

export const updateStandard = defineAction({
  name: 'updateStandard',
  access,
  input: updateStandardInput,
  run: ({ tx, caller, input }) => update(tx, { ...input, organisationId: caller.organisationId }),
});

export const assignStandard = defineAction({
  name: 'assignStandard',
  access,
  input: assignStandardInput,
  run: ({ tx, caller, input }) => assign(tx, { ...input, organisationId: caller.organisationId }),
});

export const unassignStandard = defineAction({
  name: 'unassignStandard',
  access,
  input: unassignStandardInput,
  run: ({ tx, caller, input }) => unassign(tx, { ...input, organisationId: caller.organisationId }),
});

export const addCharterDoc = defineAction({
  name: 'addCharterDoc',
  access,
  input: addCharterDocInput,
  run: ({ tx, caller, input }) => addDoc(tx, { ...input, organisationId: caller.organisationId, approvedBy: caller.kind === 'member' ? caller.name : 'token' }),
});

export const activateCharterDoc = defineAction({
  name: 'activateCharterDoc',
  access,
  input: activateCharterDocInput,
  run: ({ tx, caller, input }) =>
    activate(tx, { ...input, organisationId: caller.organisationId, approvedBy: caller.kind === 'member' ? caller.name : 'token' }),
});
