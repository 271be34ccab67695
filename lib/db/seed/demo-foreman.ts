import 'server-only';

import { and, eq, isNull } from 'drizzle-orm';

import type { Database } from '../connection';
import { architectureValidations, builders, evidenceTrail, governanceViolations, heartbeats, qaExecutions, tasks, waves } from '../schema';
import {
  demoBuilders,
  demoEvidence,
  demoHeartbeatMessages,
  demoQaExecutions,
  demoTasks,
  demoValidations,
  demoViolations,
  demoWaves,
} from './demo-foreman-data';
import { DAY_MS, MINUTE_MS, stableUuid } from './helpers';

/**
 * Seeds the Foreman office of the demo organisation (seed 001) for the programs foreman-office
 * and motus-cli. Idempotent: rows that exist are left alone, and a second run inserts nothing.
 * The progress roll-up triggers set wave and program progress from the tasks.
 */
export async function seedDemoForeman(tx: Database, organisationId: string, today: Date) {
  const id = (key: string) => stableUuid(organisationId, key);
  const daysAgo = (days: number) => new Date(today.getTime() - days * DAY_MS);
  const minutesAgo = (minutes: number) => new Date(today.getTime() - minutes * MINUTE_MS);
  const inserted = { builders: 0, waves: 0, tasks: 0, heartbeats: 0, evidence: 0, violations: 0, validations: 0, qaExecutions: 0 };

  // Builders first (tasks name them); their current task is set once the tasks exist.
  const newBuilders = await tx
    .insert(builders)
    .values(
      demoBuilders.map((b) => ({
        organisationId,
        builderId: b.builderId,
        builderTypeKey: b.builderTypeKey,
        backendType: b.backendType,
        state: b.state,
        provenance: { ...b.provenance },
        lastHeartbeat: minutesAgo(Math.min(...b.heartbeatMinutes)),
      })),
    )
    .onConflictDoNothing()
    .returning({ builderId: builders.builderId });
  inserted.builders = newBuilders.length;

  // One at a time, in sequence, so that each wave's dependencies exist when it is checked.
  for (const w of demoWaves) {
    const rows = await tx
      .insert(waves)
      .values({
        organisationId,
        waveId: id(w.key),
        programId: w.programId,
        name: w.name,
        sequenceNumber: w.sequenceNumber,
        dependencies: w.dependsOn.map(id),
        state: w.state,
      })
      .onConflictDoNothing()
      .returning({ waveId: waves.waveId });
    inserted.waves += rows.length;
  }

  inserted.tasks = (
    await tx
      .insert(tasks)
      .values(
        demoTasks.map((t) => ({
          organisationId,
          taskId: id(t.key),
          waveId: id(t.wave),
          name: t.name,
          architectureReference: t.architectureReference,
          qaSuiteLocation: t.qaSuiteLocation,
          acceptanceCriteria: t.acceptanceCriteria,
          assignedBuilder: t.assignedBuilder,
          state: t.state,
          progressPercentage: t.progressPercentage,
          evidenceLocation: t.state === 'completed' ? `evidence/${t.wave}/${t.key}/` : null,
          startedAt: t.startedDays === null ? null : daysAgo(t.startedDays),
          completedAt: t.completedDays === null ? null : daysAgo(t.completedDays),
        })),
      )
      .onConflictDoNothing()
      .returning({ taskId: tasks.taskId })
  ).length;

  for (const { builderId } of newBuilders) {
    const currentTask = demoBuilders.find((b) => b.builderId === builderId)?.currentTask;
    if (!currentTask) continue;
    await tx
      .update(builders)
      .set({ currentTaskId: id(currentTask) })
      .where(and(eq(builders.organisationId, organisationId), eq(builders.builderId, builderId), isNull(builders.currentTaskId)));
  }

  inserted.heartbeats = (
    await tx
      .insert(heartbeats)
      .values(
        demoBuilders.flatMap((b) =>
          b.heartbeatMinutes.map((minutes, n) => ({
            organisationId,
            heartbeatId: id(`hb-${b.builderId}-${n}`),
            builderId: b.builderId,
            taskId: b.currentTask ? id(b.currentTask) : null,
            timestamp: minutesAgo(minutes),
            status: b.state === 'active' ? 'active' : 'idle',
            message: demoHeartbeatMessages[b.builderId] ?? null,
            progressPercentage: demoTasks.find((t) => t.key === b.currentTask)?.progressPercentage ?? null,
          })),
        ),
      )
      .onConflictDoNothing()
      .returning({ heartbeatId: heartbeats.heartbeatId })
  ).length;

  // The evidence trail is append-only: insert only the entries the organisation lacks.
  const entityId = (type: string, entity: string) => (type === 'wave' || type === 'task' ? id(entity) : entity);
  inserted.evidence = (
    await tx
      .insert(evidenceTrail)
      .values(
        demoEvidence.map((e) => ({
          organisationId,
          evidenceId: id(e.key),
          entityType: e.entityType,
          entityId: entityId(e.entityType, e.entity),
          action: e.action,
          actor: e.actor,
          backend: e.backend,
          model: e.model,
          context: e.context,
          timestamp: daysAgo(e.days),
        })),
      )
      .onConflictDoNothing()
      .returning({ evidenceId: evidenceTrail.evidenceId })
  ).length;

  inserted.violations = (
    await tx
      .insert(governanceViolations)
      .values(
        demoViolations.map((v) => ({
          organisationId,
          violationId: id(v.key),
          taskId: id(v.task),
          builderId: v.builderId,
          violationType: v.violationType,
          description: v.description,
          detectedAt: daysAgo(v.days),
          resolution: v.resolution,
          resolvedAt: v.resolvedDays === null ? null : daysAgo(v.resolvedDays),
        })),
      )
      .onConflictDoNothing()
      .returning({ violationId: governanceViolations.violationId })
  ).length;

  inserted.validations = (
    await tx
      .insert(architectureValidations)
      .values(
        demoValidations.map((v) => ({
          organisationId,
          validationId: id(v.key),
          taskId: id(v.task),
          architectureReference: v.architectureReference,
          validationResults: v.results,
          passRate: v.passRate,
          buildReadiness: v.buildReadiness,
          validatedAt: daysAgo(v.days),
        })),
      )
      .onConflictDoNothing()
      .returning({ validationId: architectureValidations.validationId })
  ).length;

  inserted.qaExecutions = (
    await tx
      .insert(qaExecutions)
      .values(
        demoQaExecutions.map((q) => ({
          organisationId,
          executionId: id(q.key),
          taskId: id(q.task),
          qaSuiteLocation: demoTasks.find((t) => t.key === q.task)?.qaSuiteLocation ?? q.task,
          totalTests: q.total,
          passingTests: q.passing,
          failingTests: q.failing,
          skippedTests: q.skipped,
          testDebtCount: q.debt,
          qaStatus: q.status,
          executedAt: daysAgo(q.days),
          executionTimeMs: q.ms,
        })),
      )
      .onConflictDoNothing()
      .returning({ executionId: qaExecutions.executionId })
  ).length;

  return inserted;
}
