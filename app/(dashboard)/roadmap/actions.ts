'use server';

import { assertMayAttachEvidence } from '@/lib/agent-api/holding';
import { defineAction, permittedAction } from '@/lib/procedure/action';
import { actorOf } from '@/lib/auth/identity';
import { assignRoadmapItem as assign, assignRoadmapItemInput } from '@/lib/roadmap/assign';
import {
  addRoadmapDependency as addDependency,
  addRoadmapDependencyInput,
  removeRoadmapDependency as removeDependency,
  removeRoadmapDependencyInput,
} from '@/lib/roadmap/dependencies';
import { attachEvidence, attachEvidenceInput } from '@/lib/roadmap/evidence';
import { moveRoadmapItem as move, moveRoadmapItemInput } from '@/lib/roadmap/move';
import { setRoadmapItemStatus as setStatus, setRoadmapItemStatusInput } from '@/lib/roadmap/status';

// Planning the roadmap is a manager's work ('plan:edit'); evidence may also come from builders.

export const moveRoadmapItem = permittedAction('moveRoadmapItem', { permission: 'plan:edit' }, moveRoadmapItemInput, (tx, caller, input) =>
  move(tx, caller.organisationId, input),
);

export const setRoadmapItemStatus = permittedAction('setRoadmapItemStatus', { permission: 'plan:edit' }, setRoadmapItemStatusInput, (tx, caller, input) =>
  setStatus(tx, caller.organisationId, input),
);

export const addRoadmapDependency = permittedAction('addRoadmapDependency', { permission: 'plan:edit' }, addRoadmapDependencyInput, (tx, caller, input) =>
  addDependency(tx, caller.organisationId, actorOf(caller), input),
);

export const removeRoadmapDependency = permittedAction(
  'removeRoadmapDependency',
  { permission: 'plan:edit' },
  removeRoadmapDependencyInput,
  (tx, caller, input) => removeDependency(tx, caller.organisationId, input),
);

export const assignRoadmapItem = permittedAction('assignRoadmapItem', { permission: 'plan:edit' }, assignRoadmapItemInput, (tx, caller, input) =>
  assign(tx, caller.organisationId, actorOf(caller), input),
);

export const attachRoadmapEvidence = defineAction({
  name: 'attachRoadmapEvidence',
  access: { permission: 'evidence:attach' },
  input: attachEvidenceInput,
  run: async ({ tx, caller, input }) => {
    await assertMayAttachEvidence(tx, caller, input.workId);
    return attachEvidence(tx, caller.organisationId, actorOf(caller), input);
  },
});
