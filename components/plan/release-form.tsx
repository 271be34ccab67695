'use client';

import { createRelease, updateRelease } from '@/app/(dashboard)/programs/actions';

import { PlanItemSelect, PlanTermSelect, PlanTextAreaField, PlanTextField } from './fields';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type NewItemProps } from './plan-dialog';

function fieldsFor(productId?: string, programId?: string) {
  return function ReleaseCreateFields({ options }: FieldsProps) {
    const products = programId ? options.products.filter((p) => p.programId === programId) : options.products;
    return (
      <>
        {!productId && <PlanItemSelect label="Product" name="productId" items={products} />}
        <PlanTextField label="Name" name="name" placeholder="1.0.0" autoFocus />
        <PlanTextField label="Target date" name="targetDate" type="date" />
      </>
    );
  };
}

function EditFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Name" name="name" autoFocus />
      <PlanItemSelect label="Product" name="productId" items={options.products} />
      <PlanTermSelect label="Type" name="typeKey" terms={options.terms.release_type} />
      <PlanTermSelect label="Status" name="statusKey" terms={options.terms.release_status} />
      <PlanTextField label="Target date" name="targetDate" type="date" />
      <PlanTextField label="Link" name="externalUrl" />
      <PlanTextAreaField label="Description" name="description" wide />
    </>
  );
}

/** "New release" of a product (fixed with `productId`; else chosen, among a program's with `programId`). */
export function NewReleaseButton({ productId, programId, ...button }: NewItemProps & { productId?: string; programId?: string }) {
  return (
    <NewPlanItemButton
      kind="release"
      {...button}
      description="A name (and a target date if there is one); type and status are on the release."
      action={createRelease}
      fields={fieldsFor(productId, programId)}
      hidden={hiddenValues({ productId })}
    />
  );
}

export function EditReleaseButton({ id, name }: { id: string; name: string }) {
  return <EditPlanItemButton kind="release" id={id} name={name} action={updateRelease} fields={EditFields} />;
}
