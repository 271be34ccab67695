'use server';

import { assertMayAttachEvidence } from '@/lib/agent-api/holding';
import { defineAction } from '@/lib/procedure/action';
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

export const moveRoadmapItem = defineAction({
  name: 'moveRoadmapItem',
  access: { permission: 'plan:edit' },
  input: moveRoadmapItemInput,
  run: ({ tx, caller, input }) => move(tx, caller.organisationId, input),
});

export const setRoadmapItemStatus = defineAction({
  name: 'setRoadmapItemStatus',
  access: { permission: 'plan:edit' },
  input: setRoadmapItemStatusInput,
  run: ({ tx, caller, input }) => setStatus(tx, caller.organisationId, input),
});

export const addRoadmapDependency = defineAction({
  name: 'addRoadmapDependency',
  access: { permission: 'plan:edit' },
  input: addRoadmapDependencyInput,
  run: ({ tx, caller, input }) => addDependency(tx, caller.organisationId, actorOf(caller), input),
});

export const removeRoadmapDependency = defineAction({
  name: 'removeRoadmapDependency',
  access: { permission: 'plan:edit' },
  input: removeRoadmapDependencyInput,
  run: ({ tx, caller, input }) => removeDependency(tx, caller.organisationId, input),
});

export const assignRoadmapItem = defineAction({
  name: 'assignRoadmapItem',
  access: { permission: 'plan:edit' },
  input: assignRoadmapItemInput,
  run: ({ tx, caller, input }) => assign(tx, caller.organisationId, actorOf(caller), input),
});

export const attachRoadmapEvidence = defineAction({
  name: 'attachRoadmapEvidence',
  access: { permission: 'evidence:attach' },
  input: attachEvidenceInput,
  run: async ({ tx, caller, input }) => {
    await assertMayAttachEvidence(tx, caller, input.workId);
    return attachEvidence(tx, caller.organisationId, actorOf(caller), input);
  },
});
