'use client';

import { ArrowUpRight } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';

import { Modal, TextAreaField } from './dialog';
import type { BlockerActions, BlockerRef } from './types';

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
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [pending, setPending] = useState(false);
  const prefix = `escalate-${blocker.id}`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!actions.escalateBlocker) return;
    setPending(true);
    const form = new FormData(event.currentTarget);
    form.set('blockerId', blocker.id);
    const result = await actions.escalateBlocker(form).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    onOpenChange(false);
    router.refresh();
  }

  return (
    <Modal open={open} onOpenChange={onOpenChange} title="Escalate blocker" description={blocker.title} testId="escalate-dialog">
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField label="Escalate to" name="to" idPrefix={prefix} placeholder="e.g. the governor" error={problems.to} />
        <TextAreaField label="Why it needs them" name="reason" idPrefix={prefix} hint="At least 10 characters; recorded as the decision’s reason." error={problems.reason} />
        <FormMessage error={problems.form} testId="escalate-message" />
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={() => onOpenChange(false)}>
            Cancel
          </Button>
          <Button type="submit" disabled={pending}>
            <ArrowUpRight className="size-4" aria-hidden />
            {pending ? 'Escalating…' : 'Escalate'}
          </Button>
        </div>
      </form>
    </Modal>
  );
}
