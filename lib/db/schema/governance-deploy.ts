import { sql } from 'drizzle-orm';
import { check, index, text, uniqueIndex } from 'drizzle-orm/pg-core';

import { createdAt, isLive, softDeleteTimestamps, tenantForeignKey, tenantIdentityTable, tenantPrimaryKey, tenantTextTable, timestamptz } from './columns';
import { products, releases } from './portfolio';

/**
 * Seed 003's claims: statements a site or package makes ("claims resolve in under 5 ms"), each
 * backed by a test. A claim may belong to a product and/or a release (the release's product is
 * filled in by claims_release_product); a claim with neither belongs to the whole organisation.
 */
export const claims = tenantTextTable(
  'claims',
  {
    claimText: text().notNull(),
    page: text().notNull(),
    claimType: text().notNull(),
    testFile: text(),
    testFunction: text(),
    testStatus: text().notNull().default('pending'),
    lastVerifiedAt: timestamptz(),
    productId: text(),
    releaseId: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantPrimaryKey('claims_pkey', t.id),
    tenantForeignKey('claims_product_fk', [t.productId], [products.id]),
    tenantForeignKey('claims_release_fk', [t.releaseId], [releases.id]),
    check('claims_claim_text_check', sql`char_length(${t.claimText}) >= 5`),
    check('claims_claim_type_check', sql`${t.claimType} IN ('quantitative', 'qualitative')`),
    check('claims_test_status_check', sql`${t.testStatus} IN ('pending', 'pass', 'fail', 'stale')`),
    check('claims_quantitative_test_check', sql`${t.claimType} <> 'quantitative' OR ${t.testFunction} IS NOT NULL`),
    index('claims_status_live_idx').on(t.organisationId, t.testStatus).where(isLive),
    index('claims_product_live_idx').on(t.organisationId, t.productId).where(isLive),
    index('claims_release_live_idx').on(t.organisationId, t.releaseId).where(isLive),
  ],
);

/**
 * Gantry's generalisation of the seed's fixed gated target `website`: a declaration that
 * deploys to `target` are gated by claims, for the whole organisation (product_id and
 * release_id NULL), for one product, or for one release. Soft-deleting a row lifts the gate.
 */
export const deployGates = tenantIdentityTable(
  'deploy_gates',
  {
    target: text().notNull(),
    productId: text(),
    releaseId: text(),
    createdBy: text(),
    ...softDeleteTimestamps(),
  },
  (t) => [
    tenantForeignKey('deploy_gates_product_fk', [t.productId], [products.id]),
    tenantForeignKey('deploy_gates_release_fk', [t.releaseId], [releases.id]),
    // One live declaration per scope and target (NULL scopes compare equal).
    uniqueIndex('deploy_gates_scope_live_key')
      .on(t.organisationId, t.target, sql`coalesce(product_id, '')`, sql`coalesce(release_id, '')`)
      .where(isLive),
  ],
);

/** Seed 003's deploy events; enforce_deploy_gate refuses a gated deploy while claims fail. */
export const deploymentEvents = tenantIdentityTable(
  'deployment_events',
  {
    target: text().notNull(),
    version: text().notNull(),
    status: text().notNull().default('pending'),
    triggeredBy: text(),
    productId: text(),
    releaseId: text(),
    createdAt: createdAt(),
    completedAt: timestamptz(),
  },
  (t) => [
    tenantForeignKey('deployment_events_product_fk', [t.productId], [products.id]),
    tenantForeignKey('deployment_events_release_fk', [t.releaseId], [releases.id]),
    check('deployment_events_status_check', sql`${t.status} IN ('pending', 'in_progress', 'success', 'failed', 'blocked')`),
    index('deployment_events_created_idx').on(t.organisationId, t.createdAt.desc()),
    index('deployment_events_product_idx').on(t.organisationId, t.productId, t.createdAt.desc()),
    index('deployment_events_release_idx').on(t.organisationId, t.releaseId, t.createdAt.desc()),
  ],
);

export type Claim = typeof claims.$inferSelect;
export type DeployGate = typeof deployGates.$inferSelect;
export type DeploymentEvent = typeof deploymentEvents.$inferSelect;
