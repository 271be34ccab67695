import { ClipboardCheck, FileCheck2, FlaskConical, OctagonAlert, ShieldAlert } from 'lucide-react';
import { notFound } from 'next/navigation';

import { BlockerRowActions } from '@/components/blockers/blocker-row-actions';
import { formatAge, kindTone, severityTone } from '@/components/blockers/format';
import { RaiseBlockerButton } from '@/components/blockers/raise-dialog';
import { instant, Section } from '@/components/builders/section';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { EditTaskButton } from '@/components/plan/wave-form';
import { Badge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { Link } from '@/components/ui/link';
import { Progress } from '@/components/ui/progress';
import { StatTile, StatTiles, StatValue } from '@/components/ui/stat-tile';
import { StatusBadge, statusLabel } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { kindLabel } from '@/lib/blockers/kinds';
import { getTaskDetail } from '@/lib/foreman/task-detail';

import { blockerActionsFor } from '../../blockers/member-actions';
import { LiveAge } from '@/components/live/live-age';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Task' };

const percent = (n: number | null) => (n === null ? '—' : `${Number.isInteger(n) ? n : n.toFixed(1)}%`);

export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  const member = await requireMember();
  const { taskId } = await params;
  const task = await getTaskDetail(member, { taskId });
  if (!task) notFound();
  const now = task.asOf;
  const actions = blockerActionsFor(member);
  const latestValidation = task.validations[0];
  const latestQa = task.qaRuns[0];
  const qaTotals = task.qaRuns.reduce((sum, q) => ({ passing: sum.passing + q.passing, total: sum.total + q.total }), { passing: 0, total: 0 });
  const openBlockers = task.blockers.filter((b) => !b.resolvedAt);
  const openViolations = task.violations.filter((v) => !v.resolvedAt);
  const cell = 'px-5 py-2.5';

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.task} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <p className="text-sm text-muted-foreground">
            {task.program.name} / Wave {task.wave.sequence}: {task.wave.name} /
          </p>
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            {task.name}
            <StatusBadge domain="foreman" status={task.state} />
          </h1>
          <p className="max-w-3xl text-sm text-muted-foreground">{task.acceptanceCriteria}</p>
        </div>
        <div className="flex flex-wrap items-start gap-2">
          {can(member.role, 'plan:edit') && <EditTaskButton id={task.id} name={task.name} />}
          {can(member.role, 'plan:edit') && <DeletePlanItemButton kind="task" id={task.id} name={task.name} goTo="/board?kind=task" />}
          <RaiseBlockerButton actions={actions} target={{ type: 'task', id: task.id, label: task.name }} />
        </div>
      </div>

      <StatTiles data-testid="task-figures">
        <StatTile label="Progress">
          <StatValue>{task.progress}%</StatValue>
          <Progress value={task.progress} label="Task progress" className="mt-1" />
        </StatTile>
        <StatTile label="Builder">
          <StatValue size="lg">
            {task.builder ? (
              <Link href={`/builders/${task.builder.id}`} className="text-primary hover:underline">
                {task.builder.id}
              </Link>
            ) : (
              'Unassigned'
            )}
          </StatValue>
          {task.builder && (
            <dd className="flex flex-wrap items-center gap-1 text-xs text-muted-foreground">
              <StatusBadge domain="builder" status={task.builder.state} />
              {task.builder.stalled && <Badge tone="red">Stalled</Badge>}
              {task.builder.backend} · beat <LiveAge since={task.builder.lastHeartbeat.toISOString()} now={now} />
            </dd>
          )}
        </StatTile>
        <StatTile label="Architecture pass rate">
          <StatValue>{latestValidation ? percent(latestValidation.passRate) : '—'}</StatValue>
          {latestValidation && (
            <dd>
              <Badge tone={latestValidation.readiness === 'READY' ? 'green' : 'amber'}>
                {latestValidation.readiness === 'READY' ? 'Ready to build' : 'Not ready'}
              </Badge>
            </dd>
          )}
        </StatTile>
        <StatTile label="QA">
          <StatValue className="flex items-center gap-2">
            {latestQa ? (
              <>
                {percent(latestQa.passRate)} <StatusBadge domain="qa" status={latestQa.status} label={latestQa.status} />
              </>
            ) : (
              '—'
            )}
          </StatValue>
          {latestQa && (
            <dd className="text-xs text-muted-foreground">
              {latestQa.passing} of {latestQa.total} passing, {latestQa.failing} failing · {task.qaRuns.length} run{task.qaRuns.length === 1 ? '' : 's'},{' '}
              {percent(qaTotals.total ? Math.round((qaTotals.passing / qaTotals.total) * 1000) / 10 : null)} overall
            </dd>
          )}
        </StatTile>
      </StatTiles>

      <Section
        Icon={OctagonAlert}
        title="Blockers"
        summary={openBlockers.length ? `${openBlockers.length} open` : 'None open'}
        empty={task.blockers.length === 0 && 'No blocker was ever raised on this task.'}
        testId="task-blockers"
      >
        <ul className="divide-y divide-border">
          {task.blockers.map((b) => (
            <li key={b.id} className={`flex flex-wrap items-start justify-between gap-3 ${cell}`}>
              <div className="min-w-0 space-y-1">
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={kindTone(b.kind)}>{kindLabel(b.kind)}</Badge>
                  {!b.resolvedAt && <Badge tone={severityTone(b.severity)}>{b.severity}</Badge>}
                  {b.resolvedAt && <Badge tone="green">Resolved</Badge>}
                  <span className="font-medium">{b.title}</span>
                </p>
                <p className="text-xs text-muted-foreground">
                  raised by {b.raisedBy} {formatAge(b.detectedAt, now)} ago
                  {b.resolvedAt ? ` · resolved ${instant(b.resolvedAt)}: ${b.resolution}` : ''}
                </p>
              </div>
              {!b.resolvedAt && <BlockerRowActions blocker={b} actions={actions} canAttach={can(member.role, 'evidence:attach')} />}
            </li>
          ))}
        </ul>
      </Section>

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Section
          Icon={ClipboardCheck}
          title="Architecture validations"
          summary={<span className="break-all">{task.architectureReference}</span>}
          empty={task.validations.length === 0 && 'The architecture of this task has not been validated yet.'}
          testId="architecture-validations"
        >
          <ul className="divide-y divide-border">
            {task.validations.map((v) => (
              <li key={v.id} className={`flex items-center justify-between gap-3 ${cell}`}>
                <div className="min-w-0">
                  <p className="text-sm font-medium tabular-nums">{percent(v.passRate)} pass rate</p>
                  <p className="text-xs text-muted-foreground">
                    {instant(v.validatedAt)} by {v.validatedBy}
                  </p>
                </div>
                <div className="flex w-40 items-center gap-2">
                  <Progress value={v.passRate} label={`Pass rate ${v.passRate}%`} />
                  <Badge tone={v.readiness === 'READY' ? 'green' : 'amber'}>{v.readiness === 'READY' ? 'Ready' : 'Not ready'}</Badge>
                </div>
              </li>
            ))}
          </ul>
        </Section>

        <Section
          Icon={FlaskConical}
          title="QA executions"
          summary={<span className="break-all">{task.qaSuiteLocation}</span>}
          empty={task.qaRuns.length === 0 && 'The QA suite has not run for this task yet.'}
          testId="qa-executions"
        >
          <DataTable
            rows={task.qaRuns}
            rowKey={(q) => q.id}
            columns={[
              { header: 'Run', cell: (q) => instant(q.executedAt), className: 'text-xs whitespace-nowrap' },
              { header: 'Status', cell: (q) => <StatusBadge domain="qa" status={q.status} label={q.status} /> },
              { header: 'Pass rate', cell: (q) => percent(q.passRate), className: 'tabular-nums' },
              {
                header: 'Tests',
                cell: (q) => `${q.passing} passing · ${q.failing} failing · ${q.skipped} skipped of ${q.total}${q.debt ? ` · ${q.debt} test debt` : ''}`,
                className: 'text-xs text-muted-foreground',
              },
            ]}
          />
        </Section>

        <Section
          Icon={ShieldAlert}
          title="Governance violations"
          summary={openViolations.length ? `${openViolations.length} open` : 'None open'}
          empty={task.violations.length === 0 && 'No governance violation on this task.'}
          testId="task-violations"
        >
          <ul className="divide-y divide-border">
            {task.violations.map((v) => (
              <li key={v.id} className={cell}>
                <p className="flex flex-wrap items-center gap-2">
                  <Badge tone={v.resolvedAt ? 'neutral' : 'red'}>{statusLabel(v.type)}</Badge>
                  <span className="text-xs text-muted-foreground">
                    {v.builderId ? `${v.builderId} · ` : ''}detected {instant(v.detectedAt)}
                    {v.resolvedAt ? ` · resolved ${instant(v.resolvedAt)}` : ' · open'}
                  </span>
                </p>
                <p className="text-sm">{v.description}</p>
                {v.resolution && <p className="text-xs text-muted-foreground">{v.resolution}</p>}
              </li>
            ))}
          </ul>
        </Section>

        <Section Icon={FileCheck2} title="Evidence trail" empty={task.evidence.length === 0 && 'No evidence recorded on this task yet.'}>
          <ul className="divide-y divide-border">
            {task.evidence.map((e) => (
              <li key={e.id} className={cell}>
                <p className="text-sm font-medium">
                  {statusLabel(e.action)}
                  {e.title ? `: ${e.title}` : ''}
                </p>
                <p className="text-xs text-muted-foreground">
                  {instant(e.at)} by {e.actor}
                </p>
              </li>
            ))}
          </ul>
        </Section>
      </div>
    </div>
  );
}
