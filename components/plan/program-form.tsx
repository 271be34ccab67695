'use client';

import { createProgram, updateProgram } from '@/app/(dashboard)/programs/actions';

import { PlanChoiceSelect, PlanTermSelect, PlanTextAreaField, PlanTextField } from './fields';
import { EditPlanItemButton, NewPlanItemButton, PlanFormDialog, type FieldsProps, type NewItemProps } from './plan-dialog';

const STATES = [
  ['planned', 'Planned'],
  ['in-progress', 'In progress'],
  ['blocked', 'Blocked'],
  ['completed', 'Completed'],
  ['failed', 'Failed'],
] as const;

function CreateFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Name" name="name" autoFocus required className="sm:col-span-2" />
      <PlanTermSelect label="Type" name="typeKey" terms={options.terms.program_type} />
    </>
  );
}

function EditFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Name" name="name" autoFocus />
      <PlanTextField label="Owner" name="owner" />
      <PlanTermSelect label="Type" name="typeKey" terms={options.terms.program_type} />
      <PlanTermSelect label="Status" name="statusKey" terms={options.terms.product_status} />
      <PlanChoiceSelect label="Foreman state" name="state" choices={STATES} fallback="planned" />
      <PlanTextField label="Evidence location" name="evidenceLocation" />
      <PlanTextAreaField label="Description" name="description" wide />
      <PlanTextAreaField label="Objectives" name="objectives" hint="One a line." wide />
    </>
  );
}

/** "New program": a name and a type; the rest on its page. */
export function NewProgramButton(button: NewItemProps) {
  return (
    <NewPlanItemButton
      kind="program"
      {...button}
      description="A name is enough; objectives, owner and state are on its page."
      action={createProgram}
      fields={CreateFields}
    />
  );
}

/** "Edit" for a program: both seeds' fields (type, status, owner, description; objectives, state, evidence location). */
export function EditProgramButton({ id, name }: { id: string; name: string }) {
  return <EditPlanItemButton kind="program" id={id} name={name} action={updateProgram} fields={EditFields} />;
}

/** The "New program" dialog without its button: the command palette opens it. */
export function NewProgramDialog({
  open,
  onOpenChange,
  onCreated,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated?: (id: string) => void;
}) {
  if (!open) return null;
  return (
    <PlanFormDialog
      title="New program"
      description="A name is enough; objectives, owner and state are on its page."
      submitLabel="Create program"
      success="Program created."
      action={createProgram}
      fields={CreateFields}
      testId="new-program-dialog"
      open={open}
      onOpenChange={onOpenChange}
      onSaved={onCreated}
    />
  );
}
