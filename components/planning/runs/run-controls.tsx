'use client';

import { useState } from 'react';

import { Button } from '@/components/ui/button';
import { ConfirmButton } from '@/components/ui/confirm-button';
import { FormMessage, SelectField, SubmitButton, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

type Act<I> = (input: I) => Promise<ActionResult<unknown>>;

/** Resume a blocked assignment: it goes back to the queue and its run runs again. */
export function ResumeAssignmentButton({
  assignmentId,
  cardTitle,
  resume,
}: {
  assignmentId: string;
  cardTitle: string;
  resume: Act<{ assignmentId: string }>;
}) {
  const action = useAction(resume, { success: 'Resumed: the assignment is queued again.' });
  return (
    <div className="space-y-1">
      <Button size="sm" variant="secondary" disabled={action.pending} onClick={() => action.run({ assignmentId })} aria-label={`Resume ${cardTitle}`}>
        {action.pending ? 'Resuming…' : 'Resume'}
      </Button>
      <FormMessage error={action.error} testId="resume-message" />
    </div>
  );
}

export function CancelRunButton({ runId, cancel }: { runId: string; cancel: Act<{ runId: string }> }) {
  return (
    <ConfirmButton
      label="Cancel run"
      accessibleLabel="Cancel this run"
      question="Cancel this run and its open assignments? It cannot be resumed."
      confirmLabel="Cancel run"
      pendingLabel="Cancelling…"
      action={cancel}
      input={{ runId }}
      variant="secondary"
    />
  );
}

/** A reviewer's decision on a pending approval request; the database refuses approval until the required checks passed. */
export function ApprovalDecision({
  approvalId,
  approvalType,
  decide,
}: {
  approvalId: string;
  approvalType: string;
  decide: Act<{ approvalId: string; decision: 'approved' | 'rejected'; notes?: string }>;
}) {
  const [notes, setNotes] = useState('');
  const action = useAction(decide, { success: (_d, input) => (input.decision === 'approved' ? 'Approved.' : 'Rejected.') });
  const what = approvalType === 'merge_pr' ? 'merging the pull request' : 'creating the pull request';
  return (
    <div className="space-y-2" data-testid={`approval-decision-${approvalId}`}>
      <TextField
        label="Notes (optional)"
        name="notes"
        idPrefix={`approval-${approvalId}`}
        value={notes}
        onChange={(e) => setNotes(e.target.value)}
        maxLength={2000}
      />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" disabled={action.pending} onClick={() => action.run({ approvalId, decision: 'approved', notes })} aria-label={`Approve ${what}`}>
          Approve
        </Button>
        <Button
          size="sm"
          variant="secondary"
          disabled={action.pending}
          onClick={() => action.run({ approvalId, decision: 'rejected', notes })}
          aria-label={`Reject ${what}`}
        >
          Reject
        </Button>
      </div>
      <FormMessage error={action.error} success={action.success} testId="approval-message" />
    </div>
  );
}

type AssignInput = { runId: string; cardId: string; agentRole: string; agentProfile: string; featureBranch: string; allowedPaths: string };

/** Gives a card of the run to a builder on a feature branch, with the paths it may change. */
export function AssignCardForm({
  runId,
  cards,
  builders,
  roles,
  assign,
}: {
  runId: string;
  cards: { id: string; title: string }[];
  builders: string[];
  roles: readonly string[];
  assign: Act<AssignInput>;
}) {
  const action = useAction(assign, { success: 'Assigned.', resetForm: true });
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      data-testid="assign-form"
      onSubmit={(event) =>
        action.submit(event, (data) => ({
          runId,
          cardId: String(data.get('cardId') ?? ''),
          agentRole: String(data.get('agentRole') ?? ''),
          agentProfile: String(data.get('agentProfile') ?? ''),
          featureBranch: String(data.get('featureBranch') ?? ''),
          allowedPaths: String(data.get('allowedPaths') ?? ''),
        }))
      }
    >
      <SelectField label="Card" name="cardId" idPrefix="assign" error={action.fieldErrors.cardId}>
        {cards.map((c) => (
          <option key={c.id} value={c.id}>
            {c.title}
          </option>
        ))}
      </SelectField>
      <SelectField label="Role" name="agentRole" idPrefix="assign" defaultValue="reviewer" error={action.fieldErrors.agentRole}>
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Builder"
        name="agentProfile"
        idPrefix="assign"
        list="assign-builders"
        placeholder="any-builder"
        hint="A builder’s id, or any-builder"
        error={action.fieldErrors.agentProfile}
      />
      <datalist id="assign-builders">
        {['any-builder', ...builders].map((b) => (
          <option key={b} value={b} />
        ))}
      </datalist>
      <TextField label="Feature branch" name="featureBranch" idPrefix="assign" placeholder="feat/…" error={action.fieldErrors.featureBranch} />
      <div className="sm:col-span-2">
        <TextAreaField
          label="Allowed paths"
          name="allowedPaths"
          idPrefix="assign"
          rows={2}
          hint="One per line; the policy’s forbidden paths are refused"
          error={action.fieldErrors.allowedPaths}
        />
      </div>
      <div className="space-y-2 sm:col-span-2">
        <FormMessage error={action.error} success={action.success} testId="assign-message" />
        <SubmitButton pending={action.pending} pendingLabel="Assigning…">
          Assign
        </SubmitButton>
      </div>
    </form>
  );
}
