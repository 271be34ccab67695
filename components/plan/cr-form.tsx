'use client';

import { createChangeRequest, updateChangeRequest } from '@/app/(dashboard)/programs/actions';

import { PlanChoiceSelect, PlanItemSelect, PlanTermSelect, PlanTextAreaField, PlanTextField, text } from './fields';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type QuickNewProps } from './plan-dialog';

const SIZES = ['S', 'M', 'L', 'XL'] as const;

function fieldsFor(productId?: string, programId?: string) {
  return function CrCreateFields({ options }: FieldsProps) {
    const products = programId ? options.products.filter((p) => p.programId === programId) : options.products;
    return (
      <>
        <PlanTextField label="Title" name="title" autoFocus className="sm:col-span-2" />
        {!productId && <PlanItemSelect label="Product" name="productId" items={products} />}
      </>
    );
  };
}

function EditFields({ options, item }: FieldsProps) {
  const productId = text(item, 'productId');
  return (
    <>
      <PlanTextField label="Title" name="title" autoFocus wide />
      <PlanTermSelect label="Type" name="typeKey" terms={options.terms.cr_type} />
      <PlanChoiceSelect label="Size" name="size" choices={SIZES} fallback="M" />
      <PlanItemSelect label="Product" name="productId" items={options.products} />
      <PlanItemSelect label="Feature" name="featureId" items={options.features.filter((f) => !productId || f.productId === productId)} none="No feature" />
      <PlanTextField label="Target version" name="targetVersion" />
      <PlanTextAreaField label="Description" name="description" wide />
    </>
  );
}

/**
 * "New change request": a title, and its product unless `productId` fixes it (`programId` narrows
 * the choice). `statusKey` starts it in a board column. Dependencies are added on its page.
 */
export function NewChangeRequestButton({ productId, programId, statusKey, ...button }: QuickNewProps & { productId?: string; programId?: string }) {
  return (
    <NewPlanItemButton
      kind="cr"
      {...button}
      description="A title is enough; type, size, feature and owner are in its panel."
      action={createChangeRequest}
      fields={fieldsFor(productId, programId)}
      hidden={hiddenValues({ productId, statusKey })}
    />
  );
}

export function EditChangeRequestButton({ id, title, onSaved }: { id: string; title: string; onSaved?: () => void }) {
  return <EditPlanItemButton kind="cr" id={id} name={title} action={updateChangeRequest} fields={EditFields} onSaved={onSaved} />;
}
