import { Waves } from 'lucide-react';

import { RoadmapView } from '@/components/roadmap/roadmap-nav';
import { ProgramPicker } from '@/components/roadmap/program-picker';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { EditWaveButton, NewTaskButton, NewWaveButton } from '@/components/plan/wave-form';
import { WaveList, WaveTasks } from '@/components/roadmap/wave-list';
import { EmptyState } from '@/components/ui/empty-state';
import { Progress } from '@/components/ui/progress';
import { StatusBadge } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { getProgramWaves } from '@/lib/roadmap/waves';

export const metadata = { title: 'Waves · Roadmap' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export default async function RoadmapWavesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const member = await requireMember();
  const params = await searchParams;
  const data = await getProgramWaves(member, { programId: first(params.program), waveId: first(params.wave) });

  return (
    <RoadmapView
      current="waves"
      title="Waves"
      description="A program’s waves in sequence: each wave’s progress is rolled up from its tasks by the database, and the program’s from its waves."
    >
      <ProgramPicker programs={data.programs} current={data.program?.id} />
      {!data.program ? (
        <EmptyState Icon={Waves} title="No program has waves yet">
          Waves group a program’s tasks into steps that builders take in order.
        </EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-center gap-3 rounded-xl border border-border bg-surface px-4 py-3">
            <h2 className="font-semibold">{data.program.name}</h2>
            <StatusBadge domain="foreman" status={data.program.state} />
            <div className="flex min-w-48 flex-1 items-center gap-2">
              <Progress value={data.program.progress} label={`${data.program.name} progress`} />
              <span className="w-10 text-right text-sm font-medium tabular-nums">{data.program.progress}%</span>
            </div>
            {can(member.role, 'plan:edit') && (
              <div className="flex flex-wrap gap-2">
                <NewWaveButton programId={data.program.id} />
                {data.waves.length > 0 && <NewTaskButton programId={data.program.id} waveId={data.opened?.wave.id} variant="secondary" />}
                {data.opened && <EditWaveButton id={data.opened.wave.id} name={data.opened.wave.name} />}
                {data.opened && <DeletePlanItemButton kind="wave" id={data.opened.wave.id} name={data.opened.wave.name} />}
              </div>
            )}
          </div>
          {data.waves.length === 0 ? (
            <EmptyState Icon={Waves} title="This program has no waves yet" />
          ) : (
            <div className="grid items-start gap-5 xl:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
              <WaveList programId={data.program.id} waves={data.waves} openedId={data.opened?.wave.id} />
              {data.opened ? (
                <WaveTasks wave={data.opened.wave} tasks={data.opened.tasks} />
              ) : (
                <p className="rounded-xl border border-dashed border-border px-5 py-10 text-center text-sm text-muted-foreground">
                  Open a wave to see its tasks.
                </p>
              )}
            </div>
          )}
        </>
      )}
    </RoadmapView>
  );
}
