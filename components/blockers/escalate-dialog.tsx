'use client';

import { ArrowUpRight } from 'lucide-react';

import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';

import { withheld, type BlockerActions, type BlockerRef } from './types';

/** Escalating records a decision of type escalation; the blocker shows whom it went to. */
export function EscalateDialog({
  blocker,
  open,
  onOpenChange,
  actions,
}: {
  blocker: BlockerRef;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: BlockerActions;
}) {
  const escalate = useAction(actions.escalateBlocker ?? withheld, { onSuccess: () => onOpenChange(false) });
  const prefix = `escalate-${blocker.id}`;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="escalate-dialog">
        <DialogHeader title="Escalate blocker" description={blocker.title} />
        <form onSubmit={escalate.submit} noValidate className="space-y-4">
          <input type="hidden" name="blockerId" value={blocker.id} />
          <TextField label="Escalate to" name="to" idPrefix={prefix} placeholder="e.g. the governor" error={escalate.fieldErrors.to} />
          <TextAreaField
            label="Why it needs them"
            name="reason"
            idPrefix={prefix}
            hint="At least 10 characters; recorded as the decision’s reason."
            error={escalate.fieldErrors.reason}
          />
          <FormMessage error={escalate.error} testId="escalate-message" />
          <DialogFormFooter pending={escalate.pending} pendingLabel="Escalating…" icon={<ArrowUpRight className="size-4" aria-hidden />}>
            Escalate
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
