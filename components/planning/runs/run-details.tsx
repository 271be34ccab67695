import { GitCommitHorizontal, GitPullRequest, ListChecks, ShieldCheck, Users, History } from 'lucide-react';

import { DividedList } from '@/components/ui/divided-list';
import { HeadedCard } from '@/components/ui/card';
import { StatusBadge } from '@/components/ui/status';
import type { RunPage } from '@/lib/planning/runs';
import type { ActionResult } from '@/lib/procedure/result';

import { ApprovalDecision, AssignCardForm, ResumeAssignmentButton } from './run-controls';
import { eventSentence, When } from './when';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- server actions of several input shapes
type Act = (input: any) => Promise<ActionResult<unknown>>;

const empty = (text: string) => <p className="px-5 py-4 text-sm text-muted-foreground">{text}</p>;

/** Everything under a run: the checks gate, assignments with their executions and commits, the PR candidate, approvals, the timeline. */
export function RunDetails({ page, actions, roles }: { page: RunPage; actions: { resume?: Act; assign?: Act; decide?: Act }; roles: readonly string[] }) {
  const { gate, assignments, executions, commits, checks, pullRequest, approvals, events } = page;
  const cards = [...new Map(assignments.map((a) => [a.cardId, { id: a.cardId, title: a.cardTitle }])).values()];
  return (
    <div className="grid gap-6 xl:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]">
      <div className="min-w-0 space-y-6">
        <HeadedCard headingId="run-gate" icon={ShieldCheck} title="Required checks" description="Approval needs the latest result of each to have passed.">
          <ul className="flex flex-wrap gap-3 px-5 py-4" data-testid="run-gate">
            {gate.map((g) => (
              <li key={g.type} className="flex items-center gap-2 text-sm">
                <span className="font-medium">{g.type}</span>
                <StatusBadge domain="check" status={g.status} />
              </li>
            ))}
          </ul>
        </HeadedCard>

        <HeadedCard headingId="run-assignments" icon={Users} title="Assignments" description="Each card of the run, given to a builder on a feature branch.">
          <DividedList items={assignments} testId="run-assignments" itemClassName="space-y-2 px-5 py-3">
            {(a) => (
              <>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium">{a.cardTitle}</p>
                    <p className="text-xs break-all text-muted-foreground">
                      {a.agentRole} · {a.agentProfile} · {a.featureBranch} · may change {a.allowedPaths.join(', ')}
                    </p>
                  </div>
                  <div className="flex items-center gap-2">
                    <StatusBadge domain="run" status={a.status} />
                    {a.status === 'blocked' && actions.resume && <ResumeAssignmentButton assignmentId={a.id} cardTitle={a.cardTitle} resume={actions.resume} />}
                  </div>
                </div>
                {executions
                  .filter((e) => e.assignmentId === a.id)
                  .map((e) => (
                    <p key={e.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="run-execution">
                      <StatusBadge domain="run" status={e.status} />
                      <span className="min-w-0 break-words">{e.error ?? e.summary ?? 'Execution'}</span>
                      <span className="text-xs text-muted-foreground">
                        <When at={e.startedAt ?? e.createdAt} />
                      </span>
                    </p>
                  ))}
              </>
            )}
          </DividedList>
          {actions.assign && cards.length > 0 && (
            <details className="border-t border-border px-5 py-3">
              <summary className="cursor-pointer text-sm font-medium">Assign a card to a builder</summary>
              <div className="pt-3">
                <AssignCardForm runId={page.run.id} cards={cards} builders={[]} roles={roles} assign={actions.assign} />
              </div>
            </details>
          )}
        </HeadedCard>

        <HeadedCard headingId="run-commits" icon={GitCommitHorizontal} title="Commits">
          {commits.length === 0 ? (
            empty('No commit reported yet.')
          ) : (
            <DividedList items={commits} testId="run-commits" itemClassName="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-2 text-sm">
              {(c) => (
                <>
                  <code className="text-xs">{c.sha.slice(0, 10)}</code>
                  <span className="min-w-0 flex-1 break-words">{c.message}</span>
                  <span className="text-xs text-muted-foreground">
                    <When at={c.committedAt} />
                  </span>
                </>
              )}
            </DividedList>
          )}
        </HeadedCard>

        <HeadedCard headingId="run-checks" icon={ListChecks} title="Check results">
          {checks.length === 0 ? (
            empty('No check reported yet.')
          ) : (
            <DividedList items={checks} testId="run-checks" itemClassName="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-5 py-2 text-sm">
              {(c) => (
                <>
                  <span className="w-20 font-medium">{c.checkType}</span>
                  <StatusBadge domain="check" status={c.status} />
                  <span className="min-w-0 basis-full break-words text-muted-foreground sm:basis-0 sm:flex-1">{c.output}</span>
                  <span className="text-xs text-muted-foreground">
                    <When at={c.executedAt ?? c.createdAt} />
                  </span>
                </>
              )}
            </DividedList>
          )}
        </HeadedCard>
      </div>

      <div className="min-w-0 space-y-6">
        <HeadedCard headingId="run-pull-request" icon={GitPullRequest} title="Pull request">
          {!pullRequest ? (
            empty('No pull-request candidate yet.')
          ) : (
            <div className="space-y-1 px-5 py-4 text-sm" data-testid="run-pull-request">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <span className="break-words">{pullRequest.title}</span>
                <StatusBadge domain="pullRequest" status={pullRequest.status} />
              </p>
              <p className="text-xs break-all text-muted-foreground">
                {pullRequest.headBranch} → {pullRequest.baseBranch}
              </p>
              {pullRequest.prUrl && (
                <a href={pullRequest.prUrl} className="text-xs break-all underline" rel="noreferrer" target="_blank">
                  {pullRequest.prUrl}
                </a>
              )}
              {pullRequest.description && <p className="pt-1 break-words whitespace-pre-line text-muted-foreground">{pullRequest.description}</p>}
            </div>
          )}
        </HeadedCard>

        <HeadedCard headingId="run-approvals" icon={ShieldCheck} title="Approvals">
          {approvals.length === 0 ? (
            empty('No approval requested yet. Reporting the pull request asks for one once the required checks passed.')
          ) : (
            <DividedList items={approvals} testId="run-approvals" itemClassName="space-y-2 px-5 py-3 text-sm">
              {(a) => (
                <>
                  <p className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{a.approvalType === 'merge_pr' ? 'Merge the pull request' : 'Create the pull request'}</span>
                    <StatusBadge domain="approval" status={a.status} />
                  </p>
                  <p className="text-xs text-muted-foreground">
                    Asked by {a.requestedBy}
                    {a.resolvedBy && ` · ${a.status} by ${a.resolvedBy}`}
                    {a.notes && ` · “${a.notes}”`}
                  </p>
                  {a.status === 'pending' && actions.decide && <ApprovalDecision approvalId={a.id} approvalType={a.approvalType} decide={actions.decide} />}
                </>
              )}
            </DividedList>
          )}
        </HeadedCard>

        <HeadedCard headingId="run-timeline" icon={History} title="Timeline">
          <ol className="space-y-3 px-5 py-4" data-testid="run-timeline">
            {events.map((e) => (
              <li key={e.id} className="border-l-2 border-border pl-3 text-sm">
                <p className="break-words">{eventSentence(e.eventType, e.payload)}</p>
                <p className="text-xs text-muted-foreground">
                  <When at={e.createdAt} /> · {e.actor}
                </p>
              </li>
            ))}
          </ol>
        </HeadedCard>
      </div>
    </div>
  );
}
