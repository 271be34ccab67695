import 'server-only';

import { sql } from 'drizzle-orm';

import { resolveActors } from '../organisations/actors';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import type { OrganisationCaller } from '../auth/identity';

const asDate = (value: Date | string | null) => (value === null ? null : value instanceof Date ? value : new Date(value));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TaskDetail {
  /** When it was read (ms since the epoch). */
  asOf: number;
  id: string;
  name: string;
  state: string;
  progress: number;
  architectureReference: string;
  qaSuiteLocation: string;
  acceptanceCriteria: string;
  evidenceLocation: string | null;
  startedAt: Date | null;
  completedAt: Date | null;
  wave: { id: string; name: string; sequence: number };
  program: { id: string; name: string };
  builder: { id: string; state: string; backend: string; lastHeartbeat: Date; stalled: boolean } | null;
  stallThresholdSeconds: number;
  validations: { id: string; reference: string; passRate: number; readiness: string; validatedAt: Date; validatedBy: string }[];
  qaRuns: {
    id: string;
    status: string;
    total: number;
    passing: number;
    failing: number;
    skipped: number;
    debt: number;
    passRate: number | null;
    executedAt: Date;
    ms: number | null;
  }[];
  violations: {
    id: string;
    type: string;
    description: string;
    builderId: string | null;
    detectedAt: Date;
    resolvedAt: Date | null;
    resolution: string | null;
  }[];
  blockers: {
    id: string;
    kind: string | null;
    severity: string | null;
    title: string;
    raisedBy: string;
    detectedAt: Date;
    resolvedAt: Date | null;
    resolution: string | null;
    foreman: boolean;
  }[];
  evidence: { id: string; action: string; actor: string; at: Date; title: string | null }[];
}

const RECENT = 50;

interface RawTask {
  id: string;
  name: string;
  state: string;
  progress: number;
  architecture_reference: string;
  qa_suite_location: string;
  acceptance_criteria: string;
  evidence_location: string | null;
  started_at: Date | string | null;
  completed_at: Date | string | null;
  wave_id: string;
  wave_name: string;
  sequence_number: number;
  program_id: string;
  program_name: string;
  builder_id: string | null;
  builder_state: string;
  backend_type: string;
  last_heartbeat: Date | string;
  stall_threshold_seconds: number;
  builder_silent: boolean | null;
}

/** A Foreman task's page: its place in the plan, its builder, validations, QA runs, violations, blockers and evidence. */
export async function readTaskDetail(tx: Database, { organisationId, taskId }: { organisationId: string; taskId: string }): Promise<TaskDetail | null> {
  if (!UUID.test(taskId)) return null;
  const [task] = rowsOf<RawTask>(
    await tx.execute(sql`
      SELECT t.task_id::text AS id, t.name, t.state, t.progress_percentage AS progress, t.architecture_reference, t.qa_suite_location,
             t.acceptance_criteria, t.evidence_location, t.started_at, t.completed_at,
             w.wave_id::text AS wave_id, w.name AS wave_name, w.sequence_number, p.id AS program_id, p.name AS program_name,
             b.builder_id, b.state AS builder_state, b.backend_type, b.last_heartbeat, o.stall_threshold_seconds,
             (b.last_heartbeat < now() - make_interval(secs => o.stall_threshold_seconds)) AS builder_silent
        FROM tasks t
        JOIN waves w ON w.organisation_id = t.organisation_id AND w.wave_id = t.wave_id
        JOIN programs p ON p.organisation_id = w.organisation_id AND p.id = w.program_id
        JOIN organisations o ON o.id = t.organisation_id
        LEFT JOIN builders b ON b.organisation_id = t.organisation_id AND b.builder_id = t.assigned_builder AND b.deleted_at IS NULL
       WHERE t.organisation_id = ${organisationId} AND t.task_id = ${taskId}::uuid AND t.deleted_at IS NULL`),
  );
  if (!task) return null;
  const scope = sql`organisation_id = ${organisationId} AND task_id = ${taskId}::uuid`;

  const validations = rowsOf<{
    id: string;
    reference: string;
    pass_rate: string | number;
    readiness: string;
    validated_at: Date | string;
    validated_by: string;
  }>(
    await tx.execute(sql`
      SELECT validation_id::text AS id, architecture_reference AS reference, pass_rate, build_readiness AS readiness, validated_at, validated_by
        FROM architecture_validations WHERE ${scope} AND deleted_at IS NULL ORDER BY validated_at DESC LIMIT ${RECENT}`),
  );
  const qaRuns = rowsOf<{
    id: string;
    status: string;
    total: number;
    passing: number;
    failing: number;
    skipped: number;
    debt: number;
    executed_at: Date | string;
    ms: number | null;
  }>(
    await tx.execute(sql`
      SELECT execution_id::text AS id, qa_status AS status, total_tests AS total, passing_tests AS passing, failing_tests AS failing,
             skipped_tests AS skipped, test_debt_count AS debt, executed_at, execution_time_ms AS ms
        FROM qa_executions WHERE ${scope} AND deleted_at IS NULL ORDER BY executed_at DESC LIMIT ${RECENT}`),
  );
  const violations = rowsOf<{
    id: string;
    type: string;
    description: string;
    builder_id: string | null;
    detected_at: Date | string;
    resolved_at: Date | string | null;
    resolution: string | null;
  }>(
    await tx.execute(sql`
      SELECT violation_id::text AS id, violation_type AS type, description, builder_id, detected_at, resolved_at, resolution
        FROM governance_violations WHERE ${scope} AND deleted_at IS NULL ORDER BY resolved_at IS NOT NULL, detected_at DESC LIMIT ${RECENT}`),
  );
  const blockers = rowsOf<{
    id: string;
    kind: string | null;
    severity: string | null;
    title: string | null;
    description: string | null;
    created_by: string;
    detected_at: Date | string;
    resolved_at: Date | string | null;
    resolution: string | null;
    foreman: boolean;
  }>(
    await tx.execute(sql`
      SELECT id, coalesce(classification, reason_code) AS kind, severity, title, description, created_by, detected_at, resolved_at, resolution,
             num_nonnulls(program_id, wave_id, task_id) > 0 AS foreman
        FROM blockers
       WHERE organisation_id = ${organisationId} AND entity_type = 'task' AND entity_id = ${taskId} AND deleted_at IS NULL
       ORDER BY resolved_at IS NOT NULL, detected_at DESC LIMIT ${RECENT}`),
  );
  const evidence = rowsOf<{ id: string; action: string; actor: string; at: Date | string; title: string | null }>(
    await tx.execute(sql`
      SELECT evidence_id::text AS id, action, actor, "timestamp" AS at, context ->> 'title' AS title
        FROM evidence_trail WHERE organisation_id = ${organisationId} AND entity_type = 'task' AND entity_id = ${taskId}
       ORDER BY "timestamp" DESC LIMIT ${RECENT}`),
  );

  const t = task;
  const who = await resolveActors(tx, [...blockers.map((b) => b.created_by), ...evidence.map((e) => e.actor)]);
  return {
    asOf: Date.now(),
    id: t.id,
    name: t.name,
    state: t.state,
    progress: t.progress,
    architectureReference: t.architecture_reference,
    qaSuiteLocation: t.qa_suite_location,
    acceptanceCriteria: t.acceptance_criteria,
    evidenceLocation: t.evidence_location,
    startedAt: asDate(t.started_at),
    completedAt: asDate(t.completed_at),
    wave: { id: t.wave_id, name: t.wave_name, sequence: t.sequence_number },
    program: { id: t.program_id, name: t.program_name },
    builder: t.builder_id
      ? {
          id: t.builder_id,
          state: t.builder_state,
          backend: t.backend_type,
          lastHeartbeat: asDate(t.last_heartbeat)!,
          stalled: Boolean(t.builder_silent) && !['completed', 'failed'].includes(t.state),
        }
      : null,
    stallThresholdSeconds: t.stall_threshold_seconds,
    validations: validations.map((v) => ({
      id: v.id,
      reference: v.reference,
      passRate: Number(v.pass_rate),
      readiness: v.readiness,
      validatedAt: asDate(v.validated_at)!,
      validatedBy: v.validated_by,
    })),
    qaRuns: qaRuns.map((q) => ({
      id: q.id,
      status: q.status,
      total: q.total,
      passing: q.passing,
      failing: q.failing,
      skipped: q.skipped,
      debt: q.debt,
      passRate: q.total > 0 ? Math.round((q.passing / q.total) * 1000) / 10 : null,
      executedAt: asDate(q.executed_at)!,
      ms: q.ms,
    })),
    violations: violations.map((v) => ({
      id: v.id,
      type: v.type,
      description: v.description,
      builderId: v.builder_id,
      detectedAt: asDate(v.detected_at)!,
      resolvedAt: asDate(v.resolved_at),
      resolution: v.resolution,
    })),
    blockers: blockers.map((b) => ({
      id: b.id,
      kind: b.kind,
      severity: b.severity,
      title: b.title ?? b.description ?? b.id,
      raisedBy: who(b.created_by),
      detectedAt: asDate(b.detected_at)!,
      resolvedAt: asDate(b.resolved_at),
      resolution: b.resolution,
      foreman: b.foreman,
    })),
    evidence: evidence.map((e) => ({ ...e, actor: who(e.actor), at: asDate(e.at)! })),
  };
}

export function getTaskDetail(member: OrganisationCaller, { taskId }: { taskId: string }): Promise<TaskDetail | null> {
  const { organisationId } = member;
  return withOrganisation(organisationId, (tx) => readTaskDetail(tx, { organisationId, taskId }));
}
