import { notFound } from 'next/navigation';

import { LiveRefresh } from '@/components/live/live-refresh';
import { RunDetails } from '@/components/planning/runs/run-details';
import { CancelRunButton } from '@/components/planning/runs/run-controls';
import { Link } from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { agentRoles } from '@/lib/db/schema/planning-values';
import { LIVE } from '@/lib/live/topics';
import { can } from '@/lib/organisations/permissions';
import { getRunPage } from '@/lib/planning/runs';

import { cancelPlanningRun, createPlanningAssignment, resolvePlanningApproval, resumePlanningAssignment } from '../actions';

export const metadata = { title: 'Build run' };
export const dynamic = 'force-dynamic';

export default async function RunPage({ params }: { params: Promise<{ projectId: string; runId: string }> }) {
  const { projectId, runId } = await params;
  const member = await requireMember();
  const page = await getRunPage(member, { projectId, runId });
  if (!page) notFound();
  const { project, run } = page;
  const canPlan = can(member.role, 'plan:edit');
  const ended = ['completed', 'failed', 'cancelled'].includes(run.status);
  const target = run.scope === 'card' ? page.assignments.find((a) => a.cardId === run.cardId)?.cardTitle : 'a workflow';

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.planningRuns} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-muted-foreground">
            <Link href={`/planning/${project.id}/runs`} className="hover:underline">
              ← Build runs
            </Link>
          </p>
          <h2 className="flex flex-wrap items-center gap-3 text-xl font-semibold tracking-tight">
            <span className="break-words">Run of {target ?? 'a card'}</span>
            <span data-testid="run-status">
              <StatusBadge domain="run" status={run.status} />
            </span>
          </h2>
          <p className="text-sm wrap-anywhere text-muted-foreground">
            {run.repoUrl} · base {run.baseBranch} · started by {run.initiatedBy}
          </p>
        </div>
        {canPlan && !ended && <CancelRunButton runId={run.id} cancel={cancelPlanningRun} />}
      </div>
      <RunDetails
        page={page}
        actions={{
          resume: canPlan ? resumePlanningAssignment : undefined,
          assign: canPlan && !ended ? createPlanningAssignment : undefined,
          decide: can(member.role, 'runs:approve') ? resolvePlanningApproval : undefined,
        }}
        roles={agentRoles}
      />
    </div>
  );
}
