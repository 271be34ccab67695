'use client';

import { createRoadmapItem, updateRoadmapItem } from '@/app/(dashboard)/programs/actions';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

const ITEM_TYPES = ['work', 'gate', 'holding', 'integration'] as const;

function fieldsFor(scoped: boolean, phaseKey?: string) {
  return function RoadmapCreateFields({ errors, options, idPrefix }: FieldsProps) {
    return (
      <>
        <TextField label="Title" name="title" autoFocus error={errors.title} idPrefix={idPrefix} className="sm:col-span-2" />
        {!phaseKey && <TermSelect label="Phase" name="phaseKey" terms={options.terms.roadmap_phase} error={errors.phaseKey} idPrefix={idPrefix} />}
        {!scoped && <ItemSelect label="Program" name="programId" items={options.programs} error={errors.programId} idPrefix={idPrefix} />}
      </>
    );
  };
}

function EditFields({ errors, options, item, idPrefix }: FieldsProps) {
  return (
    <>
      <div className="sm:col-span-2">
        <TextField label="Title" name="title" defaultValue={text(item, 'title')} error={errors.title} idPrefix={idPrefix} autoFocus />
      </div>
      <TermSelect
        label="Phase"
        name="phaseKey"
        terms={options.terms.roadmap_phase}
        value={text(item, 'phaseKey')}
        error={errors.phaseKey}
        idPrefix={idPrefix}
      />
      <SelectField label="Item type" name="itemType" defaultValue={text(item, 'itemType', 'work')} error={errors.itemType} idPrefix={idPrefix}>
        {ITEM_TYPES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </SelectField>
      <ItemSelect
        label="Feature"
        name="featureId"
        items={options.features}
        value={text(item, 'featureId')}
        none="No feature"
        error={errors.featureId}
        idPrefix={idPrefix}
      />
      <ItemSelect
        label="Change request"
        name="crId"
        items={options.changeRequests.map((c) => ({ id: c.id, name: `${c.id} · ${c.title}` }))}
        value={text(item, 'crId')}
        none="None"
        error={errors.crId}
        idPrefix={idPrefix}
      />
      <TextField label="Target date" name="targetDate" type="date" defaultValue={text(item, 'targetDate')} error={errors.targetDate} idPrefix={idPrefix} />
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
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
  onCreated,
  label = 'New roadmap item',
  iconOnly,
  open,
  onOpenChange,
}: {
  programId?: string;
  productId?: string;
  phaseKey?: string;
  statusKey?: string;
  onCreated?: (id: string) => void;
  label?: string;
  iconOnly?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  const hidden: Record<string, string> = {};
  if (programId) hidden.programId = programId;
  if (productId) hidden.productId = productId;
  if (phaseKey) hidden.phaseKey = phaseKey;
  if (statusKey) hidden.statusKey = statusKey;
  return (
    <NewButton
      label={label}
      iconOnly={iconOnly}
      variant={iconOnly ? 'ghost' : 'primary'}
      open={open}
      onOpenChange={onOpenChange}
      title="New roadmap item"
      description="A title and a phase; type, feature and dates are on the item."
      submitLabel="Create item"
      action={createRoadmapItem}
      success="Roadmap item created."
      fields={fieldsFor(Boolean(programId || productId), phaseKey)}
      hidden={hidden}
      onSaved={onCreated}
      testId="new-roadmap-dialog"
    />
  );
}

export function EditRoadmapItemButton({ id, title, onSaved }: { id: string; title: string; onSaved?: () => void }) {
  return (
    <EditButton
      label={`Edit roadmap item ${title}`}
      title="Edit roadmap item"
      description={title}
      submitLabel="Save item"
      action={updateRoadmapItem}
      success="Roadmap item saved."
      fields={EditFields}
      editing={{ kind: 'roadmap', id }}
      onSaved={onSaved}
      testId="edit-roadmap-dialog"
    />
  );
}
