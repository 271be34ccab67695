'use client';

import { OctagonAlert } from 'lucide-react';
import { useEffect, useState } from 'react';

import { Button } from '@/components/ui/button';
import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { CLASSIFICATIONS, isForemanTarget, KIND_LABELS, REASON_CODES, TARGET_LABELS, TARGET_TYPES, type TargetType } from '@/lib/blockers/kinds';
import type { TargetOption } from '@/lib/blockers/targets';

import { withheld, type BlockerActions } from './types';

/**
 * Raises a blocker on a task, wave, program, roadmap item or attempt. On an item's own page the
 * target is fixed; on the blocker desk the person finds the item by name or id.
 */
export function RaiseBlockerButton({ actions, target }: { actions: BlockerActions; target?: { type: TargetType; id: string; label: string } }) {
  const [open, setOpen] = useState(false);
  if (!actions.raiseBlocker) return null;
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <OctagonAlert className="size-4" aria-hidden />
        Raise blocker
      </Button>
      {open && <RaiseDialog open={open} onOpenChange={setOpen} actions={actions} target={target} />}
    </>
  );
}

function RaiseDialog({
  open,
  onOpenChange,
  actions,
  target,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: BlockerActions;
  target?: { type: TargetType; id: string; label: string };
}) {
  const raise = useAction(actions.raiseBlocker ?? withheld, { onSuccess: () => onOpenChange(false) });
  const problems = raise.fieldErrors;
  const [targetType, setTargetType] = useState<TargetType>(target?.type ?? 'task');
  const [search, setSearch] = useState('');
  const [options, setOptions] = useState<TargetOption[]>([]);
  // The chosen item survives a refresh of the list that still holds it (a search answered after the
  // person picked from the previous one); another kind of target starts again.
  const [targetId, setTargetId] = useState('');
  const chosen = options.some((option) => option.id === targetId) ? targetId : '';
  const foreman = isForemanTarget(targetType);
  const kinds = foreman ? CLASSIFICATIONS : REASON_CODES;

  useEffect(() => {
    if (target) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      actions.findBlockerTargets({ organisationId: actions.organisationId, targetType, q: search }).then(
        (result) => !cancelled && setOptions(result.ok ? result.data : []),
        () => !cancelled && setOptions([]),
      );
    }, 200);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [actions, target, targetType, search]);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="raise-dialog">
        <DialogHeader
          title="Raise a blocker"
          description={target ? `On ${TARGET_LABELS[target.type].toLowerCase()} ${target.label}` : 'Say what stops the work, and what it needs.'}
        />
        <form onSubmit={raise.submit} noValidate className="space-y-4">
          {target && (
            <>
              <input type="hidden" name="targetType" value={target.type} />
              <input type="hidden" name="targetId" value={target.id} />
            </>
          )}
          {!target && (
            <div className="grid gap-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
              <SelectField
                label="On a"
                name="targetType"
                idPrefix="raise"
                value={targetType}
                onChange={(e) => {
                  setTargetType(e.target.value as TargetType);
                  setTargetId('');
                }}
                error={problems.targetType}
              >
                {TARGET_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {TARGET_LABELS[type]}
                  </option>
                ))}
              </SelectField>
              <TextField
                label="Find it"
                name="search"
                idPrefix="raise"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                placeholder="Name or id"
                autoComplete="off"
              />
              <div className="sm:col-span-2">
                <SelectField
                  label="Blocked item"
                  name="targetId"
                  idPrefix="raise"
                  value={chosen}
                  onChange={(e) => setTargetId(e.target.value)}
                  error={problems.targetId}
                >
                  <option value="" disabled>
                    {options.length ? 'Choose…' : 'Nothing matches'}
                  </option>
                  {options.map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </SelectField>
              </div>
            </div>
          )}
          <div className="grid gap-3 sm:grid-cols-[minmax(0,1fr)_10rem]">
            <SelectField
              label={foreman ? 'Classification' : 'Reason'}
              name="kind"
              idPrefix="raise"
              defaultValue=""
              error={problems.kind}
              key={foreman ? 'c' : 'r'}
            >
              <option value="" disabled>
                Choose…
              </option>
              {kinds.map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_LABELS[kind]}
                </option>
              ))}
            </SelectField>
            <SelectField label="Severity" name="severity" idPrefix="raise" defaultValue="blocking">
              <option value="blocking">Blocking</option>
              <option value="warning">Warning</option>
            </SelectField>
          </div>
          <TextField label="Title" name="title" idPrefix="raise" placeholder="What stops the work" error={problems.title} />
          <TextAreaField label="Description" name="description" idPrefix="raise" placeholder="What was seen, and where" error={problems.description} />
          <TextField label="What it needs" name="needs" idPrefix="raise" placeholder="e.g. an answer from the product owner" error={problems.needs} />
          <FormMessage error={raise.error} testId="raise-message" />
          <DialogFormFooter pending={raise.pending} pendingLabel="Raising…" icon={<OctagonAlert className="size-4" aria-hidden />}>
            Raise blocker
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
