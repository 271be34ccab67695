'use client';

import { createRoadmapItem, updateRoadmapItem } from '@/app/(dashboard)/programs/actions';

import { PlanChoiceSelect, PlanItemSelect, PlanTermSelect, PlanTextAreaField, PlanTextField } from './fields';
import { changeRequestChoices } from './options';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type QuickNewProps } from './plan-dialog';

const ITEM_TYPES = ['work', 'gate', 'holding', 'integration'] as const;

function fieldsFor(scoped: boolean, phaseKey?: string) {
  return function RoadmapCreateFields({ options }: FieldsProps) {
    return (
      <>
        <PlanTextField label="Title" name="title" autoFocus className="sm:col-span-2" />
        {!phaseKey && <PlanTermSelect label="Phase" name="phaseKey" terms={options.terms.roadmap_phase} />}
        {!scoped && <PlanItemSelect label="Program" name="programId" items={options.programs} />}
      </>
    );
  };
}

function EditFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Title" name="title" autoFocus wide />
      <PlanTermSelect label="Phase" name="phaseKey" terms={options.terms.roadmap_phase} />
      <PlanChoiceSelect label="Item type" name="itemType" choices={ITEM_TYPES} fallback="work" />
      <PlanItemSelect label="Feature" name="featureId" items={options.features} none="No feature" />
      <PlanItemSelect label="Change request" name="crId" items={changeRequestChoices(options)} none="None" />
      <PlanTextField label="Target date" name="targetDate" type="date" />
      <PlanTextAreaField label="Description" name="description" wide />
    </>
  );
}

/**
 * "New roadmap item": a title and a phase, on a program's board (`programId`) or a product's
 * (`productId`); without either, the program is chosen. `statusKey`/`phaseKey` start it in a
 * board column or a roadmap lane.
 */
export function NewRoadmapItemButton({
  programId,
  productId,
  phaseKey,
  statusKey,
  ...button
}: QuickNewProps & { programId?: string; productId?: string; phaseKey?: string }) {
  return (
    <NewPlanItemButton
      kind="roadmap"
      {...button}
      description="A title and a phase; type, feature and dates are on the item."
      submitLabel="Create item"
      action={createRoadmapItem}
      fields={fieldsFor(Boolean(programId || productId), phaseKey)}
      hidden={hiddenValues({ programId, productId, phaseKey, statusKey })}
    />
  );
}

export function EditRoadmapItemButton({ id, title, onSaved }: { id: string; title: string; onSaved?: () => void }) {
  return <EditPlanItemButton kind="roadmap" id={id} name={title} submitLabel="Save item" action={updateRoadmapItem} fields={EditFields} onSaved={onSaved} />;
}
