import 'server-only';

import type { Database } from '../db/connection';
import { changesFollowed, deliverDue, enqueueChanges, pruneDeliveries } from './delivery';

/** How often each instance looks for due retries and changes it may have missed. */
export const WEBHOOK_TICK_MS = 5_000;
const PRUNE_EVERY_MS = 10 * 60_000;

/** A change as the change feed announces it (its NOTIFY): the organisation, and the table and operation when known. */
export interface ChangeNote {
  organisationId: string;
  table?: string;
  op?: string;
}

/**
 * The delivery worker of one server instance: woken by the change hub for an organisation's
 * change (it turns changes into deliveries, then sends what is due) and by a timer (retries,
 * and changes of organisations it was not woken for). One round at a time per instance; across
 * instances the claim keeps each delivery to one sender.
 *
 * It wakes only for a change some webhook that is on can receive: it knows what each
 * organisation's webhooks follow (read on every tick), and reads that again after any change of
 * a webhook (created, edited, turned on or off, deleted: the feed announces those too). Until it
 * has read it, and while it reads it again, every change wakes it, so a change made right after a
 * new webhook is not missed. A new delivery (a "Send test") always wakes it.
 */
export class WebhookWorker {
  private readonly woken = new Set<string>();
  private wakeTimer: NodeJS.Timeout | null = null;
  private tickTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private lastPrune = 0;
  /** What each organisation's webhooks follow (`table.op`); null until first read. */
  private followed: Map<string, Set<string>> | null = null;
  /** A webhook changed since `followed` was read (or it is being read): every change wakes the worker. */
  private stale = true;
  private reading = false;
  /** Rounds run and changes passed over, for the tests and the benchmark. */
  readonly stats = { rounds: 0, skipped: 0 };

  constructor(private readonly getDb: () => Promise<Database>) {}

  /** Whether a change of this kind may concern a webhook of the organisation. */
  private concerns({ organisationId, table, op }: ChangeNote): boolean {
    if (table === 'webhooks') {
      this.stale = true;
      return true;
    }
    if (table === 'webhook_deliveries' && op === 'insert') return true;
    if (this.stale || this.reading || !this.followed || table === undefined || op === undefined) return true;
    return this.followed.get(organisationId)?.has(`${table}.${op}`) ?? false;
  }

  /** An organisation changed: look at it in a moment (changes within 20 ms are looked at together). */
  wake(change: ChangeNote | string): void {
    const note = typeof change === 'string' ? { organisationId: change } : change;
    if (!this.concerns(note)) {
      this.stats.skipped += 1;
      return;
    }
    this.woken.add(note.organisationId);
    this.wakeTimer ??= setTimeout(() => {
      this.wakeTimer = null;
      const organisations = [...this.woken];
      this.woken.clear();
      this.schedule(organisations);
    }, 20);
  }

  start(intervalMs = WEBHOOK_TICK_MS): void {
    if (this.tickTimer) return;
    this.tickTimer = setInterval(() => this.schedule(null), intervalMs);
    this.tickTimer.unref();
    this.schedule(null);
  }

  stop(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.tickTimer = this.wakeTimer = null;
  }

  /** Resolves once the rounds asked for so far have run. */
  idle(): Promise<void> {
    return this.running;
  }

  private schedule(organisations: string[] | null): void {
    this.running = this.running
      .then(() => this.round(organisations))
      .catch((error: unknown) => {
        console.error('Webhook delivery failed; it runs again in a moment:', error instanceof Error ? error.message : error);
      });
  }

  /** Reads what the webhooks follow; a webhook's change announced meanwhile has it read again next round. */
  private async readFollowed(db: Database): Promise<Map<string, Set<string>>> {
    this.stale = false;
    this.reading = true;
    try {
      this.followed = await changesFollowed(db);
    } catch (error) {
      this.stale = true;
      throw error;
    } finally {
      this.reading = false;
    }
    return this.followed;
  }

  private async round(organisations: string[] | null): Promise<void> {
    this.stats.rounds += 1;
    const tick = organisations === null;
    const db = await this.getDb();
    let list = organisations;
    if (list === null || this.stale) {
      const followed = await this.readFollowed(db);
      list ??= [...followed.keys()];
    }
    for (const organisationId of list) await enqueueChanges(db, organisationId);
    for (let i = 0; i < 10; i += 1) if ((await deliverDue(db)).length === 0) break;
    if (tick && Date.now() - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = Date.now();
      await pruneDeliveries(db);
    }
  }
}

const state = globalThis as typeof globalThis & { __gantryWebhookWorker?: WebhookWorker };

/** Starts this instance's worker once; `observe` hands it every committed change's organisation. */
export function startWebhookWorker(getDb: () => Promise<Database>, observe: (listener: (change: ChangeNote) => void) => void): WebhookWorker {
  if (state.__gantryWebhookWorker) return state.__gantryWebhookWorker;
  const worker = new WebhookWorker(getDb);
  state.__gantryWebhookWorker = worker;
  observe((change) => worker.wake(change));
  worker.start();
  return worker;
}
