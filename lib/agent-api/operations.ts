import type { AgentOperation } from './operation';
import {
  blockAttemptOperation,
  completeAttemptOperation,
  failAttemptOperation,
  handOffAttemptOperation,
  heartbeatOperation,
  listAttemptsOperation,
  recordEvidenceOperation,
} from './operations/attempts';
import { raiseBlockerOperation, resolveBlockerOperation } from './operations/blockers';
import { getBuilderOperation } from './operations/builder';
import {
  listPlanningAssignmentsOperation,
  reportCommitOperation,
  reportExecutionOperation,
  reportPullRequestOperation,
  reportRunCheckOperation,
} from './operations/planning';
import { builderHeartbeatOperation } from './operations/presence';
import { recordCheckResultOperation, requestDeploymentOperation } from './operations/releases';
import { claimWorkOperation, getWorkItemOperation, listReadyWorkOperation } from './operations/work';

/**
 * Every operation of the agent API, in the order the reference shows them. The REST routes
 * (`app/api/v1/**`), the OpenAPI document and the MCP tools are all made from this list.
 */
export const agentOperations: readonly AgentOperation[] = [
  listReadyWorkOperation,
  getWorkItemOperation,
  claimWorkOperation,
  listAttemptsOperation,
  heartbeatOperation,
  recordEvidenceOperation,
  completeAttemptOperation,
  failAttemptOperation,
  handOffAttemptOperation,
  blockAttemptOperation,
  raiseBlockerOperation,
  resolveBlockerOperation,
  recordCheckResultOperation,
  requestDeploymentOperation,
  getBuilderOperation,
  builderHeartbeatOperation,
  listPlanningAssignmentsOperation,
  reportExecutionOperation,
  reportCommitOperation,
  reportRunCheckOperation,
  reportPullRequestOperation,
] as unknown as readonly AgentOperation[];
