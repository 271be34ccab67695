'use client';

import { useState } from 'react';

import type { ActionResult } from '@/lib/procedure/result';

import { Button } from './button';
import { useAction } from './use-action';

/**
 * A button for a change that cannot be undone: it asks once more, then calls the action with its
 * input and shows the refusal beside it, if any.
 */
export function ConfirmButton<I>({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  pendingLabel,
  action,
  input,
  variant = 'ghost',
}: {
  label: string;
  /** Names the thing, e.g. "Remove Ada"; the visible label stays short. */
  accessibleLabel: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
  /** How the first button looks. */
  variant?: 'ghost' | 'secondary';
}) {
  const [confirming, setConfirming] = useState(false);
  const confirm = useAction(action, { onSuccess: () => setConfirming(false) });

  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex items-center gap-2" role="group" aria-label={`${accessibleLabel}?`}>
          <span className="text-xs text-muted-foreground">{question}</span>
          <Button variant="danger" size="sm" onClick={() => confirm.run(input)} disabled={confirm.pending} autoFocus>
            {confirm.pending ? pendingLabel : confirmLabel}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={confirm.pending}>
            Keep
          </Button>
        </div>
      ) : (
        <Button variant={variant} size="sm" onClick={() => setConfirming(true)} aria-label={accessibleLabel}>
          {label}
        </Button>
      )}
      <p aria-live="polite" className="max-w-64 text-right text-xs text-red-600 dark:text-red-400">
        {confirm.error}
      </p>
    </div>
  );
}
