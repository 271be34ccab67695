'use client';

import { Eye, EyeOff } from 'lucide-react';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { useAction } from '@/components/ui/use-action';
import type { WatchableKind } from '@/lib/inbox/kinds';
import type { ActionResult } from '@/lib/procedure/result';

export type WatchAction = (input: { kind: WatchableKind; id: string; watch: boolean }) => Promise<ActionResult<{ watching: boolean }>>;

/**
 * Watch or stop watching the item a page shows: changes others make to it reach the person's
 * inbox (docs/inbox.md). A toggle button (aria-pressed) the keyboard reaches like any other.
 */
export function WatchToggle({ kind, id, watching, action }: { kind: WatchableKind; id: string; watching: boolean; action: WatchAction }) {
  const watch = useAction(action, {
    success: (data) => (data.watching ? 'Watching: changes others make reach your inbox.' : 'No longer watching.'),
    onError: (error) => toast.error(error.message),
  });
  return (
    <>
      <Button
        variant="secondary"
        size="sm"
        className="h-8"
        aria-pressed={watching}
        disabled={watch.pending}
        data-testid="watch-toggle"
        title={watching ? 'Stop watching: its changes no longer reach your inbox' : 'Watch: changes others make to it reach your inbox'}
        onClick={() => watch.run({ kind, id, watch: !watching })}
      >
        {watching ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
        {watching ? 'Unwatch' : 'Watch'}
      </Button>
      <span className="sr-only" aria-live="polite">
        {watch.success}
      </span>
    </>
  );
}
