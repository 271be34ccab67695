'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';
import type { ActionResult } from '@/lib/auth/result';

export type UpdateStallThreshold = (input: FormData) => Promise<ActionResult<{ seconds: number }>>;

/** Owners and managers set how long a builder may stay silent (60–600 s) before it counts as stalled. */
export function StallThresholdForm({ organisationId, seconds, updateStallThreshold }: { organisationId: string; seconds: number; updateStallThreshold: UpdateStallThreshold }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setSaved(null);
    const result = await updateStallThreshold(new FormData(event.currentTarget)).catch(() => null);
    setPending(false);
    if (!result) return setProblems({ form: 'Gantry could not be reached. Try again.' });
    if (!result.ok) return setProblems({ ...result.error.fieldErrors, form: result.error.message });
    setProblems({});
    setSaved(`Saved: a builder silent for more than ${result.data.seconds} s is stalled.`);
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <input type="hidden" name="organisationId" value={organisationId} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="w-40">
          <TextField label="Stall threshold (s)" name="seconds" type="number" min={60} max={600} step={1} defaultValue={seconds} idPrefix="stall" error={problems.seconds} />
        </div>
        <Button type="submit" variant="secondary" disabled={pending} className={problems.seconds ? 'mb-5' : undefined}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </div>
      <FormMessage error={problems.form && !problems.seconds ? problems.form : null} success={saved} testId="stall-threshold-message" />
    </form>
  );
}
