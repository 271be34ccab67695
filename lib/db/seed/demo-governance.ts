import 'server-only';

import { createHash } from 'node:crypto';

import { and, eq, inArray, isNull, sql } from 'drizzle-orm';

import type { Database } from '../connection';
import { charterDocs, claims, complianceResults, deployGates, decisions, deploymentEvents, standardAssignments, standards } from '../schema';
import {
  demoCharterDocs,
  demoClaims,
  demoComplianceResults,
  demoDeployGates,
  demoDeploymentEvents,
  demoReleaseWaivers,
  demoStandardAssignments,
  demoStandards,
} from './demo-governance-data';
import { daysFrom } from './helpers';

/**
 * The demo organisation's standards, compliance results, claims, deploy gates, deployments and
 * charter documents. Idempotent: keyed rows use ON CONFLICT DO NOTHING; append-only and
 * identity-keyed rows (results, gates, deployments) are looked up before they are written, and
 * charter documents too, because inserting an active one retires the current one even when the
 * insert itself is then skipped.
 */
export async function seedDemoGovernance(tx: Database, organisationId: string, today: Date) {
  const inserted = { standards: 0, standardAssignments: 0, complianceResults: 0, claims: 0, deployGates: 0, deploymentEvents: 0, charterDocs: 0, waivers: 0 };

  inserted.standards = (
    await tx
      .insert(standards)
      .values(demoStandards.map((s) => ({ ...s, organisationId })))
      .onConflictDoNothing()
      .returning({ id: standards.id })
  ).length;

  inserted.standardAssignments = (
    await tx
      .insert(standardAssignments)
      .values(demoStandardAssignments.map((a) => ({ ...a, organisationId })))
      .onConflictDoNothing()
      .returning({ id: standardAssignments.id })
  ).length;

  // Compliance results are append-only: write the demo's history once.
  const [anyResult] = await tx
    .select({ id: complianceResults.id })
    .from(complianceResults)
    .where(
      and(
        eq(complianceResults.organisationId, organisationId),
        inArray(
          complianceResults.standardId,
          demoStandards.map((s) => s.id),
        ),
      ),
    )
    .limit(1);
  if (!anyResult) {
    inserted.complianceResults = (
      await tx
        .insert(complianceResults)
        .values(
          demoComplianceResults.map(({ checkedDays, ...r }) => ({
            ...r,
            organisationId,
            checkedAt: daysFrom(today, checkedDays),
          })),
        )
        .returning({ id: complianceResults.id })
    ).length;
  }

  for (const doc of demoCharterDocs) {
    const [existing] = await tx
      .select({ id: charterDocs.id })
      .from(charterDocs)
      .where(and(eq(charterDocs.organisationId, organisationId), eq(charterDocs.id, doc.id)));
    if (existing) continue;
    const { approvedDays, ...values } = doc;
    await tx.insert(charterDocs).values({
      ...values,
      organisationId,
      contentHash: createHash('sha256').update(`${doc.title}\n${doc.version}`).digest('hex'),
      approvedAt: daysFrom(today, approvedDays),
    });
    inserted.charterDocs += 1;
  }

  inserted.claims = (
    await tx
      .insert(claims)
      .values(
        demoClaims.map(({ verifiedDays, ...c }) => ({
          ...c,
          organisationId,
          lastVerifiedAt: verifiedDays === null ? null : daysFrom(today, verifiedDays),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: claims.id })
  ).length;

  for (const gate of demoDeployGates) {
    const [existing] = await tx
      .select({ id: deployGates.id })
      .from(deployGates)
      .where(
        and(
          eq(deployGates.organisationId, organisationId),
          eq(deployGates.target, gate.target),
          eq(deployGates.productId, gate.productId),
          isNull(deployGates.releaseId),
          isNull(deployGates.deletedAt),
        ),
      );
    if (existing) continue;
    await tx.insert(deployGates).values({ ...gate, organisationId, createdBy: 'ben' });
    inserted.deployGates += 1;
  }

  // Written after the gates on purpose: the 0.1.3 upload passes the pypi gate, because the
  // failing lease claim belongs to 0.2.0.
  for (const { createdDays, ...event } of demoDeploymentEvents) {
    const [existing] = await tx
      .select({ id: deploymentEvents.id })
      .from(deploymentEvents)
      .where(
        and(
          eq(deploymentEvents.organisationId, organisationId),
          eq(deploymentEvents.target, event.target),
          eq(deploymentEvents.version, event.version),
          sql`${deploymentEvents.productId} IS NOT DISTINCT FROM ${event.productId}`,
        ),
      );
    if (existing) continue;
    const at = daysFrom(today, createdDays);
    await tx.insert(deploymentEvents).values({ ...event, organisationId, createdAt: at, completedAt: new Date(at.getTime() + 90_000) });
    inserted.deploymentEvents += 1;
  }

  inserted.waivers = (
    await tx
      .insert(decisions)
      .values(demoReleaseWaivers.map(({ decidedDays, ...w }) => ({ ...w, organisationId, decisionType: 'waiver', decidedAt: daysFrom(today, decidedDays) })))
      .onConflictDoNothing()
      .returning({ id: decisions.id })
  ).length;

  return inserted;
}
