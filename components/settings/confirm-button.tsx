'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/result';

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
}: {
  label: string;
  /** Names the thing, e.g. "Remove Ada"; the visible label stays short. */
  accessibleLabel: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  action: (input: I) => Promise<ActionResult<unknown>>;
  input: I;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setPending(true);
    const result = await action(input).catch(() => null);
    setPending(false);
    if (!result) return setError('Gantry could not be reached. Try again.');
    if (!result.ok) return setError(result.error.message);
    setError(null);
    setConfirming(false);
    router.refresh();
  }

  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex items-center gap-2" role="group" aria-label={`${accessibleLabel}?`}>
          <span className="text-xs text-muted-foreground">{question}</span>
          <Button variant="danger" size="sm" onClick={confirm} disabled={pending} autoFocus>
            {pending ? pendingLabel : confirmLabel}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
            Keep
          </Button>
        </div>
      ) : (
        <Button variant="ghost" size="sm" onClick={() => setConfirming(true)} aria-label={accessibleLabel}>
          {label}
        </Button>
      )}
      <p aria-live="polite" className="max-w-64 text-right text-xs text-red-600 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
