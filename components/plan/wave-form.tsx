'use client';

import { createTask, createWave, updateTask, updateWave } from '@/app/(dashboard)/programs/actions';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

const STATES = ['planned', 'in-progress', 'blocked', 'completed', 'failed'] as const;

function waveFields(programId?: string) {
  return function WaveCreateFields({ errors, options, idPrefix }: FieldsProps) {
    return (
      <>
        {!programId && <ItemSelect label="Program" name="programId" items={options.programs} error={errors.programId} idPrefix={idPrefix} />}
        <TextField label="Name" name="name" autoFocus error={errors.name} idPrefix={idPrefix} />
      </>
    );
  };
}

function WaveEditFields({ errors, item, idPrefix }: FieldsProps) {
  return (
    <>
      <TextField label="Name" name="name" defaultValue={text(item, 'name')} error={errors.name} idPrefix={idPrefix} autoFocus />
      <TextField
        label="Sequence"
        name="sequenceNumber"
        inputMode="numeric"
        defaultValue={text(item, 'sequenceNumber')}
        error={errors.sequenceNumber}
        idPrefix={idPrefix}
      />
      <SelectField label="State" name="state" defaultValue={text(item, 'state', 'planned')} error={errors.state} idPrefix={idPrefix}>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
    </>
  );
}

/** "New wave" of a program: a name; its sequence number is the next free one. */
export function NewWaveButton({ programId, onCreated, label = 'New wave' }: { programId?: string; onCreated?: (id: string) => void; label?: string }) {
  return (
    <NewButton
      label={label}
      title="New wave"
      description="It takes the next sequence number of the program."
      submitLabel="Create wave"
      action={createWave}
      success="Wave created."
      fields={waveFields(programId)}
      hidden={programId ? { programId } : undefined}
      onSaved={onCreated}
      testId="new-wave-dialog"
    />
  );
}

export function EditWaveButton({ id, name }: { id: string; name: string }) {
  return (
    <EditButton
      label={`Edit wave ${name}`}
      title="Edit wave"
      description={name}
      submitLabel="Save wave"
      action={updateWave}
      success="Wave saved."
      fields={WaveEditFields}
      editing={{ kind: 'wave', id }}
      testId="edit-wave-dialog"
    />
  );
}

function taskFields(waveId?: string, programId?: string) {
  return function TaskFields({ errors, options, item, idPrefix }: FieldsProps) {
    const waves = (programId ? options.waves.filter((w) => w.programId === programId) : options.waves).map((w) => ({
      id: w.id,
      name: `${w.sequence}. ${w.name}`,
    }));
    return (
      <>
        <TextField label="Name" name="name" defaultValue={text(item, 'name')} autoFocus error={errors.name} idPrefix={idPrefix} />
        {!item && !waveId && <ItemSelect label="Wave" name="waveId" items={waves} error={errors.waveId} idPrefix={idPrefix} />}
        <TextField
          label="Architecture reference"
          name="architectureReference"
          defaultValue={text(item, 'architectureReference')}
          error={errors.architectureReference}
          idPrefix={idPrefix}
        />
        <TextField label="QA suite" name="qaSuiteLocation" defaultValue={text(item, 'qaSuiteLocation')} error={errors.qaSuiteLocation} idPrefix={idPrefix} />
        <div className="sm:col-span-2">
          <TextAreaField
            label="Acceptance criteria"
            name="acceptanceCriteria"
            defaultValue={text(item, 'acceptanceCriteria')}
            error={errors.acceptanceCriteria}
            idPrefix={idPrefix}
          />
        </div>
      </>
    );
  };
}

/** "New task" (Foreman): in a wave (fixed with `waveId`, or chosen among `programId`'s waves), with what every task needs. */
export function NewTaskButton({
  waveId,
  programId,
  statusKey,
  onCreated,
  label = 'New task',
  iconOnly,
  open,
  onOpenChange,
  variant,
}: {
  variant?: 'primary' | 'secondary';
  waveId?: string;
  programId?: string;
  statusKey?: string;
  onCreated?: (id: string) => void;
  label?: string;
  iconOnly?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  return (
    <NewButton
      label={label}
      iconOnly={iconOnly}
      variant={iconOnly ? 'ghost' : (variant ?? 'primary')}
      open={open}
      onOpenChange={onOpenChange}
      title="New task"
      description="What a builder needs to take it: where the architecture is, where its QA suite is, and when it is done."
      submitLabel="Create task"
      action={createTask}
      success="Task created."
      fields={taskFields(waveId, programId)}
      hidden={{ ...(waveId ? { waveId } : {}), ...(statusKey ? { statusKey } : {}) }}
      onSaved={onCreated}
      testId="new-task-dialog"
    />
  );
}

export function EditTaskButton({ id, name, onSaved }: { id: string; name: string; onSaved?: () => void }) {
  return (
    <EditButton
      label={`Edit task ${name}`}
      title="Edit task"
      description={name}
      submitLabel="Save task"
      action={updateTask}
      success="Task saved."
      fields={taskFields()}
      editing={{ kind: 'task', id }}
      onSaved={onSaved}
      testId="edit-task-dialog"
    />
  );
}
