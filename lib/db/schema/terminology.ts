import { bigint, index, integer, pgTable, text, timestamp, unique } from 'drizzle-orm/pg-core';

import { auditColumns, isLive } from './columns';

/**
 * The canonical dictionary of status and type keys (seed 003, system tables). Global, not
 * tenant-owned: its keys are part of the schema's contract (triggers test for 'completed',
 * 'blocks', ...). Tables name a key in a `*_key` column; the trigger enforce_terminology_keys
 * refuses a key that is not in the column's domain.
 */
export const terminology = pgTable(
  'terminology',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    domain: text().notNull(),
    internalKey: text().notNull(),
    displayName: text().notNull(),
    description: text(),
    sortOrder: integer().notNull().default(0),
    deprecatedAt: timestamp({ withTimezone: true }),
    replacedBy: text(),
    ...auditColumns(),
  },
  (t) => [
    unique('terminology_domain_internal_key_key').on(t.domain, t.internalKey),
    index('terminology_domain_sort_idx').on(t.domain, t.sortOrder).where(isLive),
  ],
);

export type TerminologyEntry = typeof terminology.$inferSelect;
