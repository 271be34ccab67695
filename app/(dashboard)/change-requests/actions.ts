'use server';

import { permittedAction } from '@/lib/procedure/action';
import {
  addCrDependency as addDependency,
  addCrDependencyInput,
  removeCrDependency as removeDependency,
  removeCrDependencyInput,
} from '@/lib/roadmap/change-requests';

export const addCrDependency = permittedAction('addCrDependency', { permission: 'plan:edit' }, addCrDependencyInput, (tx, caller, input) =>
  addDependency(tx, caller.organisationId, input),
);

export const removeCrDependency = permittedAction('removeCrDependency', { permission: 'plan:edit' }, removeCrDependencyInput, (tx, caller, input) =>
  removeDependency(tx, caller.organisationId, input),
);
