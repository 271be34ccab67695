import 'server-only';

import { createHash } from 'node:crypto';

import { and, eq, inArray } from 'drizzle-orm';

import type { Database } from '../connection';
import {
  attempts,
  blockers,
  builderCapabilities,
  compiledContracts,
  coordinationLeases,
  decisions,
  events,
  evidence,
  evidenceTrail,
  leases,
  planEvents,
  workRequiredCapabilities,
} from '../schema';
import {
  demoAttempts,
  demoBlockers,
  demoBuilderCapabilities,
  demoCapabilities,
  demoContracts,
  demoCoordinationLease,
  demoDecisions,
  demoEvidence,
  demoLeases,
  demoPlanEvent,
  demoTrail,
} from './demo-kernel-data';
import { stableUuid } from './helpers';

const HOUR_MS = 3_600_000;

/**
 * Seeds the coordination kernel of the demo organisation (seed 003) on the demo roadmap and
 * Foreman office, which must be seeded first. Idempotent: attempts and leases that exist are
 * not inserted again (their triggers would refuse a second claim), other rows are skipped on
 * conflict, and only rows inserted by this run walk their history, so a second run inserts and
 * changes nothing.
 */
export async function seedDemoKernel(tx: Database, organisationId: string, today: Date) {
  const at = (hours: number) => new Date(today.getTime() + hours * HOUR_MS);
  const foremanId = (key: string) => stableUuid(organisationId, key);
  const inserted = {
    contracts: 0,
    attempts: 0,
    evidence: 0,
    blockers: 0,
    decisions: 0,
    capabilities: 0,
    builderCapabilities: 0,
    leases: 0,
    planEvents: 0,
    coordinationLeases: 0,
    events: 0,
  };
  const count = async (rows: Promise<unknown[]>) => (await rows).length;

  inserted.contracts = await count(
    tx
      .insert(compiledContracts)
      .values(demoContracts.map(({ hours, ...c }) => ({ ...c, sourceRefsJson: [...c.sourceRefsJson], organisationId, createdAt: at(hours) })))
      .onConflictDoNothing()
      .returning({ hash: compiledContracts.contractHash }),
  );

  // Attempts one at a time: a handoff needs the attempt it takes over to have ended.
  const existing = new Set(
    (
      await tx
        .select({ id: attempts.id })
        .from(attempts)
        .where(
          and(
            eq(attempts.organisationId, organisationId),
            inArray(
              attempts.id,
              demoAttempts.map((a) => a.id),
            ),
          ),
        )
    ).map((a) => a.id),
  );
  const newAttempts = demoAttempts.filter((a) => !existing.has(a.id));
  const endAttempt = (id: string, outcome: string, hours: number) =>
    tx
      .update(attempts)
      .set({ outcome, endedAt: at(hours) })
      .where(and(eq(attempts.organisationId, organisationId), eq(attempts.id, id)));
  for (const a of newAttempts) {
    await tx.insert(attempts).values({
      organisationId,
      id: a.id,
      workId: a.workId,
      workerId: a.workerId,
      workerType: a.workerType,
      contractHash: a.contractHash ?? null,
      role: a.role,
      handoffFromAttemptId: a.handoffFrom ?? null,
      handoffReason: a.handoffReason ?? null,
      startedAt: at(a.startedHours),
      notes: a.notes ?? null,
    });
    if (a.end?.outcome === 'handed_off') await endAttempt(a.id, a.end.outcome, a.end.hours);
  }
  inserted.attempts = newAttempts.length;

  await tx
    .insert(evidenceTrail)
    .values(
      demoTrail.map((t) => ({
        organisationId,
        evidenceId: foremanId(t.key),
        entityType: 'task',
        entityId: foremanId(t.taskKey),
        action: t.action,
        actor: t.actor,
        context: { ...t.context },
        timestamp: at(t.hours),
      })),
    )
    .onConflictDoNothing();

  inserted.evidence = await count(
    tx
      .insert(evidence)
      .values(
        demoEvidence.map(({ hours, ...e }) => ({
          ...e,
          organisationId,
          sha256: createHash('sha256').update(`${e.uri}\n${e.title}`).digest('hex'),
          createdAt: at(hours),
        })),
      )
      .onConflictDoNothing()
      .returning({ id: evidence.id }),
  );

  const newBlockers = await tx
    .insert(blockers)
    .values(
      demoBlockers.map((b) => ({
        organisationId,
        id: b.id,
        ...('workId' in b.target ? { workId: b.target.workId, attemptId: b.target.attemptId ?? null } : {}),
        ...('taskKey' in b.target ? { taskId: foremanId(b.target.taskKey) } : {}),
        ...('waveKey' in b.target ? { waveId: foremanId(b.target.waveKey) } : {}),
        ...('programId' in b.target ? { programId: b.target.programId } : {}),
        reasonCode: b.reasonCode ?? null,
        classification: b.classification ?? null,
        title: b.title ?? null,
        description: b.description,
        needs: b.needs ?? null,
        severity: b.severity ?? 'blocking',
        createdBy: b.createdBy,
        createdAt: at(b.hours),
        detectedAt: at(b.hours),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: blockers.id });
  inserted.blockers = newBlockers.length;

  // One at a time, in order: the escalation marks its blocker, waivers precede resolutions.
  for (const { hours, ...d } of demoDecisions) {
    const rows = await tx
      .insert(decisions)
      .values({ ...d, organisationId, decidedAt: at(hours) })
      .onConflictDoNothing()
      .returning({ id: decisions.id });
    inserted.decisions += rows.length;
  }

  // Resolve the new blockers that are resolved in the demo: their justification now exists.
  for (const b of demoBlockers.filter((d) => d.resolution && newBlockers.some((n) => n.id === d.id))) {
    await tx
      .update(blockers)
      .set({
        resolvedAt: at(b.resolution!.hours),
        resolvedBy: b.resolution!.by,
        resolution: b.resolution!.text,
        resolutionAction: b.resolution!.action ?? null,
      })
      .where(and(eq(blockers.organisationId, organisationId), eq(blockers.id, b.id)));
  }

  // Completed attempts now have their evidence; the blocked one has its blocker.
  for (const a of newAttempts) {
    if (a.end && a.end.outcome !== 'handed_off') await endAttempt(a.id, a.end.outcome, a.end.hours);
  }

  inserted.capabilities = await count(
    tx
      .insert(workRequiredCapabilities)
      .values(demoCapabilities.map((c) => ({ ...c, organisationId })))
      .onConflictDoNothing()
      .returning({ id: workRequiredCapabilities.capabilityId }),
  );
  inserted.builderCapabilities = await count(
    tx
      .insert(builderCapabilities)
      .values(demoBuilderCapabilities.map((c) => ({ ...c, organisationId })))
      .onConflictDoNothing()
      .returning({ id: builderCapabilities.capabilityId }),
  );

  const existingLeases = new Set(
    (
      await tx
        .select({ id: leases.id })
        .from(leases)
        .where(
          and(
            eq(leases.organisationId, organisationId),
            inArray(
              leases.id,
              demoLeases.map((l) => l.id),
            ),
          ),
        )
    ).map((l) => l.id),
  );
  for (const { acquiredHours, releasedHours, ...l } of demoLeases.filter((d) => !existingLeases.has(d.id))) {
    await tx.insert(leases).values({
      ...l,
      organisationId,
      acquiredAt: at(acquiredHours),
      expiresAt: at(acquiredHours + l.ttlSeconds / 3_600),
      lastHeartbeat: releasedHours === null ? at(-1 / 60) : null,
      releasedAt: releasedHours === null ? null : at(releasedHours),
    });
    inserted.leases += 1;
  }

  const { hours: eventHours, processResult, payload, ...planEvent } = demoPlanEvent;
  inserted.planEvents = await count(
    tx
      .insert(planEvents)
      .values({
        ...planEvent,
        organisationId,
        payload: { ...payload },
        ts: at(eventHours),
        receivedAt: at(eventHours),
        processedAt: at(eventHours),
        processResult,
      })
      .onConflictDoNothing()
      .returning({ id: planEvents.eventId }),
  );

  const { events: leaseEvents, issuedHours, ttlSeconds, heartbeatDeadlineHours, resources, ...lease } = demoCoordinationLease;
  inserted.coordinationLeases = await count(
    tx
      .insert(coordinationLeases)
      .values({
        ...lease,
        organisationId,
        resources: resources.map((r) => ({ ...r })),
        issuedAt: at(issuedHours),
        expiresAt: at(issuedHours + ttlSeconds / 3_600),
        heartbeatDeadline: at(heartbeatDeadlineHours),
        createdAt: at(issuedHours),
      })
      .onConflictDoNothing()
      .returning({ id: coordinationLeases.leaseId }),
  );
  inserted.events = await count(
    tx
      .insert(events)
      .values(leaseEvents.map(({ hours, payload: p, ...e }) => ({ ...e, organisationId, leaseId: lease.leaseId, payload: { ...p }, createdAt: at(hours) })))
      .onConflictDoNothing()
      .returning({ id: events.eventId }),
  );

  return inserted;
}
