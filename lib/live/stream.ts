import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import { env } from '../env';
import type { ChangeEvent } from './events';
import { ChangeHub, latestSeq, mayRead, replayChanges } from './hub';

/** A comment line every so often keeps proxies from closing an idle stream and shows the client it is alive. */
export const KEEPALIVE_MS = 15_000;
/** A stream ends after this long; the client reconnects with Last-Event-ID (and is authenticated again). */
export const STREAM_LIFETIME_MS = 15 * 60_000;

const state = globalThis as typeof globalThis & { __gantryChangeHub?: ChangeHub };

/** The server instance's one hub (one LISTEN), kept across development's hot reloads. */
export function changeHub(): ChangeHub {
  if (!state.__gantryChangeHub) {
    const { GANTRY_LIVE_STREAMS_PER_CALLER, GANTRY_LIVE_STREAMS } = env();
    state.__gantryChangeHub = new ChangeHub({ perCaller: GANTRY_LIVE_STREAMS_PER_CALLER, perInstance: GANTRY_LIVE_STREAMS });
  }
  return state.__gantryChangeHub;
}

/** Forgets the hub (tests open one per database). */
export function resetChangeHub(hub?: ChangeHub): void {
  state.__gantryChangeHub = hub;
}

/** The stream's input: where to resume (the Last-Event-ID header wins over the query's lastEventId). */
export const eventsInput = z.object({
  lastEventId: z.string().max(20).regex(/^\d+$/, { message: 'Give the number of the last event seen, or leave it out.' }).optional(),
  /** `false`: send what the change log holds after lastEventId, then end (an agent that polls). */
  follow: z.enum(['true', 'false'], { message: 'Give true (keep the stream open, the default) or false.' }).optional(),
});

function callerKey(caller: OrganisationCaller): string {
  return caller.kind === 'token' ? `token:${caller.tokenId}` : `user:${caller.userId}`;
}

const encoder = new TextEncoder();

function frame(events: ChangeEvent[], lastId: number): string {
  return events.map((event) => `id: ${Math.max(lastId, event.seq)}\nevent: change\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

/**
 * Opens a server-sent event stream of the caller's organisation's changes that the caller's role
 * may read: `event: ready` (the newest number), then one `event: change` per change with
 * `id: <seq>`; a resume (`lastEventId`) first replays the change log from there, or sends
 * `event: reset` when it cannot. With `follow: false` it ends after that. Refuses (429) past the per-caller or per-instance bound.
 */
export async function openChangeStream(
  caller: OrganisationCaller,
  resumeFrom: number | null,
  signal: AbortSignal,
  { follow = true, hub = changeHub() }: { follow?: boolean; hub?: ChangeHub } = {},
): Promise<Response> {
  await hub.start();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  let lastId = 0;
  // Events that arrive while the replay is read are held, then sent after it.
  let held: ChangeEvent[] | null = [];
  const seen = new Set<number>();
  const write = (text: string) => {
    if (closed) return;
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const deliver = (events: ChangeEvent[]) => {
    const fresh = events.filter((event) => !seen.has(event.seq) && mayRead(caller.role, event.type));
    if (!fresh.length) return;
    for (const event of fresh) {
      seen.add(event.seq);
      if (seen.size > 5_000) seen.delete(seen.values().next().value as number);
    }
    const text = frame(fresh, lastId);
    lastId = Math.max(lastId, ...fresh.map((event) => event.seq));
    write(text);
  };

  const resume = async (from: number) => {
    const replay = await replayChanges(caller.organisationId, from);
    if (replay.kind === 'reset') {
      write(`event: reset\ndata: {}\n\n`);
      return;
    }
    deliver(replay.events);
  };

  const remove = hub.add({
    organisationId: caller.organisationId,
    role: caller.role,
    callerKey: callerKey(caller),
    send: (events) => (held ? held.push(...events) : deliver(events)),
    resync: () => void resume(lastId).catch(() => close()),
  });

  const keepalive = setInterval(() => write(`: keepalive ${new Date().toISOString()}\n\n`), KEEPALIVE_MS);
  const lifetime = setTimeout(() => close(), STREAM_LIFETIME_MS);
  keepalive.unref?.();
  lifetime.unref?.();

  function close() {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    clearTimeout(lifetime);
    remove();
    signal.removeEventListener('abort', close);
    try {
      controller.close();
    } catch {
      // already closed by the client
    }
  }
  signal.addEventListener('abort', close);

  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      close();
    },
  });

  try {
    const newest = await latestSeq(caller.organisationId);
    lastId = resumeFrom ?? newest;
    write(`retry: 2000\n\n`);
    write(`event: ready\ndata: ${JSON.stringify({ seq: newest })}\n\n`);
    if (resumeFrom !== null) await resume(resumeFrom);
    const waiting = held ?? [];
    held = null;
    deliver(waiting);
    if (!follow) close();
  } catch (error) {
    close();
    throw error;
  }

  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}
