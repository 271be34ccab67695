'use server';

import { permittedAction } from '@/lib/procedure/action';
import { planningBatchInput } from '@/lib/planning/action-types';
import { applyPlanningActions } from '@/lib/planning/planning-actions';
import {
  createProject as createProjectRow,
  createProjectInput,
  deleteProject as deleteProjectRow,
  projectIdInput,
  updateProject as updateProjectRow,
  updateProjectInput,
} from '@/lib/planning/projects';

// Owners and managers plan (plan:edit); the database's rules decide the rest.
const plan = { permission: 'plan:edit' } as const;

export const createProject = permittedAction('createProject', plan, createProjectInput, (tx, caller, input) => createProjectRow(tx, caller, input));

export const updateProject = permittedAction('updateProject', plan, updateProjectInput, (tx, caller, input) => updateProjectRow(tx, caller, input));

export const deleteProject = permittedAction('deleteProject', plan, projectIdInput, (tx, caller, input) => deleteProjectRow(tx, caller, input));

/**
 * Every change of a story map or a card: a batch of planning actions, applied in order until the
 * first refusal, each recorded (lib/planning/planning-actions.ts). A refusal is in the answer's
 * `rejected`, not an error: the actions before it stay applied and the refusal stays in the log.
 */
export const applyPlanningBatch = permittedAction('applyPlanningBatch', plan, planningBatchInput, (tx, caller, input) =>
  applyPlanningActions(tx, caller, input),
);
