'use client';

import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef } from 'react';
import { toast } from 'sonner';

import type { ChangeEvent } from '@/lib/live/events';

import { useLiveChanges } from './live-provider';

/**
 * Whether the person is in the middle of something a re-render could disturb: typing in a field,
 * a dialog open, or a drag (an element marked data-live-hold, e.g. while a card is dragged).
 */
function busy(): boolean {
  if (typeof document === 'undefined') return false;
  const active = document.activeElement as HTMLElement | null;
  const typing =
    !!active &&
    (active.matches('input:not([type=checkbox]):not([type=radio]):not([type=button]):not([type=submit]), textarea, select') || active.isContentEditable);
  return typing || !!document.querySelector('[role=dialog][data-state=open], [role=alertdialog][data-state=open], dialog[open], [data-live-hold]');
}

/** The entity an open form edits, as `type:id`, from a data-live-entity attribute on it or its dialog. */
function editedEntities(): Set<string> {
  const marked = document.querySelectorAll<HTMLElement>(
    '[role=dialog][data-state=open] [data-live-entity], [role=dialog][data-state=open][data-live-entity], form[data-live-entity]',
  );
  return new Set([...marked].map((element) => element.dataset.liveEntity ?? ''));
}

/**
 * Makes a server-rendered page live: when a change of one of `on` (table names, e.g.
 * ['blockers', 'roadmap_items']; none: every change) is committed anywhere, the page is rendered
 * again from the server (router.refresh keeps client state). While the person types, has a
 * dialog open or drags, the refresh waits until they are done, and a change to the very item an
 * open form edits (data-live-entity="roadmap_items:RI-1") is announced. See docs/live.md.
 */
export function LiveRefresh({ on = [] }: { on?: readonly string[] }) {
  const router = useRouter();
  const due = useRef(false);
  const timer = useRef<number | null>(null);

  const refresh = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      if (busy()) {
        due.current = true;
        return;
      }
      due.current = false;
      router.refresh();
    }, 150);
  }, [router]);

  useLiveChanges(on, (message) => {
    if (message.kind === 'changes') announceConflicts(message.events);
    refresh();
  });

  // A refresh that waited runs once the person is done (focus leaves the field, the dialog closes).
  useEffect(() => {
    const check = () => {
      if (due.current && !busy()) refresh();
    };
    const interval = window.setInterval(check, 1_000);
    document.addEventListener('focusout', check);
    return () => {
      window.clearInterval(interval);
      document.removeEventListener('focusout', check);
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [refresh]);
  return null;
}

/** When a form was last submitted here: the change it makes comes back on the stream, and is not someone else's. */
let lastSubmit = 0;
if (typeof document !== 'undefined') document.addEventListener('submit', () => (lastSubmit = Date.now()), true);

/** Announces changes, made elsewhere, to an item an open form edits (data-live-entity="<type>:<id>"). */
export function announceConflicts(events: ChangeEvent[]): void {
  if (Date.now() - lastSubmit < 5_000) return;
  const edited = editedEntities();
  if (!edited.size) return;
  for (const event of events) {
    if (edited.has(`${event.type}:${event.id}`)) {
      toast.warning('Changed by someone else', {
        id: `live-conflict-${event.type}-${event.id}`,
        description: `${event.id} was ${event.op === 'delete' ? 'deleted' : 'changed'} while you edit it. Your entry is kept; saving checks it against the new version.`,
      });
    }
  }
}
