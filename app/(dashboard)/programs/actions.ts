'use server';

import { z } from 'zod';

import { defineAction } from '@/lib/procedure/action';
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
export const loadPlanItem = defineAction({
  name: 'loadPlanItem',
  access: { permission: 'portfolio:read' },
  input: planItemInput,
  run: ({ tx, caller, input }) => readPlanItem(tx, caller.organisationId, input),
});

export const createProgram = defineAction({
  name: 'createProgram',
  access: plan,
  input: createProgramInput,
  run: ({ tx, caller, input }) => createProgramRow(tx, caller, input),
});
export const updateProgram = defineAction({
  name: 'updateProgram',
  access: plan,
  input: updateProgramInput,
  run: ({ tx, caller, input }) => updateProgramRow(tx, caller, input),
});
export const createProduct = defineAction({
  name: 'createProduct',
  access: plan,
  input: createProductInput,
  run: ({ tx, caller, input }) => createProductRow(tx, caller, input),
});
export const updateProduct = defineAction({
  name: 'updateProduct',
  access: plan,
  input: updateProductInput,
  run: ({ tx, caller, input }) => updateProductRow(tx, caller, input),
});
export const createFeature = defineAction({
  name: 'createFeature',
  access: plan,
  input: createFeatureInput,
  run: ({ tx, caller, input }) => createFeatureRow(tx, caller, input),
});
export const updateFeature = defineAction({
  name: 'updateFeature',
  access: plan,
  input: updateFeatureInput,
  run: ({ tx, caller, input }) => updateFeatureRow(tx, caller, input),
});
export const createRelease = defineAction({
  name: 'createRelease',
  access: plan,
  input: createReleaseInput,
  run: ({ tx, caller, input }) => createReleaseRow(tx, caller, input),
});
export const updateRelease = defineAction({
  name: 'updateRelease',
  access: plan,
  input: updateReleaseInput,
  run: ({ tx, caller, input }) => updateReleaseRow(tx, caller, input),
});
export const createChangeRequest = defineAction({
  name: 'createChangeRequest',
  access: plan,
  input: createChangeRequestInput,
  run: ({ tx, caller, input }) => createCrRow(tx, caller, input),
});
export const updateChangeRequest = defineAction({
  name: 'updateChangeRequest',
  access: plan,
  input: updateChangeRequestInput,
  run: ({ tx, caller, input }) => updateCrRow(tx, caller, input),
});
export const createBug = defineAction({
  name: 'createBug',
  access: plan,
  input: createBugInput,
  run: ({ tx, caller, input }) => createBugRow(tx, caller, input),
});
export const updateBug = defineAction({
  name: 'updateBug',
  access: plan,
  input: updateBugInput,
  run: ({ tx, caller, input }) => updateBugRow(tx, caller, input),
});
export const createRoadmapItem = defineAction({
  name: 'createRoadmapItem',
  access: plan,
  input: createRoadmapItemInput,
  run: ({ tx, caller, input }) => createRoadmapRow(tx, caller, input),
});
export const updateRoadmapItem = defineAction({
  name: 'updateRoadmapItem',
  access: plan,
  input: updateRoadmapItemInput,
  run: ({ tx, caller, input }) => updateRoadmapRow(tx, caller, input),
});
export const createWave = defineAction({
  name: 'createWave',
  access: plan,
  input: createWaveInput,
  run: ({ tx, caller, input }) => createWaveRow(tx, caller, input),
});
export const updateWave = defineAction({
  name: 'updateWave',
  access: plan,
  input: updateWaveInput,
  run: ({ tx, caller, input }) => updateWaveRow(tx, caller, input),
});
export const createTask = defineAction({
  name: 'createTask',
  access: plan,
  input: createTaskInput,
  run: ({ tx, caller, input }) => createTaskRow(tx, caller, input),
});
export const updateTask = defineAction({
  name: 'updateTask',
  access: plan,
  input: updateTaskInput,
  run: ({ tx, caller, input }) => updateTaskRow(tx, caller, input),
});

/** Soft delete and restore, for every kind: one pair, keyed by kind (lib/plan/trash.ts). */
export const deletePlanItem = defineAction({
  name: 'deletePlanItem',
  access: plan,
  input: planItemInput,
  run: ({ tx, caller, input }) => deleteRow(tx, caller, input),
});
export const restorePlanItem = defineAction({
  name: 'restorePlanItem',
  access: plan,
  input: planItemInput,
  run: ({ tx, caller, input }) => restoreRow(tx, caller, input),
});
