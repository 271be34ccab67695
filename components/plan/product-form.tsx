'use client';

import { createProduct, updateProduct } from '@/app/(dashboard)/programs/actions';
import { TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

function fieldsFor(programId?: string) {
  return function ProductCreateFields({ errors, options, idPrefix }: FieldsProps) {
    return (
      <>
        {!programId && <ItemSelect label="Program" name="programId" items={options.programs} error={errors.programId} idPrefix={idPrefix} />}
        <TextField label="Name" name="name" autoFocus error={errors.name} idPrefix={idPrefix} className={programId ? 'sm:col-span-2' : undefined} />
      </>
    );
  };
}

function EditFields({ errors, options, item, idPrefix }: FieldsProps) {
  return (
    <>
      <TextField label="Name" name="name" defaultValue={text(item, 'name')} error={errors.name} idPrefix={idPrefix} autoFocus />
      <ItemSelect label="Program" name="programId" items={options.programs} value={text(item, 'programId')} error={errors.programId} idPrefix={idPrefix} />
      <TermSelect
        label="Status"
        name="statusKey"
        terms={options.terms.product_status}
        value={text(item, 'statusKey')}
        error={errors.statusKey}
        idPrefix={idPrefix}
      />
      <TextField label="Version" name="version" defaultValue={text(item, 'version')} error={errors.version} idPrefix={idPrefix} />
      <div className="sm:col-span-2">
        <TextField label="Repository" name="repositoryUrl" defaultValue={text(item, 'repositoryUrl')} error={errors.repositoryUrl} idPrefix={idPrefix} />
      </div>
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
    </>
  );
}

/** "New product", in a program (fixed when `programId` is given, else chosen). */
export function NewProductButton({
  programId,
  onCreated,
  variant = 'primary',
  label = 'New product',
}: {
  programId?: string;
  onCreated?: (id: string) => void;
  label?: string;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <NewButton
      label={label}
      variant={variant}
      title="New product"
      description="A name is enough; version, repository and status are on its page."
      submitLabel="Create product"
      action={createProduct}
      success="Product created."
      fields={fieldsFor(programId)}
      hidden={programId ? { programId } : undefined}
      onSaved={onCreated}
      testId="new-product-dialog"
    />
  );
}

export function EditProductButton({ id, name }: { id: string; name: string }) {
  return (
    <EditButton
      label={`Edit product ${name}`}
      title="Edit product"
      description={name}
      submitLabel="Save product"
      action={updateProduct}
      success="Product saved."
      fields={EditFields}
      editing={{ kind: 'product', id }}
      testId="edit-product-dialog"
    />
  );
}
