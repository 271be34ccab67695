import 'server-only';

import { createHash } from 'node:crypto';

import { and, eq } from 'drizzle-orm';

import type { Database } from '../connection';
import { bugs, changeRequests, crDependencies, evidence, roadmapAssignments, roadmapDependencies, roadmapItems } from '../schema';
import { demoAssignments, demoBugs, demoChangeRequests, demoCrDependencies, demoRoadmapDependencies, demoRoadmapItems } from './demo-roadmap-data';
import { daysFrom } from './helpers';

/** Evidence that a finished item was accepted: the demo's items walk to completed, and completion needs evidence. */
async function recordAcceptance(tx: Database, organisationId: string, workId: string, by: string, at: Date) {
  const uri = `reviews/${workId}/accepted.md`;
  await tx
    .insert(evidence)
    .values({
      organisationId,
      id: `EV-${workId}-accepted`,
      workId,
      evidenceType: 'attestation',
      uri,
      title: 'Accepted at review',
      sha256: createHash('sha256').update(uri).digest('hex'),
      createdBy: by,
      createdAt: at,
    })
    .onConflictDoNothing();
}

/** The steps a roadmap item takes from 'pending' to its demo status. */
const ROADMAP_STEPS: Record<string, string[]> = {
  pending: [],
  in_progress: ['in_progress'],
  completed: ['in_progress', 'completed'],
  blocked: ['blocked'],
  deferred: ['deferred'],
};

/**
 * The demo organisation's change requests, roadmap, assignments and bugs. Idempotent: rows
 * that exist are left alone, and only rows inserted by this run walk their status history, so
 * a second run inserts and changes nothing.
 */
export async function seedDemoRoadmap(tx: Database, organisationId: string, today: Date) {
  const inserted = { changeRequests: 0, crDependencies: 0, roadmapItems: 0, roadmapDependencies: 0, assignments: 0, bugs: 0 };

  const newCrs = await tx
    .insert(changeRequests)
    .values(
      demoChangeRequests.map(({ history, createdDays, ...cr }) => ({
        ...cr,
        organisationId,
        statusKey: history[0],
        createdAt: daysFrom(today, createdDays),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: changeRequests.id });
  inserted.changeRequests = newCrs.length;
  for (const cr of demoChangeRequests.filter((c) => newCrs.some((n) => n.id === c.id))) {
    for (const [step, statusKey] of cr.history.slice(1).entries()) {
      const at = daysFrom(today, cr.createdDays + 2 * (step + 1));
      await tx
        .update(changeRequests)
        .set({
          statusKey,
          ...(statusKey === 'in_progress' ? { startedAt: at } : {}),
          ...(statusKey === 'done' ? { completedAt: at } : {}),
        })
        .where(and(eq(changeRequests.organisationId, organisationId), eq(changeRequests.id, cr.id)));
    }
  }

  inserted.crDependencies = (
    await tx
      .insert(crDependencies)
      .values(demoCrDependencies.map(([crId, dependsOnId, dependencyType]) => ({ organisationId, crId, dependsOnId, dependencyType })))
      .onConflictDoNothing()
      .returning({ id: crDependencies.crId })
  ).length;

  const newItems = await tx
    .insert(roadmapItems)
    .values(
      demoRoadmapItems.map(({ targetDays, statusKey: _final, ...item }) => ({
        ...item,
        organisationId,
        statusKey: 'pending',
        targetDate: targetDays === undefined ? null : daysFrom(today, targetDays).toISOString().slice(0, 10),
        createdBy: 'ben',
      })),
    )
    .onConflictDoNothing()
    .returning({ id: roadmapItems.id });
  inserted.roadmapItems = newItems.length;

  inserted.roadmapDependencies = (
    await tx
      .insert(roadmapDependencies)
      .values(
        demoRoadmapDependencies.map(([itemId, dependsOnId, dependencyType]) => ({
          organisationId,
          itemId,
          dependsOnId,
          dependencyType,
          createdBy: 'ben',
        })),
      )
      .onConflictDoNothing()
      .returning({ id: roadmapDependencies.itemId })
  ).length;

  // Walk new items to their status with the edges in place, so the start check applies:
  // completed items first, since the items that are in progress wait for them.
  const walking = demoRoadmapItems
    .filter((item) => newItems.some((n) => n.id === item.id))
    .sort((a, b) => Number(b.statusKey === 'completed') - Number(a.statusKey === 'completed'));
  for (const item of walking) {
    for (const statusKey of ROADMAP_STEPS[item.statusKey] ?? []) {
      // Completion needs evidence (roadmap_completion_requires_evidence): the review that accepted it.
      if (statusKey === 'completed') await recordAcceptance(tx, organisationId, item.id, item.owner ?? 'ben', daysFrom(today, -7));
      await tx
        .update(roadmapItems)
        .set({ statusKey, ...(statusKey === 'completed' ? { completedAt: daysFrom(today, -7) } : {}) })
        .where(and(eq(roadmapItems.organisationId, organisationId), eq(roadmapItems.id, item.id)));
    }
  }

  // One at a time: each assignment's triggers see the ones before it.
  for (const assignment of demoAssignments) {
    const rows = await tx
      .insert(roadmapAssignments)
      .values({ ...assignment, organisationId })
      .onConflictDoNothing()
      .returning({ id: roadmapAssignments.id });
    inserted.assignments += rows.length;
  }

  const newBugs = await tx
    .insert(bugs)
    .values(
      demoBugs.map(({ history, createdDays, resolvedDays: _resolved, ...bug }) => ({
        ...bug,
        organisationId,
        statusKey: history[0],
        createdAt: daysFrom(today, createdDays),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: bugs.id });
  inserted.bugs = newBugs.length;
  for (const bug of demoBugs.filter((b) => newBugs.some((n) => n.id === b.id))) {
    const steps = bug.history.slice(1);
    for (const [step, statusKey] of steps.entries()) {
      const last = step === steps.length - 1;
      await tx
        .update(bugs)
        .set({
          statusKey,
          ...(last && bug.resolvedDays !== null ? { resolvedAt: daysFrom(today, bug.resolvedDays) } : {}),
        })
        .where(and(eq(bugs.organisationId, organisationId), eq(bugs.id, bug.id)));
    }
  }

  return inserted;
}
