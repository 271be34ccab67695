'use client';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

export type UpdateStallThreshold = (input: FormData) => Promise<ActionResult<{ seconds: number }>>;

/** Owners and managers set how long a builder may stay silent (60–600 s) before it counts as stalled. */
export function StallThresholdForm({
  organisationId,
  seconds,
  updateStallThreshold,
}: {
  organisationId: string;
  seconds: number;
  updateStallThreshold: UpdateStallThreshold;
}) {
  const save = useAction(updateStallThreshold, { success: (d) => `Saved: a builder silent for more than ${d.seconds} s is stalled.` });
  const problems = save.fieldErrors;

  return (
    <form onSubmit={save.submit} noValidate className="space-y-2">
      <input type="hidden" name="organisationId" value={organisationId} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-40">
          <TextField
            label="Stall threshold (s)"
            name="seconds"
            type="number"
            min={60}
            max={600}
            step={1}
            defaultValue={seconds}
            idPrefix="stall"
            error={problems.seconds}
          />
        </div>
        <SubmitButton variant="secondary" pending={save.pending} pendingLabel="Saving…" className={problems.seconds ? 'mb-5' : undefined}>
          Save
        </SubmitButton>
      </div>
      <FormMessage error={save.error && !problems.seconds ? save.error : null} success={save.success} testId="stall-threshold-message" />
    </form>
  );
}
