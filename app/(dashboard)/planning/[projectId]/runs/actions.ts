'use server';

import { permittedAction } from '@/lib/procedure/action';
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

export const resumePlanningAssignment = permittedAction('resumePlanningAssignment', { permission: 'plan:edit' }, assignmentActionInput, (tx, caller, input) =>
  resume(tx, { caller, input }),
);

export const resolvePlanningApproval = permittedAction('resolvePlanningApproval', { permission: 'runs:approve' }, resolveApprovalInput, (tx, caller, input) =>
  resolve(tx, { caller, input }),
);

export const createPlanningAssignment = permittedAction('createPlanningAssignment', { permission: 'plan:edit' }, createAssignmentInput, (tx, caller, input) =>
  assign(tx, { caller, input }),
);

export const cancelPlanningRun = permittedAction('cancelPlanningRun', { permission: 'plan:edit' }, runActionInput, (tx, caller, input) =>
  cancel(tx, { caller, input }),
);

export const startPlanningRun = permittedAction('startPlanningRun', { permission: 'plan:edit' }, startRunInput, (tx, caller, input) =>
  start(tx, { caller, input }),
);
