import { createHash } from 'node:crypto';

import type { AgentClient } from './client';

/**
 * A simulated builder's side of planning build runs, over the agent API only: it takes an open
 * assignment of a running run, reports an execution, a commit, each required check (a lint
 * failure first, now and then, then a pass) and the pull-request candidate, then completes the
 * execution. Reporting the candidate asks reviewers to approve creating the pull request.
 */

export interface PlanningAssignment {
  id: string;
  runId: string;
  cardTitle: string;
  featureBranch: string;
  allowedPaths: string[];
  requiredChecks: string[];
}

export interface PlanningBuilderOptions {
  client: AgentClient;
  /** Seconds between two reports, and between two looks for work. */
  pauseSeconds: number;
  signal?: AbortSignal;
  random?: () => number;
  log?: (line: string) => void;
}

export async function runPlanningBuilder(options: PlanningBuilderOptions): Promise<{ built: number }> {
  const { client, signal, log = () => {} } = options;
  let built = 0;
  while (!signal?.aborted) {
    try {
      const [assignment] = (await client.request<PlanningAssignment[]>('GET', '/api/v1/planning/assignments')).data;
      if (assignment) {
        await buildAssignment(assignment, options);
        built++;
      }
    } catch (error) {
      log(`planning problem: ${error instanceof Error ? error.message : String(error)}`);
    }
    await pause(options.pauseSeconds * 2000, signal);
  }
  return { built };
}

export async function buildAssignment(assignment: PlanningAssignment, options: PlanningBuilderOptions): Promise<void> {
  const { client, signal, random = Math.random, log = () => {} } = options;
  const wait = () => pause(options.pauseSeconds * 1000, signal);
  const a = encodeURIComponent(assignment.id);
  const run = encodeURIComponent(assignment.runId);
  log(`building "${assignment.cardTitle}" on ${assignment.featureBranch}`);
  const execution = (
    await client.request<{ id: string }>('POST', `/api/v1/planning/assignments/${a}/executions`, {
      status: 'running',
      summary: `Working on ${assignment.allowedPaths.join(', ')}`,
    })
  ).data;
  await wait();
  const sha = createHash('sha1').update(`${assignment.id}:${Date.now()}`).digest('hex');
  await client.request('POST', `/api/v1/planning/assignments/${a}/commits`, {
    sha,
    message: `${assignment.cardTitle}: first cut of ${assignment.allowedPaths[0]}`,
  });
  await wait();
  for (const checkType of assignment.requiredChecks) {
    if (checkType === 'lint' && random() < 0.3) {
      await client.request('POST', `/api/v1/planning/runs/${run}/checks`, { checkType, status: 'failed', output: 'ruff: 2 problems (unused import)' });
      await wait();
    }
    await client.request('POST', `/api/v1/planning/runs/${run}/checks`, { checkType, status: 'passed', output: `${checkType}: all green` });
    await wait();
  }
  await client.request('POST', `/api/v1/planning/runs/${run}/pull-request`, {
    title: assignment.cardTitle,
    description: `Builds card "${assignment.cardTitle}". Checks: ${assignment.requiredChecks.join(', ')} passed.`,
    headBranch: assignment.featureBranch,
  });
  await client.request('POST', `/api/v1/planning/assignments/${a}/executions`, {
    executionId: execution.id,
    status: 'completed',
    summary: `Changed ${assignment.allowedPaths.join(', ')}; the pull request awaits approval.`,
  });
  log(`built "${assignment.cardTitle}"`);
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}
