import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { type AgentClient, ApiProblem, type OwnAttempt, type ReadyWork } from './client';

/**
 * The reference agent's loop: pick up an attempt handed to it (or left open by an earlier run),
 * else claim ready work; while working, send heartbeats well within the lease; record evidence;
 * then complete. A simulated builder does the same over HTTP with made-up work of realistic
 * length, and now and then fails, hands off or blocks, as real builders do.
 */

export interface Outcomes {
  /** Chances, 0–1, that an attempt ends so instead of completing. */
  fail: number;
  handOff: number;
  block: number;
}

export interface BuilderOptions {
  client: AgentClient;
  /** Made-up work with these outcomes; without it, the agent does its real (small) work. */
  simulate?: { outcomes: Outcomes; handOffTo: string[] };
  /** Seconds a piece of work takes: [shortest, longest]. */
  durationSeconds: [number, number];
  heartbeatSeconds: number;
  leaseSeconds: number;
  /** How long to wait when there is nothing to do. */
  idleSeconds: number;
  /** Send a builder heartbeat while idle (a builder token only); on unless false. */
  idleHeartbeats?: boolean;
  /** Only this work item (the first run of the e2e); otherwise whatever is ready. */
  workId?: string;
  /** Stop after this many finished attempts; unbounded when absent. */
  maxAttempts?: number;
  /** Where the real agent writes the file it produces. */
  workDir?: string;
  signal?: AbortSignal;
  random?: () => number;
  log?: (line: string) => void;
}

export const DEMO_OUTCOMES: Outcomes = { fail: 0.06, handOff: 0.06, block: 0.02 };

const MESSAGES = ['Reading the work item', 'Planning the change', 'Writing the code', 'Running the tests', 'Fixing a failing test', 'Writing the evidence'];
const BLOCKS = [
  { reasonCode: 'missing_info', title: 'The acceptance criteria do not say what to do on a timeout', needs: 'A decision from the product owner' },
  { reasonCode: 'missing_credential', title: 'No credentials for the staging registry', needs: 'A deploy key for staging' },
  { reasonCode: 'external_wait', title: 'Waiting on the upstream library’s fix', needs: 'The upstream release' },
] as const;

export async function runBuilder(options: BuilderOptions): Promise<{ finished: number }> {
  const { client, signal } = options;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  let finished = 0;
  while (!signal?.aborted && (options.maxAttempts === undefined || finished < options.maxAttempts)) {
    try {
      const attempt = (await pickUpOpenAttempt(client, options.workId)) ?? (await claimSomething(client, options, random, log));
      if (!attempt) {
        // Alive but idle: a builder waiting for work is not stalled.
        if (options.idleHeartbeats !== false) await client.builderHeartbeat('Waiting for ready work');
        await sleep(options.idleSeconds * 1000, signal);
        continue;
      }
      await work(attempt, options, random, log);
      finished++;
    } catch (error) {
      if (signal?.aborted) break;
      log(`problem: ${error instanceof Error ? error.message : String(error)}; trying again shortly`);
      await sleep(options.idleSeconds * 1000, signal);
    }
  }
  return { finished };
}

/** An attempt this builder holds already: handed to it, or left by a run that stopped. */
async function pickUpOpenAttempt(client: AgentClient, workId: string | undefined): Promise<OwnAttempt | undefined> {
  const open = await client.openAttempts();
  return open.find((attempt) => !workId || attempt.workId === workId);
}

async function claimSomething(
  client: AgentClient,
  options: BuilderOptions,
  random: () => number,
  log: (line: string) => void,
): Promise<OwnAttempt | undefined> {
  const candidates: Pick<ReadyWork, 'id'>[] = options.workId ? [{ id: options.workId }] : await client.readyWork(20);
  // Simulated builders spread over the queue, so that several do not all race for its head.
  const order = options.simulate
    ? candidates
        .map((c) => ({ c, k: random() }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.c)
    : candidates;
  for (const candidate of order.slice(0, 5)) {
    try {
      const claim = await client.claim(candidate.id, options.leaseSeconds);
      log(`claimed ${claim.workId} (attempt ${claim.id}, lease ${claim.lease.ttlSeconds} s)`);
      return { id: claim.id, workId: claim.workId, startedAt: claim.startedAt };
    } catch (error) {
      // Someone else was faster, or it was blocked meanwhile: try the next one.
      if (error instanceof ApiProblem && error.status === 409) continue;
      throw error;
    }
  }
  return undefined;
}

async function work(attempt: OwnAttempt, options: BuilderOptions, random: () => number, log: (line: string) => void): Promise<void> {
  const { client, signal } = options;
  const [shortest, longest] = options.durationSeconds;
  const seconds = shortest + (longest - shortest) * random();
  const beats = Math.max(1, Math.round(seconds / options.heartbeatSeconds));
  for (let beat = 1; beat <= beats; beat++) {
    await sleep((seconds * 1000) / beats, signal);
    if (signal?.aborted) return;
    const progress = Math.min(95, Math.round((100 * beat) / (beats + 1)));
    try {
      await client.heartbeat(attempt.id, {
        progress,
        status: 'active',
        message: MESSAGES[Math.min(MESSAGES.length - 1, Math.floor((progress / 100) * MESSAGES.length))],
      });
    } catch (error) {
      if (error instanceof ApiProblem && (error.status === 410 || error.status === 409)) {
        log(`lost ${attempt.workId}: ${error.message}`);
        return;
      }
      throw error;
    }
  }

  const roll = random();
  const outcomes = options.simulate?.outcomes;
  const handOffTo = options.simulate?.handOffTo ?? [];
  if (outcomes && roll < outcomes.fail) {
    await client.fail(attempt.id, 'The tests kept failing after three tries; leaving it for a fresh attempt.');
    log(`failed ${attempt.workId}`);
    return;
  }
  if (outcomes && handOffTo.length && roll < outcomes.fail + outcomes.handOff) {
    const to = handOffTo[Math.floor(random() * handOffTo.length)]!;
    await client.handOff(attempt.id, to, `Needs ${to}'s specialty to finish.`);
    log(`handed ${attempt.workId} off to ${to}`);
    return;
  }
  if (outcomes && roll < outcomes.fail + outcomes.handOff + outcomes.block) {
    const blocker = BLOCKS[Math.floor(random() * BLOCKS.length)]!;
    await client.block(attempt.id, { ...blocker, description: `${blocker.title}. Found while working on ${attempt.workId}.` });
    log(`blocked ${attempt.workId}: ${blocker.title}`);
    return;
  }

  const produced = await produce(attempt, options);
  const evidence = await client.recordEvidence(attempt.id, {
    type: 'build_artifact',
    content: produced.content,
    title: produced.name,
    description: `Produced by the reference agent for ${attempt.workId}; SHA-256 ${produced.sha256}.`,
  });
  if (evidence.sha256 !== produced.sha256) throw new Error(`Gantry hashed the evidence as ${evidence.sha256}, not ${produced.sha256}`);
  await client.recordEvidence(attempt.id, {
    type: 'test_result',
    content: JSON.stringify({ passed: 12 + Math.floor(random() * 30), failed: 0 }),
    title: 'Test run',
  });
  await client.heartbeat(attempt.id, { progress: 100, status: 'active', message: 'Done; evidence recorded' });
  await client.complete(attempt.id, `Completed by the reference agent; evidence ${evidence.id} (sha256 ${evidence.sha256}).`);
  log(`completed ${attempt.workId} with evidence sha256 ${produced.sha256.slice(0, 12)}…`);
}

/** The file the agent produces for a piece of work; a simulated builder keeps it in memory. */
async function produce(attempt: OwnAttempt, options: BuilderOptions): Promise<{ name: string; content: string; sha256: string }> {
  const name = `${attempt.workId.replace(/[^\w.-]/g, '_')}-${attempt.id.replace(/[^\w.-]/g, '_')}.md`;
  const content = `# ${attempt.workId}\n\nAttempt ${attempt.id}, started ${attempt.startedAt}, finished ${new Date().toISOString()}.\n`;
  if (!options.simulate) {
    const dir = options.workDir ?? path.join(os.tmpdir(), 'gantry-agent');
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, name), content, 'utf8');
    // The hash of what is on disk, as an agent would attest to a file it built.
    const onDisk = await fs.readFile(path.join(dir, name), 'utf8');
    return { name, content: onDisk, sha256: createHash('sha256').update(onDisk, 'utf8').digest('hex') };
  }
  return { name, content, sha256: createHash('sha256').update(content, 'utf8').digest('hex') };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
