'use client';

import { Inbox } from 'lucide-react';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';

import { useLiveChanges } from '@/components/live/live-provider';
import { Link } from '@/components/ui/link';
import { LIVE } from '@/lib/live/topics';
import type { ActionResult } from '@/lib/procedure/result';
import { cn } from '@/lib/utils';

export type CountInboxUnread = (input: Record<string, never>) => Promise<ActionResult<{ unread: number }>>;

/**
 * The header's way into the inbox, with the unread count. The count comes with the page and is
 * read again (debounced) whenever the change feed announces a change the inbox may show, so it
 * stays right while the person stays on one page. `null`: it could not be read.
 */
export function InboxBell({ initial, countUnread }: { initial: number | null; countUnread: CountInboxUnread }) {
  const [unread, setUnread] = useState<number | null>(initial);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pathname = usePathname();

  // A refreshed page brings a fresh count (adjusted while rendering, as React advises for props).
  const [seen, setSeen] = useState(initial);
  if (initial !== seen) {
    setSeen(initial);
    setUnread(initial);
  }

  const refetch = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      const result = await countUnread({}).catch(() => null);
      setUnread(result?.ok ? result.data.unread : null);
    }, 250);
  }, [countUnread]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  useLiveChanges(LIVE.inbox, refetch);

  const active = pathname === '/inbox';
  const label = unread === null ? 'Inbox (the count could not be read)' : unread === 0 ? 'Inbox, nothing unread' : `Inbox, ${unread} unread`;
  return (
    <Link
      href="/inbox"
      aria-label={label}
      title={label}
      aria-current={active ? 'page' : undefined}
      data-testid="inbox-bell"
      data-unread={unread ?? ''}
      className={cn(
        'relative grid size-9 place-items-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary',
        active && 'bg-muted text-foreground',
      )}
    >
      <Inbox className="size-5" aria-hidden />
      {unread !== null && unread > 0 && (
        <span
          aria-hidden
          data-testid="inbox-count"
          className="absolute -top-1 -right-1 min-w-5 rounded-full bg-primary px-1 text-center text-[11px] leading-5 font-semibold text-primary-foreground tabular-nums"
        >
          {unread > 99 ? '99+' : unread}
        </span>
      )}
      {unread === null && <span aria-hidden className="absolute top-1 right-1 size-2 rounded-full bg-amber-500" />}
    </Link>
  );
}
