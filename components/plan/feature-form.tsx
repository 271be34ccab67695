'use client';

import { createFeature, updateFeature } from '@/app/(dashboard)/programs/actions';
import { TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

function fieldsFor(productId?: string, programId?: string) {
  return function FeatureCreateFields({ errors, options, idPrefix }: FieldsProps) {
    const programProducts = programId ? options.products.filter((p) => p.programId === programId) : options.products;
    return (
      <>
        {!productId && <ItemSelect label="Product" name="productId" items={programProducts} error={errors.productId} idPrefix={idPrefix} />}
        <TextField label="Name" name="name" autoFocus error={errors.name} idPrefix={idPrefix} className={productId ? 'sm:col-span-2' : undefined} />
      </>
    );
  };
}

function EditFields({ errors, options, item, idPrefix }: FieldsProps) {
  return (
    <>
      <TextField label="Name" name="name" defaultValue={text(item, 'name')} error={errors.name} idPrefix={idPrefix} autoFocus />
      <ItemSelect label="Product" name="productId" items={options.products} value={text(item, 'productId')} error={errors.productId} idPrefix={idPrefix} />
      <TermSelect
        label="Status"
        name="statusKey"
        terms={options.terms.feature_status}
        value={text(item, 'statusKey')}
        error={errors.statusKey}
        idPrefix={idPrefix}
      />
      <TextField label="Version" name="version" defaultValue={text(item, 'version')} error={errors.version} idPrefix={idPrefix} />
      <TextField label="Introduced in" name="introducedIn" defaultValue={text(item, 'introducedIn')} error={errors.introducedIn} idPrefix={idPrefix} />
      <TextField label="Deprecated in" name="deprecatedIn" defaultValue={text(item, 'deprecatedIn')} error={errors.deprecatedIn} idPrefix={idPrefix} />
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
    </>
  );
}

/** "New feature", of a product (fixed with `productId`; else chosen, among a program's products with `programId`). */
export function NewFeatureButton({
  productId,
  programId,
  onCreated,
  variant = 'primary',
  label = 'New feature',
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
      title="New feature"
      description="A name is enough; status and versions are on its page."
      submitLabel="Create feature"
      action={createFeature}
      success="Feature created."
      fields={fieldsFor(productId, programId)}
      hidden={productId ? { productId } : undefined}
      onSaved={onCreated}
      testId="new-feature-dialog"
    />
  );
}

export function EditFeatureButton({ id, name }: { id: string; name: string }) {
  return (
    <EditButton
      label={`Edit feature ${name}`}
      title="Edit feature"
      description={name}
      submitLabel="Save feature"
      action={updateFeature}
      success="Feature saved."
      fields={EditFields}
      editing={{ kind: 'feature', id }}
      testId="edit-feature-dialog"
    />
  );
}
