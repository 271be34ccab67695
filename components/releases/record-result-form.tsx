'use client';

import { useId, useState } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, SelectField, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

export type RecordComplianceResult = (input: FormData) => Promise<ActionResult<{ id: number; result: string }>>;

/** A reviewer records a new result for one standard; it never replaces an earlier one. */
export function RecordResultForm({
  releaseId,
  standard,
  recordComplianceResult,
}: {
  releaseId: string;
  standard: { id: string; name: string; isThreshold: boolean; bounds: string | null };
  recordComplianceResult: RecordComplianceResult;
}) {
  const idPrefix = useId().replace(/:/g, '') + standard.id;
  const [open, setOpen] = useState(false);
  const record = useAction(recordComplianceResult, { success: (r) => `Recorded: ${r.result}.`, resetForm: true, onSuccess: () => setOpen(false) });
  const problems = record.fieldErrors;

  return (
    <div>
      {!open && (
        <Button variant="secondary" size="sm" onClick={() => setOpen(true)} aria-label={`Record a result for ${standard.id}`}>
          Record a result
        </Button>
      )}
      {open && (
        <form
          onSubmit={record.submit}
          noValidate
          className="space-y-3 rounded-lg border border-border bg-background p-4"
          aria-label={`New result for ${standard.id}`}
        >
          <input type="hidden" name="releaseId" value={releaseId} />
          <input type="hidden" name="standardId" value={standard.id} />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField label="Result" name="result" idPrefix={idPrefix} defaultValue="pass" error={problems.result}>
              <option value="pass">Pass</option>
              <option value="fail">Fail</option>
              <option value="skip">Skip</option>
              <option value="error">Error (could not check)</option>
            </SelectField>
            {standard.isThreshold && (
              <TextField
                label="Measured value"
                name="value"
                idPrefix={idPrefix}
                inputMode="decimal"
                hint={standard.bounds ?? undefined}
                error={problems.value}
              />
            )}
          </div>
          <TextField label="Note" name="note" idPrefix={idPrefix} placeholder="What you checked, and what you saw" error={problems.note} />
          <TextField label="Evidence (optional)" name="evidenceUrl" idPrefix={idPrefix} type="url" placeholder="https://…" error={problems.evidenceUrl} />
          <FormMessage error={record.error} testId={`record-message-${standard.id}`} />
          <div className="flex gap-2">
            <SubmitButton size="sm" pending={record.pending} pendingLabel="Recording…">
              Record result
            </SubmitButton>
            <Button variant="ghost" size="sm" onClick={() => setOpen(false)} disabled={record.pending}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      <p aria-live="polite" className="mt-1 text-xs text-emerald-700 dark:text-emerald-300">
        {record.success}
      </p>
    </div>
  );
}
