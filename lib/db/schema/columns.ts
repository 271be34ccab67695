import { getTableColumns, sql, type BuildExtraConfigColumns } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  foreignKey,
  type PgColumnBuilderBase,
  pgTable,
  type PgTable,
  type PgTableExtraConfigValue,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

import { organisations } from './organisations';

/** Timestamps are timestamptz in UTC; the seeds' TEXT datetimes were SQLite's, not a requirement. */
export const timestamptz = () => timestamp({ withTimezone: true, mode: 'date' });

export const createdAt = () => timestamptz().notNull().defaultNow();
export const updatedAt = () => timestamptz().notNull().defaultNow();
/** Soft delete (seed 002): live rows have deleted_at NULL; partial indexes cover live rows only. */
export const deletedAt = () => timestamptz();

/** created_at and updated_at, as most tables carry them (updated_at kept by a set_updated_at trigger). */
export const timestamps = () => ({ createdAt: createdAt(), updatedAt: updatedAt() });
/** created_at, updated_at and deleted_at: the columns of a soft-deleted table. */
export const softDeleteTimestamps = () => ({ ...timestamps(), deletedAt: deletedAt() });

/** Every tenant-owned row names its organisation, so that row-level security can isolate it. */
export const organisationId = () =>
  uuid()
    .notNull()
    .references(() => organisations.id, { onDelete: 'restrict' });

/**
 * The first columns of a tenant table keyed by `id`: its organisation, and an id unique within it,
 * a uuid the database draws (tenantUuidIdColumns) or a text id the caller gives, e.g. 'motus-cli'
 * (tenantTextIdColumns). The key itself is tenantPrimaryKey(name, t.id).
 */
export const tenantUuidIdColumns = () => ({ organisationId: organisationId(), id: uuid().notNull().defaultRandom() });
export const tenantTextIdColumns = () => ({ organisationId: organisationId(), id: text().notNull() });

type ExtraConfig<TName extends string, TColumns extends Record<string, PgColumnBuilderBase>> = (
  self: BuildExtraConfigColumns<TName, TColumns, 'pg'>,
) => PgTableExtraConfigValue[];

/** pgTable whose first columns are always `lead()`'s, then the table's own. */
function tableLedBy<TLead extends Record<string, PgColumnBuilderBase>>(lead: () => TLead) {
  return <TName extends string, TColumns extends Record<string, PgColumnBuilderBase>>(
    name: TName,
    columns: TColumns,
    extraConfig?: ExtraConfig<TName, TLead & TColumns>,
  ) => pgTable<TName, TLead & TColumns>(name, { ...lead(), ...columns }, extraConfig);
}

/**
 * A tenant table: organisation_id first, then `columns`. With an id unique within the
 * organisation, a uuid the database draws (tenantUuidTable) or a text id the caller gives
 * (tenantTextTable); its key is still declared by the table, tenantPrimaryKey(name, t.id).
 */
export const tenantTable = tableLedBy(() => ({ organisationId: organisationId() }));
export const tenantUuidTable = tableLedBy(tenantUuidIdColumns);
export const tenantTextTable = tableLedBy(tenantTextIdColumns);
/** A tenant table keyed by an identity the database counts (seed 003's INTEGER PRIMARY KEY AUTOINCREMENT), then organisation_id. */
export const tenantIdentityTable = tableLedBy(() => ({
  id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  organisationId: organisationId(),
}));

/**
 * The columns seed 003's audit helper adds to every AUDIT_TABLES member. Gantry keeps
 * created_at/updated_at NOT NULL DEFAULT now() (instead of the `<t>_audit_insert` trigger that
 * filled blanks) and a `<t>_updated_at` trigger (set_updated_at).
 */
export const auditColumns = () => ({
  ...timestamps(),
  createdBy: text(),
  updatedBy: text(),
  deletedAt: deletedAt(),
  deletedBy: text(),
  deletionReason: text(),
});

export const isLive = sql`deleted_at IS NULL`;

/** The organisation_id column of the table that `column` belongs to; every tenant table has one. */
function organisationColumnOf(column: AnyPgColumn): AnyPgColumn {
  const organisation = getTableColumns(column.table as PgTable).organisationId;
  if (!organisation) throw new Error(`${column.name}: its table has no organisation_id, so it is not a tenant table`);
  return organisation;
}

/**
 * A tenant table's primary key: (organisation_id, ...columns). Ids are unique within an
 * organisation, so every key starts with the organisation.
 */
export function tenantPrimaryKey(name: string, ...columns: [AnyPgColumn, ...AnyPgColumn[]]) {
  return primaryKey({ name, columns: [organisationColumnOf(columns[0]), ...columns] });
}

/**
 * A foreign key between two tenant tables: (organisation_id, ...columns) references
 * (organisation_id, ...foreignColumns), so that a row can only point into its own organisation.
 * ON DELETE RESTRICT: rows are soft-deleted, never removed from under a reference.
 */
export function tenantForeignKey(name: string, columns: [AnyPgColumn, ...AnyPgColumn[]], foreignColumns: [AnyPgColumn, ...AnyPgColumn[]]) {
  return foreignKey({
    name,
    columns: [organisationColumnOf(columns[0]), ...columns],
    foreignColumns: [organisationColumnOf(foreignColumns[0]), ...foreignColumns],
  }).onDelete('restrict');
}
