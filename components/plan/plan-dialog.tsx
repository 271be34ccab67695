'use client';

import { useQuery } from '@tanstack/react-query';
import { Loader2, Pencil, Plus } from 'lucide-react';
import { useState, type ComponentProps, type ReactNode } from 'react';
import { toast } from 'sonner';

import { loadPlanItem, loadPlanOptions } from '@/app/(dashboard)/programs/actions';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';
import { PLAN_NOUNS, type PlanKind } from '@/lib/plan/kinds';
import type { PlanOptions } from '@/lib/plan/options';

import { PlanFieldsProvider, type PlanItem } from './fields';

/**
 * What a kind's fields get: the options to choose from and (editing) the item as it is. The
 * Plan*Field components of ./fields read the errors, the item's values and the id prefix themselves.
 */
export interface FieldsProps {
  options: PlanOptions;
  item?: PlanItem;
}

async function unwrap<T>(result: Promise<ActionResult<T>>): Promise<T> {
  const answer = await result;
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
}

/** The organisation's programs, products, features, waves and terms, loaded once per page for every plan form. */
export function usePlanOptions(enabled: boolean) {
  return useQuery({ queryKey: ['plan-options'], queryFn: () => unwrap(loadPlanOptions({})), enabled, staleTime: 30_000 });
}

interface DialogProps {
  /** The dialog's title, e.g. "New product". */
  title: string;
  description?: ReactNode;
  submitLabel: string;
  action: (input: FormData) => Promise<ActionResult<{ id: string }>>;
  success: string;
  /** The fields of the kind. */
  fields: (props: FieldsProps) => ReactNode;
  /** Values the form sends without showing them (the program a product belongs to, the item's id). */
  hidden?: Record<string, string>;
  /** Editing: the item to load into the form. */
  editing?: { kind: PlanKind; id: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved?: (id: string) => void;
  testId: string;
}

/**
 * The one dialog behind every "New …" and "Edit …" of the plan: it loads what the form chooses
 * from (and, editing, the item), sends the form through the kind's action, and shows the refusal
 * beside the fields in the database's words.
 */
export function PlanFormDialog({
  title,
  description,
  submitLabel,
  action,
  success,
  fields,
  hidden,
  editing,
  open,
  onOpenChange,
  onSaved,
  testId,
}: DialogProps) {
  const options = usePlanOptions(open);
  const item = useQuery({
    queryKey: ['plan-item', editing?.kind, editing?.id],
    queryFn: () => unwrap(loadPlanItem(editing!)),
    enabled: open && Boolean(editing),
    staleTime: 0,
    // What the form opened with stays what it saves against (its updated_at goes with the edit).
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
  const save = useAction(action, {
    success,
    onSuccess: (data) => {
      // The dialog closes; the sentence stays a moment as a toast (announced by screen readers).
      toast.success(success);
      onOpenChange(false);
      void options.refetch();
      onSaved?.(data.id);
    },
  });
  const loading = options.isPending || (editing && item.isPending);
  const failed = options.error ?? (editing ? item.error : null);
  const idPrefix = editing ? `edit-${editing.kind}` : testId;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid={testId}>
        <DialogHeader title={title} description={description} />
        {failed ? (
          <p role="alert" className="text-sm text-red-600 dark:text-red-400">
            {failed.message}
          </p>
        ) : loading || !options.data ? (
          <p className="flex items-center gap-2 text-sm text-muted-foreground">
            <Loader2 className="size-4 animate-spin" aria-hidden /> Loading…
          </p>
        ) : (
          <form onSubmit={save.submit} noValidate className="space-y-4">
            {Object.entries(hidden ?? {}).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {editing && <input type="hidden" name="id" value={editing.id} />}
            {/* When the form was opened: an edit saved over someone else's newer change is refused. */}
            {editing && typeof item.data?.updatedAt === 'string' && <input type="hidden" name="openedAt" value={item.data.updatedAt} />}
            <div className="grid gap-3 sm:grid-cols-2">
              <PlanFieldsProvider errors={save.fieldErrors} item={item.data} idPrefix={idPrefix}>
                {fields({ options: options.data, item: item.data })}
              </PlanFieldsProvider>
            </div>
            <FormMessage error={save.error} testId={`${testId}-message`} />
            <DialogFormFooter pending={save.pending} pendingLabel="Saving…">
              {submitLabel}
            </DialogFormFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** A "New …" button with its dialog; `open`/`onOpenChange` let a page open it from a shortcut. */
export function NewButton({
  label,
  variant,
  size = 'sm',
  open: controlledOpen,
  onOpenChange,
  iconOnly,
  ...dialog
}: Omit<DialogProps, 'open' | 'onOpenChange'> & {
  label: string;
  variant?: 'primary' | 'secondary' | 'ghost';
  size?: 'sm' | 'md';
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Only the + shows (the label is read to screen readers), for a column header. */
  iconOnly?: boolean;
}) {
  const [ownOpen, setOwnOpen] = useState(false);
  const open = controlledOpen ?? ownOpen;
  const setOpen = onOpenChange ?? setOwnOpen;
  return (
    <>
      <Button
        variant={variant ?? (iconOnly ? 'ghost' : 'primary')}
        size={size}
        onClick={() => setOpen(true)}
        aria-label={iconOnly ? label : undefined}
        title={iconOnly ? label : undefined}
      >
        <Plus className="size-4" aria-hidden />
        {iconOnly ? null : label}
      </Button>
      {open && <PlanFormDialog {...dialog} open={open} onOpenChange={setOpen} />}
    </>
  );
}

/** An "Edit" button with its dialog, which loads the item when it opens. */
export function EditButton({ label, ...dialog }: Omit<DialogProps, 'open' | 'onOpenChange'> & { label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={label}>
        <Pencil className="size-3.5" aria-hidden />
        Edit
      </Button>
      {open && <PlanFormDialog {...dialog} open={open} onOpenChange={setOpen} />}
    </>
  );
}

function capitalised(noun: string): string {
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
}

/** What every "New …" button of a kind takes: what it says, its look, and what to do with the new item's id. */
export interface NewItemProps {
  /** "New <noun>" unless given. */
  label?: string;
  variant?: 'primary' | 'secondary';
  onCreated?: (id: string) => void;
}

/**
 * The "New …" button of a plan kind: its label, title, submit button, toast and test id
 * (`new-bug-dialog`) all name the kind's noun.
 */
export function NewPlanItemButton({
  kind,
  label,
  submitLabel,
  onCreated,
  ...button
}: Omit<ComponentProps<typeof NewButton>, 'label' | 'title' | 'submitLabel' | 'success' | 'testId' | 'onSaved' | 'editing'> & {
  kind: PlanKind;
  label?: string;
  /** "Create <noun>" unless given. */
  submitLabel?: string;
  onCreated?: (id: string) => void;
}) {
  const noun = PLAN_NOUNS[kind].one;
  return (
    <NewButton
      label={label ?? `New ${noun}`}
      title={`New ${noun}`}
      submitLabel={submitLabel ?? `Create ${noun}`}
      success={`${capitalised(noun)} created.`}
      onSaved={onCreated}
      testId={`new-${kind}-dialog`}
      {...button}
    />
  );
}

/**
 * The "Edit" button of one plan item: its label ("Edit bug Crash on start"), title, submit button,
 * toast and test id (`edit-bug-dialog`) all name the kind's noun.
 */
export function EditPlanItemButton({
  kind,
  id,
  name,
  submitLabel,
  action,
  fields,
  onSaved,
}: {
  kind: PlanKind;
  id: string;
  /** The item's name or title, in the button's label and under the dialog's title. */
  name: string;
  /** "Save <noun>" unless given. */
  submitLabel?: string;
  action: DialogProps['action'];
  fields: DialogProps['fields'];
  onSaved?: () => void;
}) {
  const noun = PLAN_NOUNS[kind].one;
  return (
    <EditButton
      label={`Edit ${noun} ${name}`}
      title={`Edit ${noun}`}
      description={name}
      submitLabel={submitLabel ?? `Save ${noun}`}
      action={action}
      success={`${capitalised(noun)} saved.`}
      fields={fields}
      editing={{ kind, id }}
      onSaved={onSaved}
      testId={`edit-${kind}-dialog`}
    />
  );
}

/** What the "New …" buttons that a board's column can open take: the column, the label, the + alone, a controlled open. */
export interface QuickNewProps extends NewItemProps {
  /** The board column it starts in. */
  statusKey?: string;
  iconOnly?: boolean;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** The values of `values` that are set, as a form's hidden fields. */
export function hiddenValues(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
