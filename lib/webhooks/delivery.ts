import 'server-only';

import { randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { runAsOrganisation } from '../db/tenant';
import { WEBHOOK_EVENTS, eventOfChange, type WebhookEvent } from './events';
import { currentOrganisation, readEntity, type WebhookPayload } from './payload';
import { signatureHeader, SIGNATURE_HEADER } from './signature';

/** How long Gantry waits for a receiver's answer. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/** Attempts before a delivery is given up: 30 s, 1, 2, 4, 8, 16 and 32 min apart (about an hour in all). */
export const MAX_ATTEMPTS = 8;
const FIRST_RETRY_MS = 30_000;
/** A claimed delivery is not claimed again for this long (an instance that died while sending). */
const CLAIM_MS = 60_000;
/** Changes of the log that far before a webhook's cursor are looked at again (a late commit). */
const OVERLAP = 200;
/** How long the delivery log keeps a finished delivery. */
export const DELIVERY_RETENTION = '7 days';
const EXCERPT = 500;

/** The wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function backoffMs(attempts: number): number {
  return FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1);
}

/** `change_log` table and op pairs of these events, as `table.op`. */
function changeKinds(events: readonly string[]): string[] {
  return events.flatMap((name) => {
    const event = WEBHOOK_EVENTS[name as WebhookEvent];
    return event ? [`${event.table}.${event.op}`] : [];
  });
}

/**
 * Turns the organisation's new changes into deliveries, for each of its webhooks that is on and
 * follows them. Runs inside the organisation (row-level security: the log, the webhooks and the
 * entities read for the payload are that organisation's only), one instance at a time per
 * organisation (a transaction advisory lock); a change becomes at most one delivery per webhook
 * (unique index), however many instances look at it. Answers how many deliveries it made.
 */
export async function enqueueChanges(db: Database, organisationId: string): Promise<number> {
  return runAsOrganisation(db, { organisationId, actor: 'system' }, async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`gantry.webhooks:${organisationId}`}, 0))`);
    const hooks = rowsOf<{ id: string; events: string[]; cursor_seq: string | number; since: string }>(
      await tx.execute(sql`SELECT id::text AS id, events, cursor_seq, since FROM webhooks WHERE enabled AND deleted_at IS NULL`),
    );
    if (!hooks.length) return 0;
    const [top] = rowsOf<{ max: string | null }>(await tx.execute(sql`SELECT max(seq) AS max FROM change_log`));
    const newest = Number(top?.max ?? 0);
    const organisation = await currentOrganisation(tx);
    const bodies = new Map<string, Promise<Record<string, unknown> | null>>();
    let made = 0;
    for (const hook of hooks) {
      const cursor = Number(hook.cursor_seq);
      const changes = rowsOf<{ seq: string | number; entity_type: string; entity_id: string; op: string; changed_at: string }>(
        await tx.execute(sql`
          SELECT c.seq, c.entity_type, c.entity_id, c.op, c.changed_at FROM change_log c
           WHERE c.seq > ${cursor - OVERLAP} AND c.seq <= ${newest} AND c.changed_at >= ${hook.since}::timestamptz
             AND (c.entity_type || '.' || c.op) = ANY(${`{${changeKinds(hook.events).join(',')}}`}::text[])
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d
                              WHERE d.organisation_id = c.organisation_id AND d.webhook_id = ${hook.id}::uuid AND d.change_seq = c.seq)
           ORDER BY c.seq LIMIT 500`),
      );
      for (const change of changes) {
        const event = eventOfChange(change.entity_type, change.op);
        if (!event) continue;
        const key = `${change.entity_type}:${change.entity_id}`;
        if (!bodies.has(key)) bodies.set(key, readEntity(tx, change.entity_type, change.entity_id));
        const id = randomUUID();
        const payload: WebhookPayload = {
          id,
          event,
          occurredAt: new Date(change.changed_at).toISOString(),
          organisation,
          entity: { type: change.entity_type, id: change.entity_id },
          data: change.op === 'delete' ? null : await bodies.get(key)!,
          seq: Number(change.seq),
        };
        const inserted = rowsOf(
          await tx.execute(sql`
            INSERT INTO webhook_deliveries (organisation_id, id, webhook_id, event, change_seq, payload, next_attempt_at)
            VALUES (${organisationId}::uuid, ${id}::uuid, ${hook.id}::uuid, ${event}, ${Number(change.seq)}, ${JSON.stringify(payload)}::jsonb, now())
            ON CONFLICT (organisation_id, webhook_id, change_seq) WHERE change_seq IS NOT NULL DO NOTHING
            RETURNING 1`),
        );
        made += inserted.length;
      }
      const reached = changes.length === 500 ? Number(changes.at(-1)!.seq) : newest;
      if (reached > cursor) await tx.execute(sql`UPDATE webhooks SET cursor_seq = ${reached} WHERE id = ${hook.id}::uuid`);
    }
    return made;
  });
}

/** The organisations with a webhook that is on (a system read, across organisations). */
export async function organisationsWithWebhooks(db: Database): Promise<string[]> {
  return [...(await changesFollowed(db)).keys()];
}

/**
 * What the webhooks that are on follow, per organisation: its changes as `table.op` (a system
 * read, across organisations, one statement). An organisation without a webhook that is on is not
 * in it.
 */
export async function changesFollowed(db: Database): Promise<Map<string, Set<string>>> {
  const rows = rowsOf<{ id: string; events: string[] }>(
    await db.execute(sql`SELECT organisation_id::text AS id, events FROM webhooks WHERE enabled AND deleted_at IS NULL`),
  );
  const followed = new Map<string, Set<string>>();
  for (const row of rows) {
    let kinds = followed.get(row.id);
    if (!kinds) followed.set(row.id, (kinds = new Set()));
    for (const kind of changeKinds(row.events)) kinds.add(kind);
  }
  return followed;
}

interface Claimed {
  organisation_id: string;
  id: string;
  webhook_id: string;
  event: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

export interface DeliveryOutcome {
  id: string;
  event: string;
  attempts: number;
  status: number | null;
  ok: boolean;
  error: string | null;
}

export interface DeliverOptions {
  /** The clock: a test passes a later one instead of waiting for a retry. */
  now?: Date;
  limit?: number;
  timeoutMs?: number;
}

/**
 * Sends the deliveries that are due, at most `limit`. Each is claimed first in its own short
 * transaction (`FOR UPDATE SKIP LOCKED`, and its next attempt moved a minute on), so several
 * workers or instances never send one delivery at the same time; the POST runs outside any
 * transaction; its outcome is recorded after. A 2xx answer delivers; anything else (status,
 * timeout, refused connection) schedules a retry with exponential backoff, until MAX_ATTEMPTS.
 * A system job: it runs on the connection's own user, across organisations, like the lease sweep.
 */
export async function deliverDue(db: Database, { now, limit = 10, timeoutMs = DELIVERY_TIMEOUT_MS }: DeliverOptions = {}): Promise<DeliveryOutcome[]> {
  const at = now ?? new Date();
  const claimed = await db.transaction(async (tx) =>
    rowsOf<Claimed>(
      await tx.execute(sql`
        WITH due AS (
          SELECT d.organisation_id, d.id FROM webhook_deliveries d
            JOIN webhooks w ON w.organisation_id = d.organisation_id AND w.id = d.webhook_id
           WHERE d.next_attempt_at <= ${at.toISOString()}::timestamptz AND w.enabled AND w.deleted_at IS NULL
           ORDER BY d.next_attempt_at LIMIT ${limit}
           FOR UPDATE OF d SKIP LOCKED)
        UPDATE webhook_deliveries d
           SET attempts = d.attempts + 1, last_attempt_at = ${at.toISOString()}::timestamptz,
               next_attempt_at = ${at.toISOString()}::timestamptz + ${`${CLAIM_MS} milliseconds`}::interval
          FROM due, webhooks w
         WHERE d.organisation_id = due.organisation_id AND d.id = due.id AND w.organisation_id = d.organisation_id AND w.id = d.webhook_id
        RETURNING d.organisation_id::text AS organisation_id, d.id::text AS id, d.webhook_id::text AS webhook_id, d.event,
                  d.payload::text AS body, d.attempts, w.url, w.secret`),
    ),
  );
  return Promise.all(claimed.map((delivery) => send(db, delivery, at, timeoutMs)));
}

async function send(db: Database, delivery: Claimed, at: Date, timeoutMs: number): Promise<DeliveryOutcome> {
  let status: number | null = null;
  let error: string | null = null;
  let excerpt: string | null = null;
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Gantry-Webhooks/1',
        'gantry-event': delivery.event,
        'gantry-delivery': delivery.id,
        [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(delivery.secret, Math.floor(at.getTime() / 1000), delivery.body),
      },
      body: delivery.body,
    });
    status = response.status;
    excerpt = await readExcerpt(response);
    if (status < 200 || status > 299) error = status >= 300 && status < 400 ? `Answered ${status} (Gantry does not follow redirects)` : `Answered ${status}`;
  } catch (thrown) {
    error = describeFailure(thrown, timeoutMs);
  }
  const ok = error === null;
  const attempts = Number(delivery.attempts);
  const gaveUp = !ok && attempts >= MAX_ATTEMPTS;
  const next = ok || gaveUp ? null : new Date(at.getTime() + backoffMs(attempts)).toISOString();
  await db.execute(sql`
    UPDATE webhook_deliveries
       SET last_status = ${status}, last_error = ${error && error.slice(0, EXCERPT)}, response_excerpt = ${excerpt},
           delivered_at = ${ok ? at.toISOString() : null}::timestamptz,
           failed_at = ${gaveUp ? at.toISOString() : null}::timestamptz,
           next_attempt_at = ${next}::timestamptz
     WHERE organisation_id = ${delivery.organisation_id}::uuid AND id = ${delivery.id}::uuid AND attempts = ${attempts}`);
  return { id: delivery.id, event: delivery.event, attempts, status, ok, error };
}

/** The first EXCERPT characters of the answer's body; the rest is not read. */
async function readExcerpt(response: Response): Promise<string | null> {
  if (!response.body) return null;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < EXCERPT) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // A body cut short still leaves what arrived.
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  return text ? text.slice(0, EXCERPT) : null;
}

function describeFailure(thrown: unknown, timeoutMs: number): string {
  if (thrown instanceof Error && (thrown.name === 'TimeoutError' || thrown.name === 'AbortError')) return `No answer within ${timeoutMs / 1000} s`;
  // fetch wraps the reason (a refused connection, an unknown host) in its cause, sometimes in an AggregateError.
  const first: unknown = thrown instanceof Error ? thrown.cause : undefined;
  let cause = first;
  for (let depth = 0; cause && depth < 4; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return `Could not connect (${code})`;
    cause = (cause as { errors?: unknown[] }).errors?.[0] ?? (cause as { cause?: unknown }).cause;
  }
  const reason = first instanceof Error ? first.message : thrown instanceof Error ? thrown.message : String(thrown);
  return `Could not send: ${reason}`;
}

/** Forgets finished deliveries older than the retention; one instance at a time. */
export async function pruneDeliveries(db: Database, { now }: { now?: Date } = {}): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [lock] = rowsOf<{ locked: boolean }>(
      await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtextextended('gantry.webhook_deliveries_prune', 0)) AS locked`),
    );
    if (!lock?.locked) return null;
    const removed = rowsOf(
      await tx.execute(sql`
        DELETE FROM webhook_deliveries
         WHERE next_attempt_at IS NULL AND created_at < coalesce(${now?.toISOString() ?? null}::timestamptz, now()) - ${DELIVERY_RETENTION}::interval
        RETURNING 1`),
    );
    return removed.length;
  });
}
