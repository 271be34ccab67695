'use client';

import { useState } from 'react';

import { FormMessage, SubmitButton } from '@/components/ui/field';
import type { ActionResult } from '@/lib/procedure/result';
import type { Term } from '@/lib/roadmap/types';

import { useAction } from '@/components/ui/use-action';

export type SetRoadmapItemStatus = (input: {
  id: string;
  status: string;
  version: number;
}) => Promise<ActionResult<{ id: string; status: string; version: number }>>;

/** Changes an item's status; the database's refusals (unfinished blockers, no evidence) come back as sentences. */
export function StatusForm({
  item,
  statuses,
  setRoadmapItemStatus,
}: {
  item: { id: string; status: Term; version: number };
  statuses: Term[];
  setRoadmapItemStatus: SetRoadmapItemStatus;
}) {
  const [status, setStatus] = useState(item.status.key);
  const labelOf = (key: string) => statuses.find((s) => s.key === key)?.label ?? key;
  const save = useAction(setRoadmapItemStatus, { success: (data) => `${data.id} is now ${labelOf(data.status).toLowerCase()}.` });
  const needsEvidence = save.error?.includes('without evidence');

  return (
    <form className="space-y-2" onSubmit={(event) => save.submit(event, () => ({ id: item.id, status, version: item.version }))}>
      <div className="flex flex-wrap items-end gap-2">
        <div className="space-y-1">
          <label htmlFor="item-status" className="block text-xs font-medium text-muted-foreground">
            Status
          </label>
          <select
            id="item-status"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="h-9 rounded-md border border-border bg-surface px-2 text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-primary"
          >
            {statuses.map((s) => (
              <option key={s.key} value={s.key}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <SubmitButton size="sm" pending={save.pending} pendingLabel="Saving…" disabled={status === item.status.key}>
          Set status
        </SubmitButton>
      </div>
      <FormMessage error={save.error} success={save.success} testId="status-message" />
      {needsEvidence && (
        <p className="text-sm">
          <a href="#attach-evidence" className="font-medium text-primary hover:underline">
            Attach evidence below
          </a>
          , then set the status again.
        </p>
      )}
    </form>
  );
}
