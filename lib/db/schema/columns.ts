import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

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

export const isLive = sql`deleted_at IS NULL`;
