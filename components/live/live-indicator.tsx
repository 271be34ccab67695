'use client';

import { cn } from '@/lib/utils';

import { useLiveStatus } from './live-provider';

const LABELS = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting' } as const;

/** A dot and a word in the header: whether this page receives changes as they happen. */
export function LiveIndicator() {
  const status = useLiveStatus();
  if (!status) return null;
  return (
    <span
      role="status"
      data-testid="live-indicator"
      data-status={status}
      title={status === 'live' ? 'Changes made anywhere appear here as they happen.' : 'The live connection dropped; reconnecting. Nothing is lost.'}
      className="inline-flex items-center gap-1.5 rounded-full border border-border px-2 py-0.5 text-xs text-muted-foreground"
    >
      <span
        aria-hidden
        className={cn(
          'size-2 rounded-full',
          status === 'live' ? 'bg-emerald-500' : status === 'reconnecting' ? 'animate-pulse bg-amber-500' : 'bg-muted-foreground/50',
        )}
      />
      {/* On a phone the dot alone shows it; the word stays for screen readers. */}
      <span className="sr-only sm:not-sr-only">{LABELS[status]}</span>
    </span>
  );
}
