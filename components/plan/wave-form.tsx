'use client';

import { createTask, createWave, updateTask, updateWave } from '@/app/(dashboard)/programs/actions';

import { PlanChoiceSelect, PlanItemSelect, PlanTextAreaField, PlanTextField } from './fields';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type NewItemProps, type QuickNewProps } from './plan-dialog';

const STATES = ['planned', 'in-progress', 'blocked', 'completed', 'failed'] as const;

function waveFields(programId?: string) {
  return function WaveCreateFields({ options }: FieldsProps) {
    return (
      <>
        {!programId && <PlanItemSelect label="Program" name="programId" items={options.programs} />}
        <PlanTextField label="Name" name="name" autoFocus />
      </>
    );
  };
}

function WaveEditFields() {
  return (
    <>
      <PlanTextField label="Name" name="name" autoFocus />
      <PlanTextField label="Sequence" name="sequenceNumber" inputMode="numeric" />
      <PlanChoiceSelect label="State" name="state" choices={STATES} fallback="planned" />
    </>
  );
}

/** "New wave" of a program: a name; its sequence number is the next free one. */
export function NewWaveButton({ programId, ...button }: NewItemProps & { programId?: string }) {
  return (
    <NewPlanItemButton
      kind="wave"
      {...button}
      description="It takes the next sequence number of the program."
      action={createWave}
      fields={waveFields(programId)}
      hidden={hiddenValues({ programId })}
    />
  );
}

export function EditWaveButton({ id, name }: { id: string; name: string }) {
  return <EditPlanItemButton kind="wave" id={id} name={name} action={updateWave} fields={WaveEditFields} />;
}

function taskFields(waveId?: string, programId?: string) {
  return function TaskFields({ options, item }: FieldsProps) {
    const waves = (programId ? options.waves.filter((w) => w.programId === programId) : options.waves).map((w) => ({
      id: w.id,
      name: `${w.sequence}. ${w.name}`,
    }));
    return (
      <>
        <PlanTextField label="Name" name="name" autoFocus />
        {!item && !waveId && <PlanItemSelect label="Wave" name="waveId" items={waves} />}
        <PlanTextField label="Architecture reference" name="architectureReference" />
        <PlanTextField label="QA suite" name="qaSuiteLocation" />
        <PlanTextAreaField label="Acceptance criteria" name="acceptanceCriteria" wide />
      </>
    );
  };
}

/** "New task" (Foreman): in a wave (fixed with `waveId`, or chosen among `programId`'s waves), with what every task needs. */
export function NewTaskButton({ waveId, programId, statusKey, ...button }: QuickNewProps & { waveId?: string; programId?: string }) {
  return (
    <NewPlanItemButton
      kind="task"
      {...button}
      description="What a builder needs to take it: where the architecture is, where its QA suite is, and when it is done."
      action={createTask}
      fields={taskFields(waveId, programId)}
      hidden={hiddenValues({ waveId, statusKey })}
    />
  );
}

export function EditTaskButton({ id, name, onSaved }: { id: string; name: string; onSaved?: () => void }) {
  return <EditPlanItemButton kind="task" id={id} name={name} action={updateTask} fields={taskFields()} onSaved={onSaved} />;
}
