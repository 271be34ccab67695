'use client';

import { useEffect, useState } from 'react';

import { formatAge } from '@/components/blockers/format';

/**
 * "12 s ago" that keeps counting in the browser, from the server's render time `now` until the
 * next render brings a newer `since` (a heartbeat). `staleAfterSeconds` turns it red past that age.
 */
export function LiveAge({
  since,
  now,
  staleAfterSeconds,
  title,
  className,
}: {
  since: string;
  now: number;
  staleAfterSeconds?: number;
  title?: string;
  className?: string;
}) {
  // Each server render restarts from its own time; the browser's clock only adds the seconds since.
  const [ticked, setTicked] = useState({ from: now, clock: now });
  useEffect(() => {
    const start = Date.now();
    const timer = window.setInterval(() => setTicked({ from: now, clock: now + (Date.now() - start) }), 1_000);
    return () => window.clearInterval(timer);
  }, [now, since]);
  const clock = ticked.from === now ? ticked.clock : now;
  const age = (clock - new Date(since).getTime()) / 1000;
  const stale = staleAfterSeconds !== undefined && age > staleAfterSeconds;
  return (
    <time dateTime={since} title={title} data-stale={stale || undefined} className={stale ? 'font-medium text-red-700 dark:text-red-300' : className}>
      {formatAge(since, clock)} ago
    </time>
  );
}
