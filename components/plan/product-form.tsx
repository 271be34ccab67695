'use client';

import { createProduct, updateProduct } from '@/app/(dashboard)/programs/actions';

import { PlanItemSelect, PlanTermSelect, PlanTextAreaField, PlanTextField } from './fields';
import { EditPlanItemButton, hiddenValues, NewPlanItemButton, type FieldsProps, type NewItemProps } from './plan-dialog';

function fieldsFor(programId?: string) {
  return function ProductCreateFields({ options }: FieldsProps) {
    return (
      <>
        {!programId && <PlanItemSelect label="Program" name="programId" items={options.programs} />}
        <PlanTextField label="Name" name="name" autoFocus className={programId ? 'sm:col-span-2' : undefined} />
      </>
    );
  };
}

function EditFields({ options }: FieldsProps) {
  return (
    <>
      <PlanTextField label="Name" name="name" autoFocus />
      <PlanItemSelect label="Program" name="programId" items={options.programs} />
      <PlanTermSelect label="Status" name="statusKey" terms={options.terms.product_status} />
      <PlanTextField label="Version" name="version" />
      <PlanTextField label="Repository" name="repositoryUrl" wide />
      <PlanTextAreaField label="Description" name="description" wide />
    </>
  );
}

/** "New product", in a program (fixed when `programId` is given, else chosen). */
export function NewProductButton({ programId, ...button }: NewItemProps & { programId?: string }) {
  return (
    <NewPlanItemButton
      kind="product"
      {...button}
      description="A name is enough; version, repository and status are on its page."
      action={createProduct}
      fields={fieldsFor(programId)}
      hidden={hiddenValues({ programId })}
    />
  );
}

export function EditProductButton({ id, name }: { id: string; name: string }) {
  return <EditPlanItemButton kind="product" id={id} name={name} action={updateProduct} fields={EditFields} />;
}
