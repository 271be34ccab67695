import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { ActionError } from '../procedure/result';
import { INBOX_KINDS, type InboxEntry, type InboxKind, type InboxView } from './kinds';

/** The most entries one read returns, newest first. */
export const INBOX_PAGE = 200;

/**
 * Whose inbox a caller reads: a member's own, or the member a personal token acts as. A builder's
 * token has no inbox (nothing here is addressed to a builder).
 */
export function inboxOwnerOf(caller: OrganisationCaller): string {
  if (caller.kind === 'token' && caller.builderId !== null) {
    throw new ActionError('forbidden', 'A builder’s token has no inbox; use a member’s personal token or sign in.');
  }
  return caller.userId as string;
}

interface EntryRow {
  entry_key: string;
  kind: InboxKind;
  link_kind: InboxEntry['link']['kind'];
  link_id: string;
  title: string | null;
  detail: string | null;
  occurred_at: Date | string;
  read_at: Date | string | null;
}

/**
 * One person's inbox: what needs them (the view v_inbox_entries, the one place that decides),
 * newest first, each with whether they marked it read, and the unread count.
 */
export async function getInbox(
  tx: Database,
  { organisationId, userId, limit = INBOX_PAGE }: { organisationId: string; userId: string; limit?: number },
): Promise<InboxView> {
  const rows = rowsOf<EntryRow & { unread_total: number; total: number }>(
    await tx.execute(sql`
      SELECT entry_key, kind, link_kind, link_id, title, detail, occurred_at, read_at,
             (count(*) FILTER (WHERE read_at IS NULL) OVER ())::int AS unread_total, (count(*) OVER ())::int AS total
      FROM v_inbox_entries
      WHERE organisation_id = ${organisationId} AND user_id = ${userId}
      ORDER BY (read_at IS NULL) DESC, occurred_at DESC, entry_key
      LIMIT ${limit}`),
  );
  const entries = rows.filter((row) => (INBOX_KINDS as readonly string[]).includes(row.kind)).map(toEntry);
  return { entries, unread: rows[0]?.unread_total ?? 0, truncated: (rows[0]?.total ?? 0) > rows.length };
}

/**
 * The header's number: unread entries of one person's inbox (v_inbox_entries), counted by
 * inbox_unread_count (migration 0048), which keeps its plan: every page asks for it.
 */
export async function countUnread(tx: Database, { organisationId, userId }: { organisationId: string; userId: string }): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT inbox_unread_count(${organisationId}::uuid, ${userId}) AS n`));
  return row?.n ?? 0;
}

function toEntry(row: EntryRow): InboxEntry {
  return {
    key: row.entry_key,
    kind: row.kind,
    link: { kind: row.link_kind, id: row.link_id },
    title: row.title ?? row.link_id,
    detail: row.detail ?? '',
    occurredAt: new Date(row.occurred_at).toISOString(),
    read: row.read_at !== null,
  };
}

export const entryKey = z
  .string({ error: 'Name the entry to mark' })
  .trim()
  .min(1, { message: 'Name the entry to mark' })
  .max(300, { message: 'An entry key has at most 300 characters' });

export const markInboxReadInput = z.object({ key: entryKey });
export const markAllInboxReadInput = z.object({}).strict();

/**
 * Marks one entry of the caller's own inbox read. Only a key that is in their inbox now can be
 * marked (a made-up key is refused), and marking it twice is harmless.
 */
export async function markInboxRead(tx: Database, { caller, input }: { caller: OrganisationCaller; input: z.output<typeof markInboxReadInput> }) {
  const userId = inboxOwnerOf(caller);
  const rows = rowsOf<{ entry_key: string }>(
    await tx.execute(sql`
      INSERT INTO inbox_reads (organisation_id, user_id, entry_key)
      SELECT organisation_id, user_id, entry_key FROM v_inbox_entries
      WHERE organisation_id = ${caller.organisationId} AND user_id = ${userId} AND entry_key = ${input.key}
      ON CONFLICT (organisation_id, user_id, entry_key) DO NOTHING
      RETURNING entry_key`),
  );
  if (rows.length === 0) {
    const [present] = rowsOf<{ read: boolean }>(
      await tx.execute(sql`
        SELECT read_at IS NOT NULL AS read FROM v_inbox_entries
        WHERE organisation_id = ${caller.organisationId} AND user_id = ${userId} AND entry_key = ${input.key}`),
    );
    if (!present) throw new ActionError('not_found', 'That entry is no longer in your inbox; reload to see what is.');
  }
  return { unread: await countUnread(tx, { organisationId: caller.organisationId, userId }) };
}

/** Marks every entry now in the caller's inbox read. */
export async function markAllInboxRead(tx: Database, { caller }: { caller: OrganisationCaller }) {
  const userId = inboxOwnerOf(caller);
  const rows = rowsOf<{ entry_key: string }>(
    await tx.execute(sql`
      INSERT INTO inbox_reads (organisation_id, user_id, entry_key)
      SELECT organisation_id, user_id, entry_key FROM v_inbox_entries
      WHERE organisation_id = ${caller.organisationId} AND user_id = ${userId} AND read_at IS NULL
      ON CONFLICT (organisation_id, user_id, entry_key) DO NOTHING
      RETURNING entry_key`),
  );
  return { marked: rows.length, unread: await countUnread(tx, { organisationId: caller.organisationId, userId }) };
}
