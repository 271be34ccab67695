'use server';

import { defineAction, permittedAction } from '@/lib/procedure/action';
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

export const raiseBlocker = permittedAction('raiseBlocker', { permission: 'blockers:raise' }, raiseBlockerInput, (tx, caller, input) =>
  raise(tx, { caller, input }),
);

export const resolveBlocker = permittedAction('resolveBlocker', { permission: 'blockers:resolve' }, resolveBlockerInput, (tx, caller, input) =>
  resolve(tx, { caller, input }),
);

export const escalateBlocker = permittedAction('escalateBlocker', { permission: 'blockers:resolve' }, escalateBlockerInput, (tx, caller, input) =>
  escalate(tx, { caller, input }),
);

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
