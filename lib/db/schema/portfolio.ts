import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, text, uniqueIndex } from 'drizzle-orm/pg-core';

import { isLive, softDeleteTimestamps, tenantForeignKey, tenantPrimaryKey, tenantTextTable, timestamptz } from './columns';
import { searchIndex } from './search';

/**
 * Seed 000 (program management) and seed 001 (Foreman) both define programs; this one table
 * holds the union of their columns and rules. Seed ids stay human-readable text ('motus-cli'),
 * unique within an organisation: every key is (organisation_id, id), and every foreign key
 * carries organisation_id too, so no row can point into another organisation.
 */
export const programs = tenantTextTable(
  'programs',
  {
    name: text().notNull(),
    description: text(),
    typeKey: text().notNull().default('software'),
    statusKey: text().notNull().default('active'),
    owner: text(),
    // Seed 001 (Foreman) columns.
    objectives: jsonb().$type<string[]>().notNull().default([]),
    state: text().notNull().default('planned'),
    progressPercentage: integer().notNull().default(0),
    evidenceLocation: text(),
    createdBy: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('programs_pkey', t.id),
    searchIndex('programs'),
    uniqueIndex('programs_name_live_key').on(t.organisationId, t.name).where(isLive),
    index('programs_state_live_idx').on(t.organisationId, t.state).where(isLive),
    check('programs_state_check', sql`${t.state} IN ('planned', 'in-progress', 'blocked', 'completed', 'failed')`),
    check('programs_progress_percentage_check', sql`${t.progressPercentage} BETWEEN 0 AND 100`),
    check('programs_objectives_is_array', sql`jsonb_typeof(${t.objectives}) = 'array'`),
  ],
);

export const products = tenantTextTable(
  'products',
  {
    programId: text().notNull(),
    name: text().notNull(),
    description: text(),
    statusKey: text().notNull().default('active'),
    version: text().notNull().default('0.0.0'),
    repositoryUrl: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('products_pkey', t.id),
    searchIndex('products'),
    tenantForeignKey('products_program_fk', [t.programId], [programs.id]),
    index('products_program_live_idx').on(t.organisationId, t.programId).where(isLive),
  ],
);

export const features = tenantTextTable(
  'features',
  {
    productId: text().notNull(),
    name: text().notNull(),
    description: text(),
    statusKey: text().notNull().default('planned'),
    version: text(),
    introducedIn: text(),
    deprecatedIn: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('features_pkey', t.id),
    searchIndex('features'),
    tenantForeignKey('features_product_fk', [t.productId], [products.id]),
    index('features_product_live_idx').on(t.organisationId, t.productId).where(isLive),
  ],
);

export const releases = tenantTextTable(
  'releases',
  {
    productId: text().notNull(),
    typeKey: text().notNull().default('version'),
    name: text().notNull(),
    description: text(),
    statusKey: text().notNull().default('pending'),
    targetDate: date({ mode: 'string' }),
    publishedAt: timestamptz(),
    externalUrl: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('releases_pkey', t.id),
    searchIndex('releases'),
    tenantForeignKey('releases_product_fk', [t.productId], [products.id]),
    index('releases_product_live_idx').on(t.organisationId, t.productId).where(isLive),
    index('releases_target_date_live_idx').on(t.organisationId, t.targetDate).where(isLive),
  ],
);

export type Program = typeof programs.$inferSelect;
export type Product = typeof products.$inferSelect;
export type Feature = typeof features.$inferSelect;
export type Release = typeof releases.$inferSelect;
