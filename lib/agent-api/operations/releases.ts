import { z } from 'zod';

import { ActionError } from '../../procedure/result';
import { requestDeployment, requestDeploymentInput } from '../../releases/gate';
import { actorOf } from '../../auth/identity';
import { recordComplianceResult, recordComplianceResultInput } from '../../releases/results';
import { defineOperation } from '../operation';
import { AgentProblem } from '../problem';
import { timestamp } from './schemas';

export const recordCheckResultOperation = defineOperation({
  id: 'recordCheckResult',
  method: 'POST',
  path: '/api/v1/releases/{releaseId}/results',
  summary: 'Record a compliance result on a release',
  description:
    'One result (pass, fail, skip, error) of a standard that applies to the release; `checked_by` names the caller (`agent:<builder>` for a token). Results are append-only: a correction is a new result.',
  tag: 'Releases',
  access: { permission: 'compliance:record' },
  input: recordComplianceResultInput,
  output: z.object({ id: z.number().int(), result: z.string(), checkedAt: timestamp, standardId: z.string(), releaseId: z.string() }),
  successStatus: 201,
  mcpTool: 'record_check_result',
  run: async ({ tx, caller, input }) => {
    const row = await recordComplianceResult(tx, { ...input, organisationId: caller.organisationId, checkedBy: actorOf(caller) });
    return { ...row, id: Number(row.id), checkedAt: new Date(row.checkedAt).toISOString() };
  },
});

export const requestDeploymentOperation = defineOperation({
  id: 'requestDeployment',
  method: 'POST',
  path: '/api/v1/releases/{releaseId}/deployments',
  summary: 'Request a deployment through the deploy gate',
  description:
    'Records a pending deployment of the release to a target. The deploy gate decides: while a claim in its scope fails (POLICY-001) or a quantitative one is untested (POLICY-002) it answers 409 `policy_refused`, naming the policy and the claims.',
  tag: 'Releases',
  access: { permission: 'deploys:request' },
  input: requestDeploymentInput,
  output: z.object({ id: z.number().int(), target: z.string(), version: z.string(), status: z.string() }),
  successStatus: 201,
  mcpTool: 'request_deployment',
  run: async ({ tx, caller, input }) => {
    try {
      const row = await requestDeployment(tx, { ...input, organisationId: caller.organisationId, triggeredBy: actorOf(caller) });
      return { ...row, id: Number(row.id) };
    } catch (error) {
      const policy = error instanceof ActionError ? /^(POLICY-00[12]):.*\(([^)]*)\)/.exec(error.message) : null;
      if (!policy) throw error;
      throw new AgentProblem('policy_refused', (error as ActionError).message, {}, { policy: policy[1], claims: policy[2]!.split(', ').filter(Boolean) });
    }
  },
});
