import { sql } from 'drizzle-orm';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

import { organisations } from './organisations';

/** Timestamps are timestamptz in UTC; the seeds' TEXT datetimes were SQLite's, not a requirement. */
export const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' });

export const createdAt = () => timestamptz().notNull().defaultNow();
export const updatedAt = () => timestamptz().notNull().defaultNow();
/** Soft delete (seed 002): live rows have deleted_at NULL; partial indexes cover live rows only. */
export const deletedAt = () => timestamptz();

/** Every tenant-owned row names its organisation, so that row-level security can isolate it. */
export const organisationId = () =>
  uuid()
    .notNull()
    .references(() => organisations.id, { onDelete: 'restrict' });

/**
 * The columns seed 003's audit helper adds to every AUDIT_TABLES member. Gantry keeps
 * created_at/updated_at NOT NULL DEFAULT now() (instead of the `<t>_audit_insert` trigger that
 * filled blanks) and a `<t>_updated_at` trigger (set_updated_at).
 */
export const auditColumns = () => ({
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  createdBy: text(),
  updatedBy: text(),
  deletedAt: deletedAt(),
  deletedBy: text(),
  deletionReason: text(),
});

export const isLive = sql`deleted_at IS NULL`;
