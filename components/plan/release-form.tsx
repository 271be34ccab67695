'use client';

import { createRelease, updateRelease } from '@/app/(dashboard)/programs/actions';
import { TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

function fieldsFor(productId?: string, programId?: string) {
  return function ReleaseCreateFields({ errors, options, idPrefix }: FieldsProps) {
    const products = programId ? options.products.filter((p) => p.programId === programId) : options.products;
    return (
      <>
        {!productId && <ItemSelect label="Product" name="productId" items={products} error={errors.productId} idPrefix={idPrefix} />}
        <TextField label="Name" name="name" placeholder="1.0.0" autoFocus error={errors.name} idPrefix={idPrefix} />
        <TextField label="Target date" name="targetDate" type="date" error={errors.targetDate} idPrefix={idPrefix} />
      </>
    );
  };
}

function EditFields({ errors, options, item, idPrefix }: FieldsProps) {
  return (
    <>
      <TextField label="Name" name="name" defaultValue={text(item, 'name')} error={errors.name} idPrefix={idPrefix} autoFocus />
      <ItemSelect label="Product" name="productId" items={options.products} value={text(item, 'productId')} error={errors.productId} idPrefix={idPrefix} />
      <TermSelect label="Type" name="typeKey" terms={options.terms.release_type} value={text(item, 'typeKey')} error={errors.typeKey} idPrefix={idPrefix} />
      <TermSelect
        label="Status"
        name="statusKey"
        terms={options.terms.release_status}
        value={text(item, 'statusKey')}
        error={errors.statusKey}
        idPrefix={idPrefix}
      />
      <TextField label="Target date" name="targetDate" type="date" defaultValue={text(item, 'targetDate')} error={errors.targetDate} idPrefix={idPrefix} />
      <TextField label="Link" name="externalUrl" defaultValue={text(item, 'externalUrl')} error={errors.externalUrl} idPrefix={idPrefix} />
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
    </>
  );
}

/** "New release" of a product (fixed with `productId`; else chosen, among a program's with `programId`). */
export function NewReleaseButton({
  productId,
  programId,
  onCreated,
  variant = 'primary',
  label = 'New release',
}: {
  productId?: string;
  programId?: string;
  onCreated?: (id: string) => void;
  label?: string;
  variant?: 'primary' | 'secondary';
}) {
  return (
    <NewButton
      label={label}
      variant={variant}
      title="New release"
      description="A name (and a target date if there is one); type and status are on the release."
      submitLabel="Create release"
      action={createRelease}
      success="Release created."
      fields={fieldsFor(productId, programId)}
      hidden={productId ? { productId } : undefined}
      onSaved={onCreated}
      testId="new-release-dialog"
    />
  );
}

export function EditReleaseButton({ id, name }: { id: string; name: string }) {
  return (
    <EditButton
      label={`Edit release ${name}`}
      title="Edit release"
      description={name}
      submitLabel="Save release"
      action={updateRelease}
      success="Release saved."
      fields={EditFields}
      editing={{ kind: 'release', id }}
      testId="edit-release-dialog"
    />
  );
}
