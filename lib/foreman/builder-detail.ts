import 'server-only';

import { sql } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { builderSelect, toBuilderSummary, type BuilderSummary, type RawBuilder } from './fleet';
import type { OrganisationCaller } from '../auth/identity';

const asDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));

export interface BuilderDetail extends BuilderSummary {
  /** When it was read (ms since the epoch). */
  asOf: number;
  stallThresholdSeconds: number;
  escalationRationale: string | null;
  heartbeats: { id: string; at: Date; status: string; progress: number | null; message: string | null; taskId: string | null }[];
  tasks: { id: string; name: string; state: string; progress: number; openBlockers: number }[];
  attempts: { id: string; workId: string; role: string | null; startedAt: Date; endedAt: Date | null; outcome: string | null }[];
  evidence: { id: string; action: string; entity: string; at: Date; title: string | null }[];
  violations: { id: string; type: string; description: string; detectedAt: Date; resolvedAt: Date | null; resolution: string | null; taskId: string | null }[];
}

const RECENT = 50;

/**
 * One builder's page: its state, recent heartbeats, the tasks assigned to it, its kernel
 * attempts (worker_id is the builder id, or 'agent:' and the id), its evidence trail and its
 * governance violations. Null when the organisation has no such live builder.
 */
export async function readBuilderDetail(
  tx: Database,
  { organisationId, builderId }: { organisationId: string; builderId: string },
): Promise<BuilderDetail | null> {
  const [row] = rowsOf<RawBuilder & { escalation_rationale: string | null; stall_threshold_seconds: number }>(
    await tx.execute(sql`
      SELECT s.*, b2.provenance ->> 'escalation_rationale' AS escalation_rationale, o.stall_threshold_seconds
        FROM (${builderSelect(organisationId, sql`AND b.builder_id = ${builderId}`)}) s
        JOIN builders b2 ON b2.organisation_id = ${organisationId} AND b2.builder_id = s.builder_id
        JOIN organisations o ON o.id = ${organisationId}`),
  );
  if (!row) return null;
  const workers = [builderId, `agent:${builderId}`];

  const heartbeats = rowsOf<{ id: string; at: Date | string; status: string; progress: number | null; message: string | null; task_id: string | null }>(
    await tx.execute(sql`
      SELECT heartbeat_id::text AS id, "timestamp" AS at, status, progress_percentage AS progress, message, task_id::text AS task_id
        FROM heartbeats WHERE organisation_id = ${organisationId} AND builder_id = ${builderId}
       ORDER BY "timestamp" DESC LIMIT ${RECENT}`),
  );
  const tasks = rowsOf<{ id: string; name: string; state: string; progress: number; open_blockers: number }>(
    await tx.execute(sql`
      SELECT t.task_id::text AS id, t.name, t.state, t.progress_percentage AS progress,
             (SELECT count(*)::int FROM blockers x WHERE x.organisation_id = t.organisation_id AND x.entity_type = 'task'
                 AND x.entity_id = t.task_id::text AND x.resolved_at IS NULL AND x.deleted_at IS NULL) AS open_blockers
        FROM tasks t
       WHERE t.organisation_id = ${organisationId} AND t.assigned_builder = ${builderId} AND t.deleted_at IS NULL
       ORDER BY t.state IN ('completed', 'failed'), t.updated_at DESC LIMIT ${RECENT}`),
  );
  const attempts = rowsOf<{
    id: string;
    work_id: string;
    role: string | null;
    started_at: Date | string;
    ended_at: Date | string | null;
    outcome: string | null;
  }>(
    await tx.execute(sql`
      SELECT id, work_id, role, started_at, ended_at, outcome FROM attempts
       WHERE organisation_id = ${organisationId} AND worker_id IN (${workers[0]}, ${workers[1]})
       ORDER BY started_at DESC LIMIT ${RECENT}`),
  );
  const evidence = rowsOf<{ id: string; action: string; entity: string; at: Date | string; title: string | null }>(
    await tx.execute(sql`
      SELECT evidence_id::text AS id, action, entity_type || ' ' || entity_id AS entity, "timestamp" AS at, context ->> 'title' AS title
        FROM evidence_trail
       WHERE organisation_id = ${organisationId} AND entity_type = 'builder' AND entity_id = ${builderId}
       ORDER BY "timestamp" DESC LIMIT ${RECENT}`),
  );
  const violations = rowsOf<{
    id: string;
    type: string;
    description: string;
    detected_at: Date | string;
    resolved_at: Date | string | null;
    resolution: string | null;
    task_id: string | null;
  }>(
    await tx.execute(sql`
      SELECT violation_id::text AS id, violation_type AS type, description, detected_at, resolved_at, resolution, task_id::text AS task_id
        FROM governance_violations
       WHERE organisation_id = ${organisationId} AND builder_id = ${builderId} AND deleted_at IS NULL
       ORDER BY resolved_at IS NOT NULL, detected_at DESC LIMIT ${RECENT}`),
  );

  return {
    ...toBuilderSummary(row),
    asOf: Date.now(),
    stallThresholdSeconds: row.stall_threshold_seconds,
    escalationRationale: row.escalation_rationale,
    heartbeats: heartbeats.map((h) => ({ id: h.id, at: asDate(h.at)!, status: h.status, progress: h.progress, message: h.message, taskId: h.task_id })),
    tasks: tasks.map((t) => ({ id: t.id, name: t.name, state: t.state, progress: t.progress, openBlockers: t.open_blockers })),
    attempts: attempts.map((a) => ({
      id: a.id,
      workId: a.work_id,
      role: a.role,
      startedAt: asDate(a.started_at)!,
      endedAt: asDate(a.ended_at),
      outcome: a.outcome,
    })),
    evidence: evidence.map((e) => ({ ...e, at: asDate(e.at)! })),
    violations: violations.map((v) => ({
      id: v.id,
      type: v.type,
      description: v.description,
      detectedAt: asDate(v.detected_at)!,
      resolvedAt: asDate(v.resolved_at),
      resolution: v.resolution,
      taskId: v.task_id,
    })),
  };
}

export function getBuilderDetail(member: OrganisationCaller, { builderId }: { builderId: string }): Promise<BuilderDetail | null> {
  const { organisationId } = member;
  return withOrganisation(organisationId, (tx) => readBuilderDetail(tx, { organisationId, builderId }));
}
