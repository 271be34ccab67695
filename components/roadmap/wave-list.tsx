import { ArrowRight, UserRound } from 'lucide-react';

import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { DataTable } from '@/components/ui/data-table';
import { Link } from '@/components/ui/link';
import { Progress } from '@/components/ui/progress';
import { StatusBadge, statusLabel } from '@/components/ui/status';
import type { WaveSummary, WaveTask } from '@/lib/roadmap/waves';
import { cn } from '@/lib/utils';

/** A program's waves in sequence, each with its state, rolled-up progress, tasks done and what it waits for. */
export function WaveList({ programId, waves, openedId }: { programId: string; waves: WaveSummary[]; openedId?: string }) {
  return (
    <ol className="space-y-3" aria-label="Waves in sequence" data-testid="wave-list">
      {waves.map((wave) => {
        const opened = wave.id === openedId;
        return (
          <li
            key={wave.id}
            data-testid={`wave-${wave.sequence}`}
            className={cn('rounded-xl border border-border bg-surface p-4 shadow-sm', opened && 'ring-2 ring-primary/50')}
          >
            <div className="flex flex-wrap items-center gap-3">
              <span
                className="grid size-8 shrink-0 place-items-center rounded-full bg-muted text-sm font-semibold tabular-nums"
                aria-label={`Wave ${wave.sequence}`}
              >
                {wave.sequence}
              </span>
              <div className="min-w-0 flex-1">
                <h2 className="font-semibold">{wave.name}</h2>
                <p className="text-xs text-muted-foreground">
                  {wave.dependsOn.length ? (
                    <>Waits for {wave.dependsOn.map((d) => `wave ${d.sequence} (${d.name}, ${statusLabel(d.state).toLowerCase()})`).join('; ')}</>
                  ) : (
                    'Waits for no other wave'
                  )}
                </p>
              </div>
              <StatusBadge domain="foreman" status={wave.state} />
              <span className="text-sm tabular-nums" title="Tasks completed out of all tasks">
                {wave.tasksDone} / {wave.tasksTotal} tasks
              </span>
              <Link
                href={`/roadmap/waves?program=${encodeURIComponent(programId)}${opened ? '' : `&wave=${wave.id}`}`}
                aria-expanded={opened}
                className="inline-flex items-center gap-1 text-sm font-medium text-primary hover:underline"
                scroll={false}
              >
                {opened ? 'Close' : 'Open'} <span className="sr-only">wave {wave.sequence}</span>
                <ArrowRight className={cn('size-4 transition-transform', opened && 'rotate-90')} aria-hidden />
              </Link>
            </div>
            <div className="mt-3 flex items-center gap-3">
              <Progress value={wave.progress} label={`Wave ${wave.sequence} progress`} />
              <span className="w-10 text-right text-sm font-medium tabular-nums">{wave.progress}%</span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

/** The opened wave's tasks: builder, state and progress. */
export function WaveTasks({ wave, tasks }: { wave: WaveSummary; tasks: WaveTask[] }) {
  return (
    <Card aria-labelledby="wave-tasks-heading" data-testid="wave-tasks">
      <CardHeading
        id="wave-tasks-heading"
        title={
          <>
            Tasks of wave {wave.sequence}: {wave.name}
          </>
        }
        description={
          <>
            {wave.tasksDone} of {wave.tasksTotal} completed; the wave’s {wave.progress}% is their average, kept by the database.
          </>
        }
      />
      <CardBody className="p-0">
        {tasks.length === 0 ? (
          <p className="px-5 py-4 text-sm text-muted-foreground">This wave has no tasks yet.</p>
        ) : (
          <DataTable
            rows={tasks}
            rowKey={(task) => task.id}
            headerRowClassName="border-b border-border"
            columns={[
              { header: 'Task', cell: (task) => task.name, className: 'py-2.5 font-medium' },
              {
                header: 'Builder',
                cell: (task) =>
                  task.builder ? (
                    <span className="inline-flex items-center gap-1 whitespace-nowrap">
                      <UserRound className="size-3.5 text-muted-foreground" aria-hidden />
                      {task.builder}
                    </span>
                  ) : (
                    <span className="text-muted-foreground">unassigned</span>
                  ),
                className: 'px-3 py-2.5',
                headerClassName: 'px-3',
              },
              { header: 'State', cell: (task) => <StatusBadge domain="foreman" status={task.state} />, className: 'px-3 py-2.5', headerClassName: 'px-3' },
              {
                header: 'Progress',
                cell: (task) => (
                  <div className="flex items-center gap-2">
                    <Progress value={task.progress} label={`${task.name} progress`} />
                    <span className="w-9 text-right text-xs tabular-nums">{task.progress}%</span>
                  </div>
                ),
                className: 'py-2.5',
                headerClassName: 'w-48',
              },
            ]}
          />
        )}
      </CardBody>
    </Card>
  );
}
