'use client';

import { createChangeRequest, updateChangeRequest } from '@/app/(dashboard)/programs/actions';
import { SelectField, TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

const SIZES = ['S', 'M', 'L', 'XL'] as const;

function fieldsFor(productId?: string, programId?: string) {
  return function CrCreateFields({ errors, options, idPrefix }: FieldsProps) {
    const products = programId ? options.products.filter((p) => p.programId === programId) : options.products;
    return (
      <>
        <TextField label="Title" name="title" autoFocus error={errors.title} idPrefix={idPrefix} className="sm:col-span-2" />
        {!productId && <ItemSelect label="Product" name="productId" items={products} error={errors.productId} idPrefix={idPrefix} />}
      </>
    );
  };
}

function EditFields({ errors, options, item, idPrefix }: FieldsProps) {
  const productId = text(item, 'productId');
  return (
    <>
      <div className="sm:col-span-2">
        <TextField label="Title" name="title" defaultValue={text(item, 'title')} error={errors.title} idPrefix={idPrefix} autoFocus />
      </div>
      <TermSelect label="Type" name="typeKey" terms={options.terms.cr_type} value={text(item, 'typeKey')} error={errors.typeKey} idPrefix={idPrefix} />
      <SelectField label="Size" name="size" defaultValue={text(item, 'size', 'M')} error={errors.size} idPrefix={idPrefix}>
        {SIZES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </SelectField>
      <ItemSelect label="Product" name="productId" items={options.products} value={productId} error={errors.productId} idPrefix={idPrefix} />
      <ItemSelect
        label="Feature"
        name="featureId"
        items={options.features.filter((f) => !productId || f.productId === productId)}
        value={text(item, 'featureId')}
        none="No feature"
        error={errors.featureId}
        idPrefix={idPrefix}
      />
      <TextField label="Target version" name="targetVersion" defaultValue={text(item, 'targetVersion')} error={errors.targetVersion} idPrefix={idPrefix} />
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
    </>
  );
}

/**
 * "New change request": a title, and its product unless `productId` fixes it (`programId` narrows
 * the choice). `statusKey` starts it in a board column. Dependencies are added on its page.
 */
export function NewChangeRequestButton({
  productId,
  programId,
  statusKey,
  onCreated,
  label = 'New change request',
  iconOnly,
  open,
  onOpenChange,
}: {
  productId?: string;
  programId?: string;
  statusKey?: string;
  onCreated?: (id: string) => void;
  label?: string;
  iconOnly?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}) {
  return (
    <NewButton
      label={label}
      iconOnly={iconOnly}
      variant={iconOnly ? 'ghost' : 'primary'}
      open={open}
      onOpenChange={onOpenChange}
      title="New change request"
      description="A title is enough; type, size, feature and owner are in its panel."
      submitLabel="Create change request"
      action={createChangeRequest}
      success="Change request created."
      fields={fieldsFor(productId, programId)}
      hidden={{ ...(productId ? { productId } : {}), ...(statusKey ? { statusKey } : {}) }}
      onSaved={onCreated}
      testId="new-cr-dialog"
    />
  );
}

export function EditChangeRequestButton({ id, title, onSaved }: { id: string; title: string; onSaved?: () => void }) {
  return (
    <EditButton
      label={`Edit change request ${title}`}
      title="Edit change request"
      description={title}
      submitLabel="Save change request"
      action={updateChangeRequest}
      success="Change request saved."
      fields={EditFields}
      editing={{ kind: 'cr', id }}
      onSaved={onSaved}
      testId="edit-cr-dialog"
    />
  );
}
