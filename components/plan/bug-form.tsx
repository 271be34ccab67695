'use client';

import { createBug, updateBug } from '@/app/(dashboard)/programs/actions';
import { TextAreaField, TextField } from '@/components/ui/field';

import { ItemSelect, TermSelect } from './options';
import { EditButton, NewButton, text, type FieldsProps } from './plan-dialog';

function fieldsFor(featureId?: string, productIds?: string[]) {
  return function BugCreateFields({ errors, options, idPrefix }: FieldsProps) {
    const features = productIds ? options.features.filter((f) => productIds.includes(f.productId)) : options.features;
    return (
      <>
        <TextField label="Title" name="title" autoFocus error={errors.title} idPrefix={idPrefix} className="sm:col-span-2" />
        {!featureId && <ItemSelect label="Feature" name="featureId" items={features} error={errors.featureId} idPrefix={idPrefix} />}
        <TextField label="Found in version" name="featureVersion" placeholder="1.0.0" error={errors.featureVersion} idPrefix={idPrefix} />
        <TermSelect label="Severity" name="severityKey" terms={options.terms.bug_severity} value="medium" error={errors.severityKey} idPrefix={idPrefix} />
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
      <ItemSelect label="Feature" name="featureId" items={options.features} value={text(item, 'featureId')} error={errors.featureId} idPrefix={idPrefix} />
      <TextField label="Found in version" name="featureVersion" defaultValue={text(item, 'featureVersion')} error={errors.featureVersion} idPrefix={idPrefix} />
      <TermSelect
        label="Severity"
        name="severityKey"
        terms={options.terms.bug_severity}
        value={text(item, 'severityKey')}
        error={errors.severityKey}
        idPrefix={idPrefix}
      />
      <ItemSelect
        label="Fixed by change request"
        name="fixCrId"
        items={options.changeRequests.map((c) => ({ id: c.id, name: `${c.id} · ${c.title}` }))}
        value={text(item, 'fixCrId')}
        none="None yet"
        error={errors.fixCrId}
        idPrefix={idPrefix}
      />
      <TextField label="Fixed in version" name="fixedInVersion" defaultValue={text(item, 'fixedInVersion')} error={errors.fixedInVersion} idPrefix={idPrefix} />
      <div className="sm:col-span-2">
        <TextAreaField label="Description" name="description" defaultValue={text(item, 'description')} error={errors.description} idPrefix={idPrefix} />
      </div>
    </>
  );
}

/** "New bug": title, feature (fixed with `featureId`, or among `productIds`' features), version found in, severity. */
export function NewBugButton({
  featureId,
  productIds,
  statusKey,
  onCreated,
  label = 'New bug',
  iconOnly,
  open,
  onOpenChange,
}: {
  featureId?: string;
  productIds?: string[];
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
      title="New bug"
      description="Where it is and how bad; the fix and the rest are in its panel."
      submitLabel="Create bug"
      action={createBug}
      success="Bug created."
      fields={fieldsFor(featureId, productIds)}
      hidden={{ ...(featureId ? { featureId } : {}), ...(statusKey ? { statusKey } : {}) }}
      onSaved={onCreated}
      testId="new-bug-dialog"
    />
  );
}

export function EditBugButton({ id, title, onSaved }: { id: string; title: string; onSaved?: () => void }) {
  return (
    <EditButton
      label={`Edit bug ${title}`}
      title="Edit bug"
      description={title}
      submitLabel="Save bug"
      action={updateBug}
      success="Bug saved."
      fields={EditFields}
      editing={{ kind: 'bug', id }}
      onSaved={onSaved}
      testId="edit-bug-dialog"
    />
  );
}
