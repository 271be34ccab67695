import 'server-only';

import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { deploymentEvents, terminology } from '../db/schema';
import { ActionError } from '../procedure/result';
import { resolveActors } from '../organisations/actors';

export type GateStatus = 'BLOCKED' | 'PENDING' | 'READY';

export interface GateClaim {
  id: string;
  text: string;
  page: string;
  type: 'quantitative' | 'qualitative';
  testFunction: string | null;
  testStatus: 'pending' | 'pass' | 'fail' | 'stale';
  lastVerifiedAt: Date | null;
  /** 'release', 'product' or 'organisation': which scope the claim belongs to. */
  scope: 'release' | 'product' | 'organisation';
}

export interface DeployGateView {
  /** Gated targets a deploy of this release meets, with the gate's status for it (v_release_deploy_gates). */
  targets: { target: string; label: string; status: GateStatus; failedClaims: string | null; pendingClaims: string | null }[];
  /** The gate declarations that apply (v_can_deploy), with their status over all their claims. */
  declarations: { target: string; scope: string; status: GateStatus; failedClaims: string | null; pendingClaims: string | null }[];
  /** Every live claim a deploy of this release answers to. */
  claims: GateClaim[];
  /** v_deploy_blockers within that scope: failing or stale claims, oldest verification first. */
  blockers: string[];
  /** v_claims_needing_tests within that scope. */
  needingTests: string[];
  deployments: { id: number; target: string; version: string; status: string; triggeredBy: string; createdAt: Date; completedAt: Date | null }[];
  targetOptions: { key: string; label: string }[];
  /** The version a deploy of this release names by default ('0.2.0' for 'v0.2.0'). */
  defaultVersion: string;
}

const asDate = (value: unknown): Date | null => (value === null || value === undefined ? null : new Date(value as string));

/** The claims, gates and deploys of one release. */
export async function getDeployGate(
  tx: Database,
  { organisationId, releaseId, productId, version }: { organisationId: string; releaseId: string; productId: string; version: string },
): Promise<DeployGateView> {
  // Claims in the scope of a deploy of this release: the organisation's, the product's, the release's.
  const scope = sql`(product_id IS NULL OR product_id = ${productId}) AND (release_id IS NULL OR release_id = ${releaseId})`;
  const [targets, declarations, claims, blockers, needingTests, deployments, targetOptions] = await Promise.all([
    tx.execute(sql`SELECT target, status, failed_claims, pending_claims FROM v_release_deploy_gates
                    WHERE organisation_id = ${organisationId} AND release_id = ${releaseId} ORDER BY target`),
    tx.execute(sql`SELECT target, product_id, release_id, status, failed_claims, pending_claims FROM v_can_deploy
                    WHERE organisation_id = ${organisationId} AND ${scope}`),
    tx.execute(sql`SELECT id, claim_text, page, claim_type, test_function, test_status, last_verified_at, product_id, release_id
                     FROM deploy_gate_claims(${organisationId}::uuid, ${productId}, ${releaseId})
                    ORDER BY CASE test_status WHEN 'fail' THEN 0 WHEN 'pending' THEN 1 WHEN 'stale' THEN 2 ELSE 3 END, id`),
    tx.execute(sql`SELECT id FROM v_deploy_blockers WHERE organisation_id = ${organisationId} AND ${scope}`),
    tx.execute(sql`SELECT id FROM v_claims_needing_tests WHERE organisation_id = ${organisationId} AND ${scope}`),
    tx
      .select()
      .from(deploymentEvents)
      .where(and(eq(deploymentEvents.organisationId, organisationId), eq(deploymentEvents.releaseId, releaseId)))
      .orderBy(desc(deploymentEvents.createdAt), desc(deploymentEvents.id))
      .limit(50),
    tx
      .select({ key: terminology.internalKey, label: terminology.displayName })
      .from(terminology)
      .where(and(eq(terminology.domain, 'deploy_target'), isNull(terminology.deletedAt)))
      .orderBy(asc(terminology.sortOrder)),
  ]);
  const labels = new Map(targetOptions.map((t) => [t.key, t.label]));
  const actorName = await resolveActors(
    tx,
    deployments.map((d) => d.triggeredBy),
  );

  type GateRow = { target: string; status: GateStatus; failed_claims: string | null; pending_claims: string | null };
  return {
    targets: rowsOf<GateRow>(targets).map((r) => ({
      target: r.target,
      label: labels.get(r.target) ?? r.target,
      status: r.status,
      failedClaims: r.failed_claims,
      pendingClaims: r.pending_claims,
    })),
    declarations: rowsOf<GateRow & { product_id: string | null; release_id: string | null }>(declarations).map((r) => ({
      target: r.target,
      scope: r.release_id ? `release ${r.release_id}` : r.product_id ? `product ${r.product_id}` : 'whole organisation',
      status: r.status,
      failedClaims: r.failed_claims,
      pendingClaims: r.pending_claims,
    })),
    claims: rowsOf<Record<string, string | null>>(claims).map((r) => ({
      id: r.id!,
      text: r.claim_text!,
      page: r.page!,
      type: r.claim_type as GateClaim['type'],
      testFunction: r.test_function ?? null,
      testStatus: r.test_status as GateClaim['testStatus'],
      lastVerifiedAt: asDate(r.last_verified_at),
      scope: r.release_id ? 'release' : r.product_id ? 'product' : 'organisation',
    })),
    blockers: rowsOf<{ id: string }>(blockers).map((r) => r.id),
    needingTests: rowsOf<{ id: string }>(needingTests).map((r) => r.id),
    deployments: deployments.map((d) => ({
      id: d.id,
      target: d.target,
      version: d.version,
      status: d.status,
      triggeredBy: actorName(d.triggeredBy),
      createdAt: d.createdAt,
      completedAt: d.completedAt,
    })),
    targetOptions,
    defaultVersion: version.replace(/^[vV]/, ''),
  };
}

export const requestDeploymentInput = z.object({
  releaseId: z.string({ error: 'Choose a release' }).trim().min(1, { message: 'Choose a release' }).max(200, { message: 'Choose a release' }),
  target: z.string({ error: 'Choose where to deploy' }).trim().min(1, { message: 'Choose where to deploy' }).max(200, { message: 'Choose where to deploy' }),
  version: z
    .string({ error: 'Name the version to deploy' })
    .trim()
    .min(1, { message: 'Name the version to deploy' })
    .max(100, { message: 'Use at most 100 characters' }),
});

/**
 * Records a deploy of a release to a target (a deployment event, status pending). The database
 * decides whether the gate lets it through (enforce_deploy_gate): while a claim of its scope
 * fails (POLICY-001) or a quantitative one is pending (POLICY-002), it refuses, and nothing is
 * written. The refusal is turned into a sentence that names the policy and the claims.
 */
export async function requestDeployment(
  tx: Database,
  { organisationId, triggeredBy, releaseId, target, version }: z.output<typeof requestDeploymentInput> & { organisationId: string; triggeredBy: string },
) {
  try {
    // A savepoint, so that the refusal leaves the caller's transaction usable.
    const [row] = await tx.transaction((sp) =>
      sp
        .insert(deploymentEvents)
        .values({ organisationId, releaseId, target, version, triggeredBy, status: 'pending' })
        .returning({ id: deploymentEvents.id, target: deploymentEvents.target, version: deploymentEvents.version, status: deploymentEvents.status }),
    );
    return row!;
  } catch (error) {
    throw describeDeployRefusal(error, target);
  }
}

function describeDeployRefusal(error: unknown, target: string): unknown {
  const { code, message } = pgErrorOf(error);
  const policy = /^(POLICY-00[12]): .*?(?:Failing|Pending) claims: (.+)$/.exec(message);
  if (code === '23514' && policy) {
    const [, id, claims] = policy;
    return id === 'POLICY-001'
      ? new ActionError(
          'conflict',
          `POLICY-001: the deploy to ${target} was refused because a claim fails (${claims}). Fix the claim or its test, verify it again, then deploy.`,
        )
      : new ActionError(
          'conflict',
          `POLICY-002: the deploy to ${target} was refused because a quantitative claim has not been tested yet (${claims}). Run its test, then deploy.`,
        );
  }
  if (code === '23514' && message.startsWith('TERMINOLOGY')) {
    return new ActionError('invalid_input', `“${target}” is not a deploy target of this organisation.`, { target: 'Choose one of the deploy targets' });
  }
  if (code === '23503')
    return new ActionError('not_found', 'There is no such release in this organisation.', { releaseId: 'Choose a release of this organisation' });
  return error;
}
