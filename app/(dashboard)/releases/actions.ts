'use server';

import { defineAction } from '@/lib/procedure/action';
import { actorOf } from '@/lib/auth/identity';
import { requestDeployment as deploy, requestDeploymentInput } from '@/lib/releases/gate';
import { recordComplianceResult as record, recordComplianceResultInput } from '@/lib/releases/results';

// A reviewer's manual result; automated checks will reach the same domain function through the API.
export const recordComplianceResult = defineAction({
  name: 'recordComplianceResult',
  access: { permission: 'compliance:record' },
  input: recordComplianceResultInput,
  run: ({ tx, caller, input }) => record(tx, { ...input, organisationId: caller.organisationId, checkedBy: actorOf(caller) }),
});

// The database's gate (enforce_deploy_gate) decides whether the deploy may go ahead.
export const requestDeployment = defineAction({
  name: 'requestDeployment',
  access: { permission: 'deploys:request' },
  input: requestDeploymentInput,
  run: ({ tx, caller, input }) => deploy(tx, { ...input, organisationId: caller.organisationId, triggeredBy: actorOf(caller) }),
});
