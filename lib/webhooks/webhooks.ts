import 'server-only';

import { randomBytes, randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { ActionError } from '../procedure/result';
import { PING_EVENT, WEBHOOK_EVENT_NAMES, type WebhookEvent } from './events';
import { currentOrganisation, type WebhookPayload } from './payload';

const name = z
  .string({ error: 'Name the webhook, e.g. where it goes' })
  .trim()
  .min(1, { message: 'Name the webhook, e.g. where it goes' })
  .max(100, { message: 'Use at most 100 characters' });

const url = z
  .string({ error: 'Give the URL Gantry posts to' })
  .trim()
  .min(1, { message: 'Give the URL Gantry posts to' })
  .max(2000, { message: 'Use at most 2,000 characters' })
  .refine(
    (value) => {
      try {
        const parsed = new URL(value);
        return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '' && !parsed.username && !parsed.password;
      } catch {
        return false;
      }
    },
    { message: 'Use an http:// or https:// URL (no user name or password in it)' },
  );

const events = z
  .array(z.enum(WEBHOOK_EVENT_NAMES as [WebhookEvent, ...WebhookEvent[]], { message: 'Choose events from the list' }), {
    error: 'Choose at least one event',
  })
  .min(1, { message: 'Choose at least one event' })
  .max(WEBHOOK_EVENT_NAMES.length)
  .transform((list) => [...new Set(list)]);

const webhookId = z.uuid({ message: 'Choose a webhook' });

export const createWebhookInput = z.object({ name, url, events });
export const updateWebhookInput = z.object({ webhookId, name, url, events });
export const setWebhookEnabledInput = z.object({ webhookId, enabled: z.boolean({ error: 'Say whether the webhook is on' }) });
export const webhookIdInput = z.object({ webhookId });

export interface WebhookSummary {
  id: string;
  name: string;
  url: string;
  events: WebhookEvent[];
  enabled: boolean;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  /** Deliveries waiting for their next attempt. */
  pending: number;
  /** Deliveries given up in the retention window. */
  failed: number;
  lastDelivery: { at: Date; status: number | null; ok: boolean } | null;
}

export interface DeliverySummary {
  id: string;
  webhookId: string;
  event: string;
  entity: string | null;
  attempts: number;
  state: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  responseExcerpt: string | null;
  createdAt: Date;
}

const toDate = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));

/** A new signing secret: `whsec_` and 32 random bytes in hex. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}

/** The organisation's webhooks (not deleted), newest first, with how their deliveries fare. Never the secret. */
export async function listWebhooks(tx: Database): Promise<WebhookSummary[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      SELECT w.id::text AS id, w.name, w.url, w.events, w.enabled, w.created_at, w.updated_at,
             coalesce(c.name, 'a former member') AS created_by, coalesce(u.name, 'a former member') AS updated_by,
             (SELECT count(*)::int FROM webhook_deliveries d WHERE d.organisation_id = w.organisation_id AND d.webhook_id = w.id AND d.next_attempt_at IS NOT NULL) AS pending,
             (SELECT count(*)::int FROM webhook_deliveries d WHERE d.organisation_id = w.organisation_id AND d.webhook_id = w.id AND d.failed_at IS NOT NULL) AS failed,
             last.last_attempt_at AS last_at, last.last_status, last.delivered_at IS NOT NULL AS last_ok
        FROM webhooks w
        LEFT JOIN "user" c ON c.id = w.created_by
        LEFT JOIN "user" u ON u.id = w.updated_by
        LEFT JOIN LATERAL (
          SELECT d.last_attempt_at, d.last_status, d.delivered_at FROM webhook_deliveries d
           WHERE d.organisation_id = w.organisation_id AND d.webhook_id = w.id AND d.last_attempt_at IS NOT NULL
           ORDER BY d.last_attempt_at DESC LIMIT 1) last ON true
       WHERE w.deleted_at IS NULL
       ORDER BY w.created_at DESC`),
  );
  return rows.map((row) => ({
    id: row.id as string,
    name: row.name as string,
    url: row.url as string,
    events: row.events as WebhookEvent[],
    enabled: row.enabled as boolean,
    createdBy: row.created_by as string,
    createdAt: toDate(row.created_at)!,
    updatedBy: row.updated_by as string,
    updatedAt: toDate(row.updated_at)!,
    pending: Number(row.pending),
    failed: Number(row.failed),
    lastDelivery: row.last_at
      ? { at: toDate(row.last_at)!, status: row.last_status === null ? null : Number(row.last_status), ok: Boolean(row.last_ok) }
      : null,
  }));
}

/** The newest deliveries of the organisation's webhooks (of one, if given), at most `limit`. */
export async function listDeliveries(tx: Database, { webhookId, limit = 50 }: { webhookId?: string; limit?: number } = {}): Promise<DeliverySummary[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`
      SELECT id::text AS id, webhook_id::text AS webhook_id, event, payload -> 'entity' ->> 'type' AS entity_type,
             payload -> 'entity' ->> 'id' AS entity_id, attempts, next_attempt_at, last_attempt_at, last_status, last_error,
             response_excerpt, delivered_at, failed_at, created_at
        FROM webhook_deliveries
       WHERE ${webhookId ?? null}::uuid IS NULL OR webhook_id = ${webhookId ?? null}::uuid
       ORDER BY created_at DESC, id LIMIT ${limit}`),
  );
  return rows.map((row) => ({
    id: row.id as string,
    webhookId: row.webhook_id as string,
    event: row.event as string,
    entity: row.entity_type && row.entity_type !== 'webhooks' ? `${row.entity_type as string} ${row.entity_id as string}` : null,
    attempts: Number(row.attempts),
    state: row.delivered_at ? 'delivered' : row.failed_at ? 'failed' : 'pending',
    nextAttemptAt: toDate(row.next_attempt_at),
    lastAttemptAt: toDate(row.last_attempt_at),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: (row.last_error as string | null) ?? null,
    responseExcerpt: (row.response_excerpt as string | null) ?? null,
    createdAt: toDate(row.created_at)!,
  }));
}

/**
 * Makes a webhook. It receives the changes made from now on (cursor at the log's newest number).
 * The secret is answered here once; the settings page never shows it again.
 */
export async function createWebhook(
  tx: Database,
  input: z.output<typeof createWebhookInput> & { organisationId: string; userId: string },
): Promise<{ id: string; name: string; secret: string }> {
  const secret = generateWebhookSecret();
  const [row] = rowsOf<{ id: string; name: string }>(
    await tx.execute(sql`
      INSERT INTO webhooks (organisation_id, name, url, secret, events, cursor_seq, created_by, updated_by)
      VALUES (${input.organisationId}, ${input.name}, ${input.url}, ${secret}, ${`{${input.events.join(',')}}`}::text[],
              (SELECT coalesce(max(seq), 0) FROM change_log), ${input.userId}, ${input.userId})
      RETURNING id::text AS id, name`),
  );
  return { ...row!, secret };
}

async function requireLive(tx: Database, webhookId: string): Promise<{ enabled: boolean; name: string }> {
  const [row] = rowsOf<{ enabled: boolean; name: string }>(
    await tx.execute(sql`SELECT enabled, name FROM webhooks WHERE id = ${webhookId}::uuid AND deleted_at IS NULL FOR UPDATE`),
  );
  if (!row) throw new ActionError('not_found', 'There is no such webhook in this organisation.');
  return row;
}

/** Changes a webhook's name, URL and events; its secret stays. */
export async function updateWebhook(tx: Database, input: z.output<typeof updateWebhookInput> & { userId: string }) {
  await requireLive(tx, input.webhookId);
  await tx.execute(sql`
    UPDATE webhooks SET name = ${input.name}, url = ${input.url}, events = ${`{${input.events.join(',')}}`}::text[], updated_by = ${input.userId}
     WHERE id = ${input.webhookId}::uuid`);
  return { id: input.webhookId, name: input.name };
}

const CANCELLED = (why: string) => sql`UPDATE webhook_deliveries SET next_attempt_at = NULL, failed_at = now(), last_error = ${why}`;

/**
 * Turns a webhook off or on. Off: deliveries waiting for a retry are given up. On again: it
 * receives the changes made from then on, not those made while it was off.
 */
export async function setWebhookEnabled(tx: Database, input: z.output<typeof setWebhookEnabledInput> & { userId: string }) {
  const current = await requireLive(tx, input.webhookId);
  if (current.enabled === input.enabled) {
    throw new ActionError('conflict', input.enabled ? 'This webhook is on already.' : 'This webhook is off already.');
  }
  await tx.execute(sql`
    UPDATE webhooks SET enabled = ${input.enabled}, updated_by = ${input.userId},
           cursor_seq = CASE WHEN ${input.enabled} THEN (SELECT coalesce(max(seq), 0) FROM change_log) ELSE cursor_seq END,
           since = CASE WHEN ${input.enabled} THEN now() ELSE since END
     WHERE id = ${input.webhookId}::uuid`);
  if (!input.enabled) {
    await tx.execute(sql`${CANCELLED('Not sent: the webhook was turned off.')} WHERE webhook_id = ${input.webhookId}::uuid AND next_attempt_at IS NOT NULL`);
  }
  return { id: input.webhookId, name: current.name, enabled: input.enabled };
}

/** Deletes a webhook (soft: the row stays, with who deleted it); waiting deliveries are given up. */
export async function deleteWebhook(tx: Database, input: z.output<typeof webhookIdInput> & { userId: string }) {
  const current = await requireLive(tx, input.webhookId);
  await tx.execute(sql`
    UPDATE webhooks SET deleted_at = now(), deleted_by = ${input.userId}, updated_by = ${input.userId}, enabled = false
     WHERE id = ${input.webhookId}::uuid`);
  await tx.execute(sql`${CANCELLED('Not sent: the webhook was deleted.')} WHERE webhook_id = ${input.webhookId}::uuid AND next_attempt_at IS NOT NULL`);
  return { id: input.webhookId, name: current.name };
}

/** Queues a test delivery (event `ping`) for the worker to send now. */
export async function sendTestWebhook(tx: Database, input: z.output<typeof webhookIdInput> & { userId: string }) {
  const current = await requireLive(tx, input.webhookId);
  if (!current.enabled) throw new ActionError('conflict', 'This webhook is off; turn it on to send a test.');
  const id = randomUUID();
  const payload: WebhookPayload = {
    id,
    event: PING_EVENT,
    occurredAt: new Date().toISOString(),
    organisation: await currentOrganisation(tx),
    entity: { type: 'webhooks', id: input.webhookId },
    data: { message: `A test delivery from Gantry to “${current.name}”.` },
    seq: null,
  };
  await tx.execute(sql`
    INSERT INTO webhook_deliveries (organisation_id, id, webhook_id, event, payload, next_attempt_at)
    VALUES (current_user_org_id(), ${id}::uuid, ${input.webhookId}::uuid, ${PING_EVENT}, ${JSON.stringify(payload)}::jsonb, now())`);
  return { id, webhookId: input.webhookId };
}
