import 'server-only';

import { pgErrorOf } from '../db/errors';
import { ActionError } from '../procedure/result';

/**
 * The planning database's refusals (drizzle/0007_planning_rules.sql) as sentences a manager
 * understands. `titles` names cards by their title where the database named their ids.
 * Anything not recognised is thrown again unchanged.
 */
export function planningRefusal(error: unknown, titles: Map<string, string> = new Map()): never {
  if (error instanceof ActionError) throw error;
  const { code, message } = pgErrorOf(error);
  const named = (ids: string) =>
    ids
      .split(', ')
      .map((id) => (titles.has(id) ? `“${titles.get(id)}”` : id))
      .join(', ');
  const conflict = (sentence: string, fieldErrors?: Record<string, string>): never => {
    throw new ActionError('conflict', sentence, fieldErrors);
  };
  if (code === '23505') {
    if (message.includes('orchestration_run_one_running_key')) conflict(BUILD_IN_PROGRESS);
    if (message.includes('approval_request_run_type_open_key')) conflict('An approval of this kind is already pending or granted for this run.');
    if (message.includes('pull_request_candidate_run_live_key')) conflict('This run already has a pull-request candidate.');
    if (message.includes('card_assignment_run_card_profile_live_key')) conflict('This builder already has an assignment for that card in this run.');
  }
  if (code === '23514') {
    let m: RegExpExecArray | null;
    if (message.startsWith('Build in progress')) conflict(BUILD_IN_PROGRESS);
    if (message.startsWith('No repository connected')) conflict('Connect a repository to the project before starting a build.');
    if (message.startsWith('No cards in scope')) conflict('There is no card to build in this workflow.');
    if ((m = /^Card\(s\) not approved: finalize (.*) before/.exec(message))) conflict(`Finalize ${named(m[1]!)} before starting a build.`);
    if ((m = /^Card\(s\) have no approved planned file: (.*)$/.exec(message))) conflict(`Approve a planned file of ${named(m[1]!)} before starting a build.`);
    if (message.startsWith('workflow scope requires integration check'))
      conflict('A workflow build needs the integration check among the policy’s required checks.');
    if (message.startsWith('policy must have at least one required check'))
      conflict('Choose at least one required check in the project’s policy before starting a build.');
    if ((m = /^allowed_paths cannot include forbidden path(?: from policy)?: (.*)$/.exec(message)))
      conflict(`The allowed paths include ${m[1]}, which the project’s policy forbids.`, { allowedPaths: `Remove ${m[1]}` });
    if ((m = /^feature_branch cannot equal project default_branch \((.*)\)$/.exec(message)))
      conflict(`The feature branch must differ from the project’s default branch (${m[1]}).`, { featureBranch: `Use a branch other than ${m[1]}` });
    if ((m = /^Run has ended \((.*)\)/.exec(message))) conflict(`This run has ended (${m[1]}); it takes no new assignments.`);
    if (/^Card .* is not in the scope of run/.test(message)) conflict('That card is not one this run builds.', { cardId: 'Choose a card of this run' });
    if ((m = /^(Run|Assignment|Agent execution) has ended \((\w+)\)/.exec(message)))
      conflict(`This ${m[1]!.toLowerCase()} has ended (${m[2]}); its status cannot change any more.`);
    if ((m = /^Required check '(.*)' has not been executed/.exec(message))) conflict(`Approval needs every required check to pass: ${m[1]} has not run yet.`);
    if ((m = /^Required check '(.*)' failed/.exec(message))) conflict(`Approval needs every required check to pass: ${m[1]} failed.`);
    if ((m = /^Required check '(.*)' was skipped/.exec(message)))
      conflict(`Approval needs every required check to pass: ${m[1]} was skipped, and it must pass.`);
    if ((m = /^Approval request already resolved \((.*)\)/.exec(message))) conflict(`This request was already ${m[1]}; a decision cannot change.`);
    if ((m = /^Pull request candidate cannot move from (\S+) to (\S+)/.exec(message)))
      conflict(`The pull request cannot move from ${m[1]!.replace('_', ' ')} to ${m[2]!.replace('_', ' ')}.`, { status: 'Choose another status' });
    if (message.includes('pull_request_candidate_branches_check'))
      conflict('The head branch must differ from the base branch.', { headBranch: 'Use the feature branch' });
    if (message.includes('pull_request_candidate_pr_url_check'))
      conflict('An open, draft or merged pull request needs its address.', { prUrl: 'Give the pull request’s address' });
    if (message.includes('card_assignment_allowed_paths_check')) conflict('Give at least one allowed path.', { allowedPaths: 'Give at least one path' });
    if (message.includes('system_policy_profile_required_checks_check'))
      conflict('Choose required checks from the list.', { requiredChecks: 'Choose from the list' });
  }
  throw error;
}

export const BUILD_IN_PROGRESS = 'Another build of this project is running: wait for it to end, or cancel it, before starting one.';
