import { Activity, FileCheck2, HeartPulse, ListTodo, ShieldAlert } from 'lucide-react';
import { notFound } from 'next/navigation';

import { formatAge } from '@/components/blockers/format';
import { instant, Section } from '@/components/builders/section';
import { Sparkline } from '@/components/builders/sparkline';
import { Badge } from '@/components/ui/badge';
import { DataTable } from '@/components/ui/data-table';
import { Link } from '@/components/ui/link';
import { Progress } from '@/components/ui/progress';
import { StatTile, StatTiles, StatValue } from '@/components/ui/stat-tile';
import { StatusBadge, statusLabel } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { getBuilderDetail } from '@/lib/foreman/builder-detail';
import { LiveAge } from '@/components/live/live-age';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { pathParam } from '@/lib/links/path-param';

export async function generateMetadata({ params }: { params: Promise<{ builderId: string }> }) {
  return { title: `Builder ${(await params).builderId}` };
}

export default async function BuilderPage({ params }: { params: Promise<{ builderId: string }> }) {
  const member = await requireMember();
  const { builderId } = await params;
  const builder = await getBuilderDetail(member, { builderId: pathParam(builderId) });
  if (!builder) notFound();
  const now = builder.asOf;
  const cell = 'px-5 py-2.5';

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.builders} />
      <div>
        <p className="text-sm text-muted-foreground">
          <Link href="/builders" className="hover:underline">
            Builders
          </Link>{' '}
          /
        </p>
        <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
          {builder.builderId}
          <StatusBadge domain="builder" status={builder.state} />
          {builder.stalled && <Badge tone="red">Stalled</Badge>}
        </h1>
        <p className="text-sm text-muted-foreground">
          {builder.type} builder · {builder.backend} backend{builder.model ? ` · ${builder.model}` : ''}
          {builder.escalationRationale ? ` · ${builder.escalationRationale}` : ''}
        </p>
      </div>

      <StatTiles>
        <StatTile label="Last heartbeat">
          <StatValue size="lg" alert={builder.stalled}>
            <LiveAge since={builder.lastHeartbeat.toISOString()} now={now} title={instant(builder.lastHeartbeat)} />
          </StatValue>
          <dd className="text-xs text-muted-foreground">stalled after {builder.stallThresholdSeconds} s</dd>
        </StatTile>
        <StatTile label="Current task">
          <StatValue size="lg" className="truncate">
            {builder.currentTask ? (
              <Link href={`/tasks/${builder.currentTask.id}`} className="text-primary hover:underline">
                {builder.currentTask.name}
              </Link>
            ) : (
              'None'
            )}
          </StatValue>
        </StatTile>
        <StatTile label="Progress">
          <StatValue size="lg" className="tabular-nums">
            {builder.progress === null ? '—' : `${builder.progress}%`}
          </StatValue>
          {builder.progress !== null && <Progress value={builder.progress} label="Progress" className="mt-1" />}
        </StatTile>
        <StatTile label="Heartbeats, last 24 h">
          <dd className="mt-1">
            <Sparkline values={builder.beatsPerHour} label={`Heartbeats of ${builder.builderId}`} className="h-8 w-full" />
          </dd>
        </StatTile>
      </StatTiles>

      <div className="grid items-start gap-6 xl:grid-cols-2">
        <Section
          Icon={ListTodo}
          title="Tasks"
          summary="Tasks assigned to this builder."
          empty={builder.tasks.length === 0 && 'No task is assigned to this builder.'}
        >
          <ul className="divide-y divide-border">
            {builder.tasks.map((t) => (
              <li key={t.id} className={`flex items-center justify-between gap-3 ${cell}`}>
                <Link href={`/tasks/${t.id}`} className="min-w-0 truncate font-medium text-primary hover:underline">
                  {t.name}
                </Link>
                <span className="flex shrink-0 items-center gap-2 text-xs">
                  {t.openBlockers > 0 && (
                    <Badge tone="red">
                      {t.openBlockers} open blocker{t.openBlockers === 1 ? '' : 's'}
                    </Badge>
                  )}
                  <StatusBadge domain="foreman" status={t.state} />
                  <span className="tabular-nums">{t.progress}%</span>
                </span>
              </li>
            ))}
          </ul>
        </Section>

        <Section
          Icon={ShieldAlert}
          title="Governance violations"
          empty={builder.violations.length === 0 && 'No governance violation recorded for this builder.'}
          testId="builder-violations"
        >
          <ul className="divide-y divide-border">
            {builder.violations.map((v) => (
              <li key={v.id} className={cell}>
                <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                  <Badge tone={v.resolvedAt ? 'neutral' : 'red'}>{statusLabel(v.type)}</Badge>
                  {v.resolvedAt ? (
                    <span className="text-xs text-muted-foreground">resolved {instant(v.resolvedAt)}</span>
                  ) : (
                    <span className="text-xs text-red-700 dark:text-red-300">open</span>
                  )}
                </p>
                <p className="text-sm">{v.description}</p>
                <p className="text-xs text-muted-foreground">
                  detected {instant(v.detectedAt)}
                  {v.taskId && (
                    <>
                      {' '}
                      ·{' '}
                      <Link href={`/tasks/${v.taskId}`} className="hover:underline">
                        its task
                      </Link>
                    </>
                  )}
                  {v.resolution ? ` · ${v.resolution}` : ''}
                </p>
              </li>
            ))}
          </ul>
        </Section>

        <Section
          Icon={Activity}
          title="Attempts"
          summary="Kernel attempts this builder made on roadmap items."
          empty={builder.attempts.length === 0 && 'No attempt by this builder.'}
        >
          <DataTable
            rows={builder.attempts}
            rowKey={(a) => a.id}
            columns={[
              { header: 'Attempt', cell: (a) => a.id, className: 'font-mono text-xs' },
              { header: 'Item', cell: (a) => a.workId },
              { header: 'Started', cell: (a) => instant(a.startedAt), className: 'text-xs' },
              { header: 'Outcome', cell: (a) => (a.outcome ? <Badge>{statusLabel(a.outcome)}</Badge> : <Badge tone="blue">Open</Badge>) },
            ]}
          />
        </Section>

        <Section
          Icon={FileCheck2}
          title="Evidence"
          summary="The evidence trail about this builder."
          empty={builder.evidence.length === 0 && 'No evidence-trail entry about this builder.'}
        >
          <ul className="divide-y divide-border">
            {builder.evidence.map((e) => (
              <li key={e.id} className={cell}>
                <p className="text-sm font-medium">
                  {statusLabel(e.action)}
                  {e.title ? `: ${e.title}` : ''}
                </p>
                <p className="text-xs text-muted-foreground">{instant(e.at)}</p>
              </li>
            ))}
          </ul>
        </Section>
      </div>

      <Section
        Icon={HeartPulse}
        title="Recent heartbeats"
        summary="The newest 50."
        empty={builder.heartbeats.length === 0 && 'This builder has sent no heartbeat yet.'}
        testId="heartbeats"
      >
        <DataTable
          rows={builder.heartbeats}
          rowKey={(h) => h.id}
          columns={[
            {
              header: 'When',
              cell: (h) => (
                <>
                  {instant(h.at)} <span className="text-muted-foreground">({formatAge(h.at, now)} ago)</span>
                </>
              ),
              className: 'text-xs whitespace-nowrap',
            },
            { header: 'Status', cell: (h) => <StatusBadge domain="builder" status={h.status} /> },
            { header: 'Progress', cell: (h) => (h.progress === null ? '—' : `${h.progress}%`), className: 'tabular-nums' },
            { header: 'Message', cell: (h) => h.message ?? '—', className: 'text-muted-foreground' },
          ]}
        />
      </Section>
    </div>
  );
}
