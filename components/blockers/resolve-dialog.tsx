'use client';

import { CheckCircle2 } from 'lucide-react';
import { useEffect, useState } from 'react';

import { Dialog, DialogContent, DialogFormFooter, DialogHeader } from '@/components/ui/dialog';
import { FormMessage, SelectField, TextAreaField, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import { MIN_RESOLUTION_LENGTH, RESOLUTION_ACTION_LABELS, RESOLUTION_ACTIONS } from '@/lib/blockers/kinds';
import type { EvidenceCandidate } from '@/lib/blockers/resolve';

import { withheld, type BlockerActions, type BlockerRef } from './types';

const EVIDENCE_TYPES = ['reference', 'test_result', 'document', 'log', 'diff', 'screenshot', 'build_artifact', 'other'] as const;

/**
 * Resolving needs a written resolution and a justification: a waiver, evidence recorded since the
 * blocker was raised, or evidence attached now. The database has the last word; its refusal shows
 * here in words.
 */
export function ResolveDialog({
  blocker,
  open,
  onOpenChange,
  actions,
  canAttach,
}: {
  blocker: BlockerRef;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  actions: BlockerActions;
  canAttach: boolean;
}) {
  const resolve = useAction(actions.resolveBlocker ?? withheld, { onSuccess: () => onOpenChange(false) });
  const problems = resolve.fieldErrors;
  const [justification, setJustification] = useState<'waiver' | 'evidence' | 'attach' | ''>('');
  const [candidates, setCandidates] = useState<EvidenceCandidate[] | null>(null);
  const prefix = `resolve-${blocker.id}`;

  useEffect(() => {
    if (!open || justification !== 'evidence' || candidates !== null) return;
    let cancelled = false;
    actions.listResolutionEvidence({ blockerId: blocker.id }).then(
      (result) => !cancelled && setCandidates(result.ok ? result.data : []),
      () => !cancelled && setCandidates([]),
    );
    return () => {
      cancelled = true;
    };
  }, [open, justification, candidates, actions, blocker.id]);

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent data-testid="resolve-dialog">
        <DialogHeader title="Resolve blocker" description={blocker.title} />
        <form onSubmit={resolve.submit} noValidate className="space-y-4">
          <input type="hidden" name="blockerId" value={blocker.id} />
          <TextAreaField
            label="Resolution"
            name="resolution"
            idPrefix={prefix}
            placeholder="What was done, and why the work may go on"
            hint={`At least ${MIN_RESOLUTION_LENGTH} characters. It is kept for good: a resolution cannot be changed.`}
            error={problems.resolution}
            required
            minLength={MIN_RESOLUTION_LENGTH}
          />
          <SelectField
            label={blocker.foreman ? 'What was done' : 'What was done (optional)'}
            name="action"
            idPrefix={prefix}
            defaultValue=""
            error={problems.action}
          >
            <option value="">{blocker.foreman ? 'Choose…' : 'Not said'}</option>
            {RESOLUTION_ACTIONS.map((action) => (
              <option key={action} value={action}>
                {RESOLUTION_ACTION_LABELS[action]}
              </option>
            ))}
          </SelectField>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">Justification</legend>
            <p className="text-xs text-muted-foreground">A blocker is resolved only with evidence recorded since it was raised, or a waiver.</p>
            {(
              [
                ['waiver', 'Record a waiver', 'A decision of type waiver naming this blocker, with your resolution as its reason.'],
                ['evidence', 'Pick evidence', 'Evidence recorded on the blocked item since the blocker was raised.'],
                ['attach', 'Attach evidence', canAttach ? 'A link or path to what proves it, recorded now.' : 'Your role may not attach evidence.'],
              ] as const
            ).map(([value, label, hint]) => (
              <label
                key={value}
                className="flex cursor-pointer items-start gap-2 rounded-md border border-border px-3 py-2 has-[:checked]:border-primary has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-60"
              >
                <input
                  type="radio"
                  name="justification"
                  value={value}
                  checked={justification === value}
                  onChange={() => setJustification(value)}
                  disabled={value === 'attach' && !canAttach}
                  className="mt-1"
                />
                <span>
                  <span className="block text-sm font-medium">{label}</span>
                  <span className="block text-xs text-muted-foreground">{hint}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {justification === 'evidence' &&
            (candidates === null ? (
              <p className="text-sm text-muted-foreground" aria-live="polite">
                Looking for evidence…
              </p>
            ) : candidates.length === 0 ? (
              <p className="text-sm text-muted-foreground" aria-live="polite">
                No evidence was recorded on this item since the blocker was raised. Attach some, or record a waiver.
              </p>
            ) : (
              <SelectField label="Evidence" name="evidenceRef" idPrefix={prefix} defaultValue="" error={problems.evidenceRef}>
                <option value="">Choose…</option>
                {candidates.map((c) => (
                  <option key={c.ref} value={c.ref}>
                    {c.label} — {c.by}
                  </option>
                ))}
              </SelectField>
            ))}
          {justification === 'attach' && (
            <div className="grid gap-3 sm:grid-cols-2">
              <div className="sm:col-span-2">
                <TextField label="Link or path" name="attachUri" idPrefix={prefix} placeholder="https://ci.example.com/runs/42" error={problems.attachUri} />
              </div>
              <TextField label="Title" name="attachTitle" idPrefix={prefix} placeholder="CI run 42: green" error={problems.attachTitle} />
              <SelectField label="Type" name="attachType" idPrefix={prefix} defaultValue="reference">
                {EVIDENCE_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {type.replace(/_/g, ' ')}
                  </option>
                ))}
              </SelectField>
            </div>
          )}
          <FormMessage error={resolve.error} testId="resolve-message" />
          <DialogFormFooter pending={resolve.pending} pendingLabel="Resolving…" icon={<CheckCircle2 className="size-4" aria-hidden />}>
            Mark resolved
          </DialogFormFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
