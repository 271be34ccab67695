'use client';

import { createProgram, updateProgram } from '@/app/(dashboard)/programs/actions';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';

import { TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

const STATES = [
  ['planned', 'Planned'],
  ['in-progress', 'In progress'],
  ['blocked', 'Blocked'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
] as const;

function CreateFields({ errors, options, idPrefix }: FieldsProps) {
  return (
    <>
      <TextField label="Name" name="name" autoFocus required error={errors.name} idPrefix={idPrefix} className="sm:col-span-2" />
      <TermSelect label="Type" name="typeKey" terms={options.terms.program_type} error={errors.typeKey} idPrefix={idPrefix} />
    </>
  );
}

function EditFields({ errors, options, item, idPrefix }: FieldsProps) {
  return (
    <>
      <TextField label="Name" name="name" defaultValue={text(item, 'name')} error={errors.name} idPrefix={idPrefix} autoFocus />
      <TextField label="Owner" name="owner" defaultValue={text(item, 'owner')} error={errors.owner} idPrefix={idPrefix} />
      <TermSelect label="Type" name="typeKey" terms={options.terms.program_type} value={text(item, 'typeKey')} error={errors.typeKey} idPrefix={idPrefix} />
      <TermSelect
        label="Status"
        name="statusKey"
        terms={options.terms.product_status}
        value={text(item, 'statusKey')}
        error={errors.statusKey}
        idPrefix={idPrefix}
      />
      <SelectField label="Foreman state" name="state" defaultValue={text(item, 'state', 'planned')} error={errors.state} idPrefix={idPrefix}>
        {STATES.map(([key, label]) => (
          <option key={key} value={key}>
            {label}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Evidence location"
        name="evidenceLocation"
        defaultValue={text(item, 'evidenceLocation')}
        error={errors.evidenceLocation}
        idPrefix={idPrefix}
      />
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
      <div className="sm:col-span-2">
        <TextAreaField
          label="Objectives"
          name="objectives"
          hint="One a line."
          defaultValue={text(item, 'objectives')}
          error={errors.objectives}
          idPrefix={idPrefix}
        />
      </div>
    </>
  );
}

/** "New program": a name and a type; the rest on its page. */
export function NewProgramButton({ onCreated, label = 'New program' }: { onCreated?: (id: string) => void; label?: string }) {
  return (
    <NewButton
      label={label}
      title="New program"
      description="A name is enough; objectives, owner and state are on its page."
      submitLabel="Create program"
      action={createProgram}
      success="Program created."
      fields={CreateFields}
      onSaved={onCreated}
      testId="new-program-dialog"
    />
  );
}

/** "Edit" for a program: both seeds' fields (type, status, owner, description; objectives, state, evidence location). */
export function EditProgramButton({ id, name }: { id: string; name: string }) {
  return (
    <EditButton
      label={`Edit program ${name}`}
      title="Edit program"
      description={name}
      submitLabel="Save program"
      action={updateProgram}
      success="Program saved."
      fields={EditFields}
      editing={{ kind: 'program', id }}
      testId="edit-program-dialog"
    />
  );
}
