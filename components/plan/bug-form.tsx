'use client';

import { createBug, updateBug } from '@/app/(dashboard)/programs/actions';

import { changeRequestChoices } from './options';
import { PlanItemSelect, PlanTermSelect, PlanTextAreaField, PlanTextField } from './fields';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type QuickNewProps } from './plan-dialog';

function fieldsFor(featureId?: string, productIds?: string[]) {
  return function BugCreateFields({ options }: FieldsProps) {
    const features = productIds ? options.features.filter((f) => productIds.includes(f.productId)) : options.features;
    return (
      <>
        <PlanTextField label="Title" name="title" autoFocus className="sm:col-span-2" />
        {!featureId && <PlanItemSelect label="Feature" name="featureId" items={features} />}
        <PlanTextField label="Found in version" name="featureVersion" placeholder="1.0.0" />
        <PlanTermSelect label="Severity" name="severityKey" terms={options.terms.bug_severity} value="medium" />
      </>
    );
  };
}

function EditFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Title" name="title" autoFocus wide />
      <PlanItemSelect label="Feature" name="featureId" items={options.features} />
      <PlanTextField label="Found in version" name="featureVersion" />
      <PlanTermSelect label="Severity" name="severityKey" terms={options.terms.bug_severity} />
      <PlanItemSelect label="Fixed by change request" name="fixCrId" items={changeRequestChoices(options)} none="None yet" />
      <PlanTextField label="Fixed in version" name="fixedInVersion" />
      <PlanTextAreaField label="Description" name="description" wide />
    </>
  );
}

/** "New bug": title, feature (fixed with `featureId`, or among `productIds`' features), version found in, severity. */
export function NewBugButton({ featureId, productIds, statusKey, ...button }: QuickNewProps & { featureId?: string; productIds?: string[] }) {
  return (
    <NewPlanItemButton
      kind="bug"
      {...button}
      description="Where it is and how bad; the fix and the rest are in its panel."
      action={createBug}
      fields={fieldsFor(featureId, productIds)}
      hidden={hiddenValues({ featureId, statusKey })}
    />
  );
}

export function EditBugButton({ id, title, onSaved }: { id: string; title: string; onSaved?: () => void }) {
  return <EditPlanItemButton kind="bug" id={id} name={title} action={updateBug} fields={EditFields} onSaved={onSaved} />;
}
