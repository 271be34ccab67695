// The change feed in `npm run bench` (docs/live.md): many open event streams on one server, the
// server's memory with them, how long a change takes to reach all of them (from the moment the
// write is sent), and how many deliveries a second one instance fans out under a burst of changes.
import { summarise } from './stats';

export interface LiveBenchOptions {
  url: string;
  cookie: string;
  streams: number;
  /** Changes timed one at a time. */
  changes: number;
  /** Seconds of back-to-back changes for the fan-out rate. */
  burstSeconds: number;
  /** Makes one change through the server (a builder's heartbeat). */
  change(): Promise<void>;
  /** The server's resident memory, MiB. */
  memory(): number;
}

interface Stream {
  /** When the last change arrived (performance.now()). */
  lastAt: number;
  count: number;
  abort: AbortController;
  done: Promise<void>;
}

function openStream(url: string, cookie: string, onReady: () => void): Stream {
  const abort = new AbortController();
  const stream: Stream = { lastAt: 0, count: 0, abort, done: Promise.resolve() };
  stream.done = (async () => {
    const response = await fetch(`${url}/api/v1/events`, { headers: { cookie }, signal: abort.signal });
    if (response.status !== 200) throw new Error(`/api/v1/events answered ${response.status}: ${await response.text()}`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.includes('event: ready')) onReady();
        if (frame.includes('event: change')) {
          stream.count += 1;
          stream.lastAt = performance.now();
        }
      }
    }
  })().catch((error: unknown) => {
    if ((error as Error).name !== 'AbortError') throw error;
  });
  return stream;
}

export async function benchLiveStreams(options: LiveBenchOptions): Promise<string[]> {
  const before = options.memory();
  let ready = 0;
  const streams = Array.from({ length: options.streams }, () => openStream(options.url, options.cookie, () => (ready += 1)));
  const deadline = Date.now() + 60_000;
  while (ready < options.streams) {
    if (Date.now() > deadline) throw new Error(`only ${ready} of ${options.streams} event streams opened in a minute`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const withStreams = options.memory();

  // Latency: one change at a time; the time until the last stream has it, and each stream's.
  const perStream: number[] = [];
  const toAll: number[] = [];
  for (let i = 0; i < options.changes; i++) {
    const counts = streams.map((s) => s.count);
    const sent = performance.now();
    await options.change();
    const wait = Date.now() + 10_000;
    while (streams.some((s, n) => s.count <= counts[n]!)) {
      if (Date.now() > wait) throw new Error('a change did not reach every stream within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const arrivals = streams.map((s) => s.lastAt - sent);
    perStream.push(...arrivals);
    toAll.push(Math.max(...arrivals));
  }

  // Fan-out: back-to-back changes for a few seconds; deliveries counted on every stream.
  const startCounts = streams.reduce((sum, s) => sum + s.count, 0);
  const start = performance.now();
  let changes = 0;
  while (performance.now() - start < options.burstSeconds * 1000) {
    await Promise.all(Array.from({ length: 8 }, () => options.change()));
    changes += 8;
  }
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const seconds = (performance.now() - start) / 1000;
  const delivered = streams.reduce((sum, s) => sum + s.count, 0) - startCounts;
  const memoryAfter = options.memory();

  for (const stream of streams) stream.abort.abort();
  await Promise.all(streams.map((s) => s.done));

  const one = summarise(perStream);
  const all = summarise(toAll);
  return [
    `live streams: ${options.streams} open event streams on one server: memory ${before.toFixed(0)} → ${withStreams.toFixed(0)} MiB resident ` +
      `(${(((withStreams - before) * 1024) / options.streams).toFixed(0)} KiB a stream), ${memoryAfter.toFixed(0)} MiB after the burst`,
    `live latency (a heartbeat sent → the change on a stream, ${options.changes} changes × ${options.streams} streams): ` +
      `median ${one.median.toFixed(1)} ms, p95 ${one.p95.toFixed(1)} ms; until the last stream has it: median ${all.median.toFixed(1)} ms, p95 ${all.p95.toFixed(1)} ms`,
    `live fan-out: ${changes} changes in ${seconds.toFixed(1)} s (8 at a time) → ${delivered} deliveries, ${(delivered / seconds).toFixed(0)} a second ` +
      `(${((delivered / (changes * options.streams)) * 100).toFixed(1)} % of changes × streams arrived)`,
  ];
}
