import { z } from 'zod';

import {
  listAssignmentsInput,
  listOpenAssignments,
  reportCheck,
  reportCheckInput,
  reportCommit,
  reportCommitInput,
  reportExecution,
  reportExecutionInput,
} from '../../planning/agent-reports';
import { reportPullRequest, reportPullRequestInput } from '../../planning/pull-request-report';
import { defineOperation } from '../operation';

/*
 * The builders' side of a planning build run (issue 18): find the open assignments, then report
 * executions, commits, check results and the pull-request candidate. The run page shows each
 * report as it arrives. Builders, managers and owners may report (`evidence:attach`).
 */

const status = z.enum(['queued', 'running', 'blocked', 'failed', 'completed', 'cancelled']);

export const listPlanningAssignmentsOperation = defineOperation({
  id: 'listPlanningAssignments',
  method: 'GET',
  path: '/api/v1/planning/assignments',
  summary: 'List open assignments of running build runs',
  description:
    'Queued and running card assignments of running runs, oldest first (at most 50): for a builder token, those given to it or to any builder (`any-builder`; the first report takes one). Each names its feature branch, allowed paths and the checks the run must pass.',
  tag: 'Planning',
  access: { permission: 'evidence:attach' },
  input: listAssignmentsInput,
  output: z.array(
    z.object({
      id: z.string(),
      runId: z.string(),
      projectId: z.string(),
      cardId: z.string(),
      cardTitle: z.string(),
      agentRole: z.string(),
      agentProfile: z.string(),
      featureBranch: z.string(),
      allowedPaths: z.array(z.string()),
      status,
      requiredChecks: z.array(z.string()),
    }),
  ),
  mcpTool: 'list_planning_assignments',
  run: async ({ tx, caller, input }) => (await listOpenAssignments(tx, { caller, input })) as never,
});

export const reportExecutionOperation = defineOperation({
  id: 'reportExecution',
  method: 'POST',
  path: '/api/v1/planning/assignments/{assignmentId}/executions',
  summary: 'Report an execution of an assignment',
  description:
    'Starts (no `executionId`) or moves on (with it) an agent execution: running, completed, failed or blocked, with a summary or an error. The assignment takes the status; a blocked or failed assignment blocks or fails its run, and the run completes with its last assignment. An ended execution or assignment cannot change (409).',
  tag: 'Planning',
  access: { permission: 'evidence:attach' },
  input: reportExecutionInput,
  output: z.object({ id: z.string(), assignmentId: z.string(), status: z.string(), runStatus: z.string() }),
  successStatus: 201,
  mcpTool: 'report_execution',
  run: ({ tx, caller, input }) => reportExecution(tx, { caller, input }) as never,
});

export const reportCommitOperation = defineOperation({
  id: 'reportCommit',
  method: 'POST',
  path: '/api/v1/planning/assignments/{assignmentId}/commits',
  summary: 'Report a commit on an assignment’s feature branch',
  description: 'Records a commit (SHA, message, time) on the assignment’s feature branch. The same SHA reported again records nothing (`recorded: false`).',
  tag: 'Planning',
  access: { permission: 'evidence:attach' },
  input: reportCommitInput,
  output: z.object({ id: z.string(), sha: z.string(), branch: z.string(), recorded: z.boolean() }),
  successStatus: 201,
  mcpTool: 'report_commit',
  run: ({ tx, caller, input }) => reportCommit(tx, { caller, input }),
});

export const reportRunCheckOperation = defineOperation({
  id: 'reportRunCheck',
  method: 'POST',
  path: '/api/v1/planning/runs/{runId}/checks',
  summary: 'Report a check result of a build run',
  description:
    'One result (passed, failed, skipped) of a check type (dependency, security, policy, lint, unit, integration, e2e). Results are append-only; the latest of each type counts. Approval needs every check the run’s policy requires to have passed.',
  tag: 'Planning',
  access: { permission: 'evidence:attach' },
  input: reportCheckInput,
  output: z.object({ id: z.string(), runId: z.string(), checkType: z.string(), status: z.string() }),
  successStatus: 201,
  mcpTool: 'report_run_check',
  run: ({ tx, caller, input }) => reportCheck(tx, { caller, input }),
});

export const reportPullRequestOperation = defineOperation({
  id: 'reportPullRequest',
  method: 'POST',
  path: '/api/v1/planning/runs/{runId}/pull-request',
  summary: 'Report the pull-request candidate of a build run',
  description:
    'Writes or moves on the run’s one pull-request candidate (not_created → draft_open / open → merged or closed; an open, draft or merged one needs `prUrl`). Once the required checks have passed it also asks reviewers for approval to create the pull request (`approval`); until then `approvalRefused` says which check is missing.',
  tag: 'Planning',
  access: { permission: 'evidence:attach' },
  input: reportPullRequestInput,
  output: z.object({
    id: z.string(),
    runId: z.string(),
    status: z.string(),
    headBranch: z.string(),
    baseBranch: z.string(),
    prUrl: z.string().nullable(),
    approval: z.object({ id: z.string(), status: z.string() }).nullable(),
    approvalRefused: z.string().nullable(),
  }),
  mcpTool: 'report_pull_request',
  run: ({ tx, caller, input }) => reportPullRequest(tx, { caller, input }),
});
