'use client';

import { Check, CheckCheck } from 'lucide-react';
import { toast } from 'sonner';

import { Badge, type Tone } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EntityLink } from '@/components/ui/entity-link';
import { useAction } from '@/components/ui/use-action';
import { INBOX_KIND_LABELS, type InboxEntry, type InboxKind } from '@/lib/inbox/kinds';
import type { ActionResult } from '@/lib/procedure/result';
import { cn } from '@/lib/utils';

export interface InboxActions {
  markRead: (input: { key: string }) => Promise<ActionResult<{ unread: number }>>;
  markAllRead: (input: Record<string, never>) => Promise<ActionResult<{ marked: number; unread: number }>>;
}

const TONES: Record<InboxKind, Tone> = {
  blocker: 'red',
  escalation: 'violet',
  blocked_work: 'amber',
  review: 'blue',
  release: 'amber',
  watched: 'neutral',
};

const when = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "Mark all read" for the page's header. */
export function MarkAllReadButton({ unread, action }: { unread: number; action: InboxActions['markAllRead'] }) {
  const mark = useAction(action, {
    success: (data) => (data.marked === 1 ? 'Marked 1 entry read.' : `Marked ${data.marked} entries read.`),
    onError: (error) => toast.error(error.message),
  });
  return (
    <>
      <Button variant="secondary" size="sm" className="h-9" disabled={unread === 0 || mark.pending} onClick={() => mark.run({})} data-testid="inbox-mark-all">
        <CheckCheck className="size-4" aria-hidden /> Mark all read
      </Button>
      <span className="sr-only" aria-live="polite">
        {mark.success}
      </span>
    </>
  );
}

/**
 * The entries, unread first: each says what needs the person, links to where it is fixed, and
 * can be marked read. A plain list of links and buttons, in reading order for the keyboard.
 */
export function InboxList({ entries, actions }: { entries: InboxEntry[]; actions: InboxActions }) {
  return (
    <ul className="divide-y divide-border overflow-hidden rounded-xl border border-border bg-surface" data-testid="inbox-list">
      {entries.map((entry) => (
        <InboxRow key={entry.key} entry={entry} markRead={actions.markRead} />
      ))}
    </ul>
  );
}

function InboxRow({ entry, markRead }: { entry: InboxEntry; markRead: InboxActions['markRead'] }) {
  const mark = useAction(markRead, { onError: (error) => toast.error(error.message) });
  const occurred = new Date(entry.occurredAt);
  return (
    <li
      className={cn('flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3 sm:flex-nowrap', entry.read && 'bg-muted/40')}
      data-testid="inbox-entry"
      data-kind={entry.kind}
      data-read={entry.read}
      data-key={entry.key}
    >
      <span className={cn('mt-2 size-2 shrink-0 rounded-full', entry.read ? 'bg-transparent' : 'bg-primary')} aria-hidden />
      <div className="min-w-0 flex-1 space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <Badge tone={TONES[entry.kind]}>{INBOX_KIND_LABELS[entry.kind]}</Badge>
          {!entry.read && <span className="sr-only">Unread.</span>}
          <time dateTime={entry.occurredAt} className="text-xs text-muted-foreground tabular-nums">
            {when.format(occurred)} UTC
          </time>
        </div>
        <p className={cn('text-sm break-words', entry.read ? 'text-muted-foreground' : 'font-medium')}>
          <EntityLink kind={entry.link.kind} id={entry.link.id} data-testid="inbox-entry-link">
            {entry.title}
          </EntityLink>
        </p>
        <p className="text-xs text-muted-foreground">
          {entry.detail}
          <span className="ml-1 font-mono">{entry.link.id}</span>
        </p>
      </div>
      {!entry.read && (
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto shrink-0"
          disabled={mark.pending}
          onClick={() => mark.run({ key: entry.key })}
          aria-label={`Mark read: ${entry.title}`}
          data-testid="inbox-mark-read"
        >
          <Check className="size-4" aria-hidden /> Mark read
        </Button>
      )}
    </li>
  );
}
