'use server';

import { z } from 'zod';

import { defineAction, permittedAction } from '@/lib/procedure/action';
import { createBug as createBugRow, createBugInput, updateBug as updateBugRow, updateBugInput } from '@/lib/plan/bugs';
import {
  createChangeRequest as createCrRow,
  createChangeRequestInput,
  updateChangeRequest as updateCrRow,
  updateChangeRequestInput,
} from '@/lib/plan/change-requests';
import { createFeature as createFeatureRow, createFeatureInput, updateFeature as updateFeatureRow, updateFeatureInput } from '@/lib/plan/features';
import { getPlanOptions } from '@/lib/plan/options';
import { createProduct as createProductRow, createProductInput, updateProduct as updateProductRow, updateProductInput } from '@/lib/plan/products';
import { createProgram as createProgramRow, createProgramInput, updateProgram as updateProgramRow, updateProgramInput } from '@/lib/plan/programs';
import { createRelease as createReleaseRow, createReleaseInput, updateRelease as updateReleaseRow, updateReleaseInput } from '@/lib/plan/releases';
import {
  createRoadmapItem as createRoadmapRow,
  createRoadmapItemInput,
  updateRoadmapItem as updateRoadmapRow,
  updateRoadmapItemInput,
} from '@/lib/plan/roadmap-items';
import { createTask as createTaskRow, createTaskInput, updateTask as updateTaskRow, updateTaskInput } from '@/lib/plan/tasks';
import { deletePlanItem as deleteRow, planItemInput, readPlanItem, restorePlanItem as restoreRow } from '@/lib/plan/trash';
import { createWave as createWaveRow, createWaveInput, updateWave as updateWaveRow, updateWaveInput } from '@/lib/plan/waves';

// The plan is made and changed by owners and managers (plan:edit); the database's rules decide the rest.
const plan = { permission: 'plan:edit' } as const;

export const loadPlanOptions = defineAction({
  name: 'loadPlanOptions',
  access: { permission: 'portfolio:read' },
  input: z.object({}),
  run: ({ tx, caller }) => getPlanOptions(tx, caller.organisationId),
});

/** One live item's fields, for an edit form (any member may read the plan). */
export const loadPlanItem = permittedAction('loadPlanItem', { permission: 'portfolio:read' }, planItemInput, (tx, caller, input) =>
  readPlanItem(tx, caller.organisationId, input),
);

export const createProgram = permittedAction('createProgram', plan, createProgramInput, (tx, caller, input) => createProgramRow(tx, caller, input));
export const updateProgram = permittedAction('updateProgram', plan, updateProgramInput, (tx, caller, input) => updateProgramRow(tx, caller, input));
export const createProduct = permittedAction('createProduct', plan, createProductInput, (tx, caller, input) => createProductRow(tx, caller, input));
export const updateProduct = permittedAction('updateProduct', plan, updateProductInput, (tx, caller, input) => updateProductRow(tx, caller, input));
export const createFeature = permittedAction('createFeature', plan, createFeatureInput, (tx, caller, input) => createFeatureRow(tx, caller, input));
export const updateFeature = permittedAction('updateFeature', plan, updateFeatureInput, (tx, caller, input) => updateFeatureRow(tx, caller, input));
export const createRelease = permittedAction('createRelease', plan, createReleaseInput, (tx, caller, input) => createReleaseRow(tx, caller, input));
export const updateRelease = permittedAction('updateRelease', plan, updateReleaseInput, (tx, caller, input) => updateReleaseRow(tx, caller, input));
export const createChangeRequest = permittedAction('createChangeRequest', plan, createChangeRequestInput, (tx, caller, input) =>
  createCrRow(tx, caller, input),
);
export const updateChangeRequest = permittedAction('updateChangeRequest', plan, updateChangeRequestInput, (tx, caller, input) =>
  updateCrRow(tx, caller, input),
);
export const createBug = permittedAction('createBug', plan, createBugInput, (tx, caller, input) => createBugRow(tx, caller, input));
export const updateBug = permittedAction('updateBug', plan, updateBugInput, (tx, caller, input) => updateBugRow(tx, caller, input));
export const createRoadmapItem = permittedAction('createRoadmapItem', plan, createRoadmapItemInput, (tx, caller, input) => createRoadmapRow(tx, caller, input));
export const updateRoadmapItem = permittedAction('updateRoadmapItem', plan, updateRoadmapItemInput, (tx, caller, input) => updateRoadmapRow(tx, caller, input));
export const createWave = permittedAction('createWave', plan, createWaveInput, (tx, caller, input) => createWaveRow(tx, caller, input));
export const updateWave = permittedAction('updateWave', plan, updateWaveInput, (tx, caller, input) => updateWaveRow(tx, caller, input));
export const createTask = permittedAction('createTask', plan, createTaskInput, (tx, caller, input) => createTaskRow(tx, caller, input));
export const updateTask = permittedAction('updateTask', plan, updateTaskInput, (tx, caller, input) => updateTaskRow(tx, caller, input));

/** Soft delete and restore, for every kind: one pair, keyed by kind (lib/plan/trash.ts). */
export const deletePlanItem = permittedAction('deletePlanItem', plan, planItemInput, (tx, caller, input) => deleteRow(tx, caller, input));
export const restorePlanItem = permittedAction('restorePlanItem', plan, planItemInput, (tx, caller, input) => restoreRow(tx, caller, input));
