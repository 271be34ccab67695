'use client';

import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

import type { ChangeEvent } from '@/lib/live/events';

/** connecting: first contact; live: the stream is open; reconnecting: it dropped and the browser retries. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

/** A batch of changes, or `reset`: the stream could not replay what was missed, so everything should reload. */
export type LiveMessage = { kind: 'changes'; events: ChangeEvent[] } | { kind: 'reset' };
type Listener = (message: LiveMessage) => void;

interface LiveContextValue {
  status: LiveStatus;
  subscribe(listener: Listener): () => void;
}

const LiveContext = createContext<LiveContextValue | null>(null);

/** Where the stream is; the e2e suite and the docs name it. */
export const EVENTS_PATH = '/api/v1/events';

/**
 * One EventSource per tab on the organisation's change feed (/api/v1/events), shared by every
 * live part of the page through useLiveChanges. The browser reconnects by itself and sends
 * Last-Event-ID, so the server replays what was missed; a change seen twice (the replay's
 * overlap) is passed on once. Changes arriving together are passed on as one batch.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const listeners = useRef(new Set<Listener>());

  useEffect(() => {
    const seen = new Set<number>();
    let batch: ChangeEvent[] = [];
    let timer: number | null = null;
    const emit = (message: LiveMessage) => {
      for (const listener of listeners.current) listener(message);
    };
    const flush = () => {
      timer = null;
      const events = batch;
      batch = [];
      if (events.length) emit({ kind: 'changes', events });
    };
    // The browser reconnects a dropped stream by itself (with Last-Event-ID). A stream it gave up
    // on (a refusal such as 429, or the server gone) is opened again after a pause, from the last
    // change seen (a new EventSource sends no Last-Event-ID, so the query carries it).
    let source: EventSource;
    let lastId = '';
    let retry: number | null = null;
    let stopped = false;
    const open = () => {
      retry = null;
      source = new EventSource(lastId ? `${EVENTS_PATH}?lastEventId=${lastId}` : EVENTS_PATH);
      source.addEventListener('open', () => setStatus('live'));
      source.addEventListener('ready', (message) => {
        setStatus('live');
        // A fresh stream starts at the newest change; a resumed one keeps its place.
        if (!lastId) lastId = String((JSON.parse((message as MessageEvent<string>).data) as { seq: number }).seq);
      });
      source.addEventListener('error', () => {
        setStatus('reconnecting');
        if (source.readyState === EventSource.CLOSED && !stopped && retry === null) retry = window.setTimeout(open, 10_000);
      });
      source.addEventListener('reset', () => emit({ kind: 'reset' }));
      source.addEventListener('change', (message) => {
        const { data, lastEventId } = message as MessageEvent<string>;
        if (lastEventId) lastId = lastEventId;
        const event = JSON.parse(data) as ChangeEvent;
        if (seen.has(event.seq)) return;
        seen.add(event.seq);
        if (seen.size > 5_000) seen.delete(seen.values().next().value as number);
        batch.push(event);
        timer ??= window.setTimeout(flush, 50);
      });
    };
    open();
    // Offline, the stream is closed at once (a connection that went quiet might never report it);
    // back online, it is opened again from the last change seen, and the server replays the rest.
    const goneOffline = () => {
      source.close();
      setStatus('reconnecting');
    };
    const backOnline = () => {
      if (source.readyState !== EventSource.CLOSED || stopped) return;
      if (retry !== null) window.clearTimeout(retry);
      open();
    };
    window.addEventListener('offline', goneOffline);
    window.addEventListener('online', backOnline);
    return () => {
      stopped = true;
      window.removeEventListener('offline', goneOffline);
      window.removeEventListener('online', backOnline);
      source.close();
      if (retry !== null) window.clearTimeout(retry);
      if (timer !== null) window.clearTimeout(timer);
    };
  }, []);

  const value = useMemo<LiveContextValue>(
    () => ({
      status,
      subscribe(listener) {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [status],
  );
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/** The stream's state, for the header's indicator and for parts that poll while it is down. */
export function useLiveStatus(): LiveStatus | null {
  return useContext(LiveContext)?.status ?? null;
}

/**
 * Calls `onChange` with the changes of the given entity types (table names such as
 * 'roadmap_items', 'blockers'; an empty list: every change), and with `reset`. Outside a
 * LiveProvider it does nothing.
 */
export function useLiveChanges(types: readonly string[], onChange: (message: LiveMessage) => void): void {
  const context = useContext(LiveContext);
  const handler = useRef(onChange);
  useEffect(() => {
    handler.current = onChange;
  });
  const key = types.join(',');
  const subscribe = context?.subscribe;
  useEffect(() => {
    if (!subscribe) return;
    const wanted = new Set(key ? key.split(',') : []);
    return subscribe((message) => {
      if (message.kind === 'reset') return handler.current(message);
      const events = wanted.size ? message.events.filter((event) => wanted.has(event.type)) : message.events;
      if (events.length) handler.current({ kind: 'changes', events });
    });
  }, [subscribe, key]);
}
