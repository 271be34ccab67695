'use client';

import { createFeature, updateFeature } from '@/app/(dashboard)/programs/actions';

import { PlanItemSelect, PlanTermSelect, PlanTextAreaField, PlanTextField } from './fields';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type NewItemProps } from './plan-dialog';

function fieldsFor(productId?: string, programId?: string) {
  return function FeatureCreateFields({ options }: FieldsProps) {
    const programProducts = programId ? options.products.filter((p) => p.programId === programId) : options.products;
    return (
      <>
        {!productId && <PlanItemSelect label="Product" name="productId" items={programProducts} />}
        <PlanTextField label="Name" name="name" autoFocus className={productId ? 'sm:col-span-2' : undefined} />
      </>
    );
  };
}

function EditFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Name" name="name" autoFocus />
      <PlanItemSelect label="Product" name="productId" items={options.products} />
      <PlanTermSelect label="Status" name="statusKey" terms={options.terms.feature_status} />
      <PlanTextField label="Version" name="version" />
      <PlanTextField label="Introduced in" name="introducedIn" />
      <PlanTextField label="Deprecated in" name="deprecatedIn" />
      <PlanTextAreaField label="Description" name="description" wide />
    </>
  );
}

/** "New feature", of a product (fixed with `productId`; else chosen, among a program's products with `programId`). */
export function NewFeatureButton({ productId, programId, ...button }: NewItemProps & { productId?: string; programId?: string }) {
  return (
    <NewPlanItemButton
      kind="feature"
      {...button}
      description="A name is enough; status and versions are on its page."
      action={createFeature}
      fields={fieldsFor(productId, programId)}
      hidden={hiddenValues({ productId })}
    />
  );
}

export function EditFeatureButton({ id, name }: { id: string; name: string }) {
  return <EditPlanItemButton kind="feature" id={id} name={name} action={updateFeature} fields={EditFields} />;
}
