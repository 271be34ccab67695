'use server';

import { permittedAction } from '@/lib/procedure/action';
import { actorOf } from '@/lib/auth/identity';
import { requestDeployment as deploy, requestDeploymentInput } from '@/lib/releases/gate';
import { recordComplianceResult as record, recordComplianceResultInput } from '@/lib/releases/results';

// A reviewer's manual result; automated checks will reach the same domain function through the API.
export const recordComplianceResult = permittedAction(
  'recordComplianceResult',
  { permission: 'compliance:record' },
  recordComplianceResultInput,
  (tx, caller, input) => record(tx, { ...input, organisationId: caller.organisationId, checkedBy: actorOf(caller) }),
);

// The database's gate (enforce_deploy_gate) decides whether the deploy may go ahead.
export const requestDeployment = permittedAction('requestDeployment', { permission: 'deploys:request' }, requestDeploymentInput, (tx, caller, input) =>
  deploy(tx, { ...input, organisationId: caller.organisationId, triggeredBy: actorOf(caller) }),
);
