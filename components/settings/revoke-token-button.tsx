'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Button } from '@/components/ui/button';
import type { ActionResult } from '@/lib/auth/result';

export type RevokeApiToken = (input: { tokenId: string }) => Promise<ActionResult<{ id: string; name: string }>>;

/** Revoking asks once more, since it cannot be undone. */
export function RevokeTokenButton({ token, revokeApiToken }: { token: { id: string; name: string }; revokeApiToken: RevokeApiToken }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    setPending(true);
    const result = await revokeApiToken({ tokenId: token.id }).catch(() => null);
    setPending(false);
    if (!result) return setError('Gantry could not be reached. Try again.');
    if (!result.ok) return setError(result.error.message);
    setConfirming(false);
    router.refresh();
  }

  return (
    <div className="flex flex-col items-end gap-1">
      {confirming ? (
        <div className="flex items-center gap-2" role="group" aria-label={`Revoke ${token.name}?`}>
          <span className="text-xs text-muted-foreground">Revoke for good?</span>
          <Button variant="danger" size="sm" onClick={revoke} disabled={pending} autoFocus>
            {pending ? 'Revoking…' : 'Revoke'}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirming(false)} disabled={pending}>
            Keep
          </Button>
        </div>
      ) : (
        <Button variant="secondary" size="sm" onClick={() => setConfirming(true)} aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      )}
      <p aria-live="polite" className="text-xs text-red-600 dark:text-red-400">
        {error}
      </p>
    </div>
  );
}
