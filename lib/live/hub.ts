import 'server-only';

import { sql } from 'drizzle-orm';

import { can, type Permission, type Role } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import { listenOnDatabase, withConnectionUser, withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { CHANGE_CHANNEL, type ChangeEvent, type ChangeOp } from './events';

/** What a change of each kind needs the reader's role to hold; everything else needs portfolio:read. */
const READ_PERMISSION: Record<string, Permission> = {
  api_tokens: 'tokens:manage',
  invitations: 'members:manage',
  webhooks: 'organisation:configure',
  webhook_deliveries: 'organisation:configure',
};

/** Whether a role may see a change of this entity type on its stream. */
export function mayRead(role: Role, entityType: string): boolean {
  return can(role, READ_PERMISSION[entityType] ?? 'portfolio:read');
}

/** Rows replayed at most on a resume; a client further behind is told to reload (event `reset`). */
export const REPLAY_LIMIT = 1_000;
/**
 * On a resume, changes up to this many numbers before Last-Event-ID are sent again: a transaction
 * that took its number before another but committed after it is then not lost. The client drops
 * the ones it has seen.
 */
export const REPLAY_OVERLAP = 200;
/** How long the change log keeps a change (docs/live.md); pruned every PRUNE_INTERVAL_MS. */
export const CHANGE_LOG_RETENTION = '24 hours';
const PRUNE_INTERVAL_MS = 10 * 60_000;

export interface StreamLimits {
  perCaller: number;
  perInstance: number;
}

/** One open stream: its organisation, role and a sink for batches of events. */
export interface Subscriber {
  organisationId: string;
  role: Role;
  callerKey: string;
  send(events: ChangeEvent[]): void;
  /** The instance lost notifications (its listen connection dropped): the stream should resume from the log. */
  resync(): void;
}

interface Row {
  seq: string | number;
  entity_type: string;
  entity_id: string;
  op: ChangeOp;
}

function toEvent(row: Row): ChangeEvent {
  return { seq: Number(row.seq), type: row.entity_type, id: row.entity_id, op: row.op };
}

/** The changes of one organisation with these numbers, read back under row-level security. */
async function readChanges(organisationId: string, seqs: number[]): Promise<ChangeEvent[]> {
  return withOrganisation(organisationId, async (tx) => {
    const rows = rowsOf<Row>(
      await tx.execute(sql`SELECT seq, entity_type, entity_id, op FROM change_log WHERE seq = ANY(${`{${seqs.join(',')}}`}::bigint[]) ORDER BY seq`),
    );
    return rows.map(toEvent);
  });
}

/** A change as an observer of the hub hears of it (the announcement's organisation, table and operation). */
export interface ObservedChange {
  organisationId: string;
  table?: string;
  op?: string;
}

export type Replay = { kind: 'events'; events: ChangeEvent[] } | { kind: 'reset' };

/**
 * The changes of an organisation after `afterSeq` (with REPLAY_OVERLAP before it), for a stream
 * that resumes with Last-Event-ID. `reset` when the log no longer holds that point (pruned) or
 * more than REPLAY_LIMIT changes follow it: the client then reloads what it shows.
 */
export async function replayChanges(organisationId: string, afterSeq: number): Promise<Replay> {
  return withOrganisation(organisationId, async (tx) => {
    const [bounds] = rowsOf<{ min: string | null }>(await tx.execute(sql`SELECT min(seq) AS min FROM change_log`));
    const oldest = bounds?.min === null || bounds?.min === undefined ? null : Number(bounds.min);
    if (oldest !== null && afterSeq < oldest - 1) {
      const [known] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM change_log WHERE seq = ${afterSeq}`));
      if (!known?.n) return { kind: 'reset' };
    }
    const rows = rowsOf<Row>(
      await tx.execute(
        sql`SELECT seq, entity_type, entity_id, op FROM change_log
            WHERE seq > ${Math.max(0, afterSeq - REPLAY_OVERLAP)} ORDER BY seq LIMIT ${REPLAY_LIMIT + REPLAY_OVERLAP + 1}`,
      ),
    );
    const after = rows.filter((row) => Number(row.seq) > afterSeq);
    if (after.length > REPLAY_LIMIT) return { kind: 'reset' };
    return { kind: 'events', events: rows.map(toEvent) };
  });
}

/** The newest change number of an organisation (a stream's starting point), 0 when none. */
export async function latestSeq(organisationId: string): Promise<number> {
  return withOrganisation(organisationId, async (tx) => {
    const [row] = rowsOf<{ max: string | null }>(await tx.execute(sql`SELECT max(seq) AS max FROM change_log`));
    return row?.max ? Number(row.max) : 0;
  });
}

/** Removes changes older than the retention; one instance at a time. */
export async function pruneChangeLog(db: Database, keep = CHANGE_LOG_RETENTION): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtextextended('gantry.change_log_prune', 0)) AS locked`),
    );
    if (!lock?.locked) return null;
    const [row] = rowsOf<{ removed: number }>(await tx.execute(sql`SELECT prune_change_log(${keep}::interval) AS removed`));
    return Number(row?.removed ?? 0);
  });
}

/**
 * The server instance's one LISTEN on the change channel, fanning each committed change out to
 * the open streams of its organisation: notifications are gathered for a few milliseconds, read
 * back from the change log under the organisation's row-level security (the payload is never
 * trusted beyond its organisation and number), filtered by each stream's role, and sent.
 */
export class ChangeHub {
  private readonly streams = new Map<string, Set<Subscriber>>();
  private readonly perCaller = new Map<string, number>();
  private total = 0;
  private pending = new Map<string, number[]>();
  private flushTimer: NodeJS.Timeout | null = null;
  /**
   * Flushes run one after another, so streams get their changes in the order they were
   * committed: a slow read of one batch never lets a later batch overtake it.
   */
  private flushing: Promise<void> = Promise.resolve();
  private listening: Promise<() => Promise<void>> | null = null;
  private pruneTimer: NodeJS.Timeout | null = null;
  private readonly observers = new Set<(change: ObservedChange) => void>();
  /** Counters for the benchmark and /api/health-like checks. */
  readonly stats = { notifications: 0, batches: 0, delivered: 0 };

  constructor(
    readonly limits: StreamLimits,
    private readonly gatherMs = 5,
  ) {}

  get openStreams(): number {
    return this.total;
  }

  /** Starts listening (once); resolves when the LISTEN is in place. */
  start(): Promise<unknown> {
    this.listening ??= listenOnDatabase(
      CHANGE_CHANNEL,
      (payload) => this.onNotification(payload),
      () => this.onReconnect(),
    ).catch((error: unknown) => {
      this.listening = null;
      throw error;
    });
    if (!this.pruneTimer) {
      this.pruneTimer = setInterval(() => {
        void withConnectionUser((db) => pruneChangeLog(db)).catch((error: unknown) => console.error('Pruning the change log failed:', error));
      }, PRUNE_INTERVAL_MS);
      this.pruneTimer.unref();
    }
    return this.listening;
  }

  /** Adds a stream, or refuses it (429) past the per-caller or per-instance bound. Answers its removal. */
  add(subscriber: Subscriber): () => void {
    const mine = this.perCaller.get(subscriber.callerKey) ?? 0;
    if (mine >= this.limits.perCaller) {
      throw new ActionError(
        'too_many',
        `You have ${mine} live streams open already, the most Gantry allows one person or token; close a tab or stop an agent's stream first.`,
      );
    }
    if (this.total >= this.limits.perInstance) {
      throw new ActionError('too_many', `This Gantry server has ${this.total} live streams open, its limit; try again in a minute or use another instance.`);
    }
    this.perCaller.set(subscriber.callerKey, mine + 1);
    this.total += 1;
    let set = this.streams.get(subscriber.organisationId);
    if (!set) this.streams.set(subscriber.organisationId, (set = new Set()));
    set.add(subscriber);
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      this.total -= 1;
      const left = (this.perCaller.get(subscriber.callerKey) ?? 1) - 1;
      if (left > 0) this.perCaller.set(subscriber.callerKey, left);
      else this.perCaller.delete(subscriber.callerKey);
      const streams = this.streams.get(subscriber.organisationId);
      streams?.delete(subscriber);
      if (streams?.size === 0) this.streams.delete(subscriber.organisationId);
    };
  }

  /**
   * Calls `observer` with the organisation, table and operation of every change this instance
   * hears of, whether or not a stream watches it (the webhook worker, lib/webhooks/worker.ts).
   * Answers its removal.
   */
  observe(observer: (change: ObservedChange) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private onNotification(payload: string): void {
    this.stats.notifications += 1;
    let note: { o?: unknown; s?: unknown; t?: unknown; op?: unknown };
    try {
      note = JSON.parse(payload) as { o?: unknown; s?: unknown; t?: unknown; op?: unknown };
    } catch {
      return;
    }
    if (typeof note.o !== 'string' || typeof note.s !== 'number') return;
    if (this.observers.size) {
      const change: ObservedChange = {
        organisationId: note.o,
        ...(typeof note.t === 'string' ? { table: note.t } : {}),
        ...(typeof note.op === 'string' ? { op: note.op } : {}),
      };
      for (const observer of this.observers) observer(change);
    }
    if (!this.streams.has(note.o)) return; // nobody here watches that organisation
    const list = this.pending.get(note.o);
    if (list) list.push(note.s);
    else this.pending.set(note.o, [note.s]);
    this.flushTimer ??= setTimeout(() => {
      this.flushing = this.flushing.then(() => this.flush());
    }, this.gatherMs);
  }

  private async flush(): Promise<void> {
    this.flushTimer = null;
    const batch = this.pending;
    this.pending = new Map();
    await Promise.all(
      [...batch].map(async ([organisationId, seqs]) => {
        const streams = this.streams.get(organisationId);
        if (!streams?.size) return;
        try {
          const events = await readChanges(organisationId, seqs);
          this.stats.batches += 1;
          if (!events.length) return;
          const byRole = new Map<Role, ChangeEvent[]>();
          for (const stream of streams) {
            let visible = byRole.get(stream.role);
            if (!visible) byRole.set(stream.role, (visible = events.filter((event) => mayRead(stream.role, event.type))));
            if (visible.length) {
              stream.send(visible);
              this.stats.delivered += 1;
            }
          }
        } catch (error) {
          console.error('Reading changes for the live streams failed; they resume from the change log:', error);
          for (const stream of streams) stream.resync();
        }
      }),
    );
  }

  private onReconnect(): void {
    for (const streams of this.streams.values()) for (const stream of streams) stream.resync();
  }
}
