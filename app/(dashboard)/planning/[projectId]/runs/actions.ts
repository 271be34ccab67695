'use server';

import { defineAction } from '@/lib/procedure/action';
import { resolveApproval as resolve, resolveApprovalInput } from '@/lib/planning/approvals';
import {
  assignmentActionInput,
  cancelRun as cancel,
  createAssignment as assign,
  createAssignmentInput,
  resumeAssignment as resume,
  runActionInput,
  startRun as start,
  startRunInput,
} from '@/lib/planning/run-actions';

// A run's life from the runs pages. The order matters to nobody but the procedures test, which
// calls them in this order against the demo (resume the blocked run, then cancel it, then start one).

export const resumePlanningAssignment = defineAction({
  name: 'resumePlanningAssignment',
  access: { permission: 'plan:edit' },
  input: assignmentActionInput,
  run: ({ tx, caller, input }) => resume(tx, { caller, input }),
});

export const resolvePlanningApproval = defineAction({
  name: 'resolvePlanningApproval',
  access: { permission: 'runs:approve' },
  input: resolveApprovalInput,
  run: ({ tx, caller, input }) => resolve(tx, { caller, input }),
});

export const createPlanningAssignment = defineAction({
  name: 'createPlanningAssignment',
  access: { permission: 'plan:edit' },
  input: createAssignmentInput,
  run: ({ tx, caller, input }) => assign(tx, { caller, input }),
});

export const cancelPlanningRun = defineAction({
  name: 'cancelPlanningRun',
  access: { permission: 'plan:edit' },
  input: runActionInput,
  run: ({ tx, caller, input }) => cancel(tx, { caller, input }),
});

export const startPlanningRun = defineAction({
  name: 'startPlanningRun',
  access: { permission: 'plan:edit' },
  input: startRunInput,
  run: ({ tx, caller, input }) => start(tx, { caller, input }),
});
