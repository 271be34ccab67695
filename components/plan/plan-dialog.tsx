'use client';

import { useQuery } from '@tanstack/react-query';
import { Loader2, Pencil, Plus } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { toast } from 'sonner';

import { loadPlanItem, loadPlanOptions } from '@/app/(dashboard)/programs/actions';
import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';
import type { PlanKind } from '@/lib/plan/kinds';
import type { PlanOptions } from '@/lib/plan/options';

export type PlanItem = Record<string, unknown>;
export type Errors = Record<string, string | undefined>;

/** What a kind's fields get: the field errors, the options to choose from, and (editing) the item as it is. */
export interface FieldsProps {
  errors: Errors;
  options: PlanOptions;
  item?: PlanItem;
  idPrefix: string;
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
            <div className="grid gap-3 sm:grid-cols-2">{fields({ errors: save.fieldErrors, options: options.data, item: item.data, idPrefix })}</div>
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
  variant = 'primary',
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
      <Button variant={variant} size={size} onClick={() => setOpen(true)} aria-label={iconOnly ? label : undefined} title={iconOnly ? label : undefined}>
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

/** `value ?? ''` as text, for a field's defaultValue. */
export function text(item: PlanItem | undefined, key: string, fallback = ''): string {
  const value = item?.[key];
  if (value === null || value === undefined) return fallback;
  return Array.isArray(value) ? value.join('\n') : String(value);
}
