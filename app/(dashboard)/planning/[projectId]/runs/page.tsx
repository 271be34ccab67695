import { Hammer } from 'lucide-react';

import { LiveRefresh } from '@/components/live/live-refresh';
import { StartRunButton } from '@/components/planning/runs/start-run-button';
import { When } from '@/components/planning/runs/when';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status';
import { LIVE } from '@/lib/live/topics';
import { can } from '@/lib/organisations/permissions';
import { getProjectRuns } from '@/lib/planning/runs';

import { requireProjectPage, type ProjectParams } from '../project-page';
import { startPlanningRun } from './actions';

export const metadata = { title: 'Build runs' };
export const dynamic = 'force-dynamic';

export default async function RunsPage({ params }: { params: ProjectParams }) {
  const { member, data } = await requireProjectPage(params, getProjectRuns);
  const { project, runs, targets } = data;

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.planningRuns} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-xl font-semibold tracking-tight">Build runs</h2>
          <p className="text-sm text-muted-foreground">
            Each run builds a finalized card or a workflow on feature branches off {project.defaultBranch}, one running build at a time. See the{' '}
            <Link href={`/planning/${project.id}/policy`} className="underline">
              policy
            </Link>{' '}
            its checks follow.
          </p>
        </div>
        {can(member.role, 'plan:edit') && <StartRunButton projectId={project.id} targets={targets} start={startPlanningRun} />}
      </div>
      <Card>
        {runs.length === 0 ? (
          <EmptyState Icon={Hammer} title="No runs yet">
            Start a run once a card is finalized and one of its planned files is approved.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="runs-table">
              <thead className="border-b border-border text-left text-xs text-muted-foreground">
                <tr>
                  <th className="px-4 py-2 font-medium">Builds</th>
                  <th className="px-4 py-2 font-medium">Status</th>
                  <th className="px-4 py-2 font-medium">Started by</th>
                  <th className="px-4 py-2 font-medium">Started</th>
                  <th className="px-4 py-2 font-medium">Ended</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} className="border-b border-border last:border-0">
                    <td className="px-4 py-2">
                      <Link href={`/planning/${project.id}/runs/${run.id}`} className="font-medium hover:underline">
                        {run.scope === 'card' ? run.cardTitle : `Workflow: ${run.workflowTitle}`}
                      </Link>
                    </td>
                    <td className="px-4 py-2">
                      <StatusBadge domain="run" status={run.status} />
                    </td>
                    <td className="px-4 py-2 text-muted-foreground">{run.initiatedBy}</td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      <When at={run.startedAt ?? run.createdAt} />
                    </td>
                    <td className="px-4 py-2 whitespace-nowrap">
                      <When at={run.endedAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
