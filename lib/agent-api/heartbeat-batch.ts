import 'server-only';

import { sql, type SQL } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { type HeartbeatInput, oneCallAnswerOf } from './heartbeat';
import type { OneCallAnswer, OneCallRequest } from './operation';
import { refusalFromDatabase } from './sql';

// Group commit for heartbeats (migration 0038): the heartbeats that arrive within a few
// milliseconds go to PostgreSQL as ONE statement, agent_heartbeats_by_token, which runs
// agent_heartbeat_by_token (migration 0033) for each in a subtransaction of its own and answers one
// row per heartbeat. One round trip, one transaction, one commit for all of them; each caller still
// gets its own answer (a success, a replay, a refusal), exactly the one the single call gives.

/** One result row of agent_heartbeats_by_token, in the input's order. */
export interface BatchRow {
  ord: number;
  answer: unknown;
  error_code: string | null;
  error_message: string | null;
}

/** The JSON array agent_heartbeats_by_token reads, one object per heartbeat. */
export function batchPayload(requests: readonly OneCallRequest<HeartbeatInput>[]): string {
  return JSON.stringify(
    requests.map(({ tokenHash, input, idempotencyKey, requestHash }) => ({
      token_hash: tokenHash,
      attempt: input.attemptId,
      status: input.status,
      message: input.message ?? null,
      progress: input.progress ?? null,
      key: idempotencyKey,
      request_hash: requestHash,
    })),
  );
}

/** The roles as a text[] literal (the operation's roles: plain words). */
export function rolesLiteral(roles: readonly string[]): string {
  return `{${roles.join(',')}}`;
}

/** The statement, for Drizzle (tests, PGlite and PostgreSQL alike). */
export function heartbeatBatchStatement(requests: readonly OneCallRequest<HeartbeatInput>[]): SQL {
  return sql`SELECT ord, answer, error_code, error_message
               FROM agent_heartbeats_by_token(${rolesLiteral(requests[0]!.roles)}::text::text[], ${batchPayload(requests)}::text::jsonb)`;
}

/** Runs a batch on a Drizzle database (one statement). All requests must share their roles. */
export async function runHeartbeatBatch(db: Database, requests: readonly OneCallRequest<HeartbeatInput>[]): Promise<BatchRow[]> {
  return rowsOf<BatchRow>(await db.execute(heartbeatBatchStatement(requests)));
}

/** The refusals of migration 0033 (class GA); any other SQLSTATE is retried alone. */
const isRefusal = (code: string) => code.startsWith('GA');

/**
 * One row's outcome: the heartbeat's answer, or its refusal thrown as the app's problem (as
 * heartbeatInOneCall throws it), or `retry` for an error that is not a refusal (a deadlock, a lock
 * timeout: the row's subtransaction was undone, nothing of it was written).
 */
export function outcomeOf(row: BatchRow): OneCallAnswer | 'retry' {
  if (row.error_code) {
    if (!isRefusal(row.error_code)) return 'retry';
    throw refusalFromDatabase(Object.assign(new Error(row.error_message ?? row.error_code), { code: row.error_code }));
  }
  return oneCallAnswerOf(row.answer);
}

interface Waiting {
  request: OneCallRequest<HeartbeatInput>;
  resolve: (answer: OneCallAnswer) => void;
  reject: (error: unknown) => void;
}

export interface BatcherOptions {
  /** Runs one batch (all with the same roles) as one statement. */
  runBatch: (requests: readonly OneCallRequest<HeartbeatInput>[]) => Promise<BatchRow[]>;
  /** Runs one heartbeat alone (agent_heartbeat_by_token): for a row the batch could not do. */
  runOne: (request: OneCallRequest<HeartbeatInput>) => Promise<OneCallAnswer>;
  /** How long the first heartbeat of a batch waits for others, in ms (default 2). */
  maxWaitMs?: number;
  /** The most heartbeats in one statement (default 64). */
  maxItems?: number;
  /** The most statements in flight at once (default 2: the fast path's pool). */
  maxInFlight?: number;
}

/**
 * Gathers heartbeats into batches: a batch leaves when it holds `maxItems`, or `maxWaitMs` after
 * its first heartbeat arrived, or, when `maxInFlight` statements are already running, as soon as
 * one of them ends (a busy database gets bigger batches, not a longer queue of statements).
 */
export class HeartbeatBatcher {
  private queue: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly maxWaitMs: number;
  private readonly maxItems: number;
  private readonly maxInFlight: number;
  /** Counters for the benchmark and the logs: statements sent and heartbeats in them. */
  readonly stats = { batches: 0, heartbeats: 0, retried: 0 };

  constructor(private readonly options: BatcherOptions) {
    this.maxWaitMs = options.maxWaitMs ?? 2;
    this.maxItems = options.maxItems ?? 64;
    this.maxInFlight = options.maxInFlight ?? 2;
  }

  submit(request: OneCallRequest<HeartbeatInput>): Promise<OneCallAnswer> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      if (this.queue.length >= this.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 && this.inFlight < this.maxInFlight) {
      const roles = rolesLiteral(this.queue[0]!.request.roles);
      const batch: Waiting[] = [];
      const rest: Waiting[] = [];
      for (const waiting of this.queue) {
        (batch.length < this.maxItems && rolesLiteral(waiting.request.roles) === roles ? batch : rest).push(waiting);
      }
      this.queue = rest;
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        if (this.queue.length > 0) this.flush();
      });
    }
  }

  private async send(batch: Waiting[]): Promise<void> {
    let rows: BatchRow[];
    try {
      rows = await this.options.runBatch(batch.map((w) => w.request));
    } catch (error) {
      // The statement failed as a whole (the connection, a timeout): nothing was written.
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    this.stats.batches += 1;
    this.stats.heartbeats += batch.length;
    const byOrd = new Map(rows.map((row) => [Number(row.ord), row]));
    await Promise.all(
      batch.map(async (waiting, i) => {
        const row = byOrd.get(i + 1);
        try {
          if (!row) throw new Error(`agent_heartbeats_by_token answered no row for heartbeat ${i + 1} of ${batch.length}`);
          const outcome = outcomeOf(row);
          if (outcome !== 'retry') return waiting.resolve(outcome);
          this.stats.retried += 1;
          waiting.resolve(await this.options.runOne(waiting.request));
        } catch (error) {
          waiting.reject(error);
        }
      }),
    );
  }
}
