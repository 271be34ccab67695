'use server';

import { defineAction } from '@/lib/procedure/action';
import {
  addCrDependency as addDependency,
  addCrDependencyInput,
  removeCrDependency as removeDependency,
  removeCrDependencyInput,
} from '@/lib/roadmap/change-requests';

export const addCrDependency = defineAction({
  name: 'addCrDependency',
  access: { permission: 'plan:edit' },
  input: addCrDependencyInput,
  run: ({ tx, caller, input }) => addDependency(tx, caller.organisationId, input),
});

export const removeCrDependency = defineAction({
  name: 'removeCrDependency',
  access: { permission: 'plan:edit' },
  input: removeCrDependencyInput,
  run: ({ tx, caller, input }) => removeDependency(tx, caller.organisationId, input),
});
