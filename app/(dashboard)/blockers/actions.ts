'use server';

import { defineAction } from '@/lib/procedure/action';
import { assertSameOrganisation } from '@/lib/blockers/caller';
import { raiseBlocker as raise, raiseBlockerInput } from '@/lib/blockers/raise';
import {
  blockerEvidenceInput,
  escalateBlocker as escalate,
  escalateBlockerInput,
  listResolutionEvidence as listEvidence,
  resolveBlocker as resolve,
  resolveBlockerInput,
} from '@/lib/blockers/resolve';
import { findBlockerTargets as findTargets, findBlockerTargetsInput } from '@/lib/blockers/targets';

export const raiseBlocker = defineAction({
  name: 'raiseBlocker',
  access: { permission: 'blockers:raise' },
  input: raiseBlockerInput,
  run: ({ tx, caller, input }) => raise(tx, { caller, input }),
});

export const resolveBlocker = defineAction({
  name: 'resolveBlocker',
  access: { permission: 'blockers:resolve' },
  input: resolveBlockerInput,
  run: ({ tx, caller, input }) => resolve(tx, { caller, input }),
});

export const escalateBlocker = defineAction({
  name: 'escalateBlocker',
  access: { permission: 'blockers:resolve' },
  input: escalateBlockerInput,
  run: ({ tx, caller, input }) => escalate(tx, { caller, input }),
});

/** Reads for the dialogs: the raise form's item picker, and the evidence a resolution may name. */
export const findBlockerTargets = defineAction({
  name: 'findBlockerTargets',
  access: { permission: 'portfolio:read' },
  input: findBlockerTargetsInput,
  run: ({ tx, caller, input }) => {
    assertSameOrganisation(caller, input.organisationId);
    return findTargets(tx, input);
  },
});

export const listResolutionEvidence = defineAction({
  name: 'listResolutionEvidence',
  access: { permission: 'portfolio:read' },
  input: blockerEvidenceInput,
  run: ({ tx, input }) => listEvidence(tx, input),
});
