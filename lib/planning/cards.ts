import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { cardContextArtifacts, cardPlannedFiles, cards, contextArtifacts, planningActions, workflowActivities, workflows } from '../db/schema';
import { resolveActors } from '../organisations/actors';
import { KNOWLEDGE_KINDS } from './action-types';
import { KNOWLEDGE_TABLES } from './apply-card';
import type { ActionLogEntry, CardDetail, KnowledgeItemView } from './story-map-types';

/** One live card of a project with what it knows, plans and links to; null when there is none. */
export async function getCardDetail(tx: Database, organisationId: string, projectId: string, cardId: string): Promise<CardDetail | null> {
  if (!z.uuid().safeParse(cardId).success || !z.uuid().safeParse(projectId).success) return null;
  const [card] = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT c.id, c.title, c.description, c.status, c.priority, c.finalized_at, a.title AS activity, w.title AS workflow
                         FROM ${cards} c
                         JOIN ${workflowActivities} a ON a.organisation_id = c.organisation_id AND a.id = c.workflow_activity_id
                         JOIN ${workflows} w ON w.organisation_id = a.organisation_id AND w.id = a.workflow_id
                         WHERE c.organisation_id = ${organisationId} AND c.project_id = ${projectId} AND c.id = ${cardId} AND c.deleted_at IS NULL`),
  );
  if (!card) return null;
  const knowledge = {} as CardDetail['knowledge'];
  for (const kind of KNOWLEDGE_KINDS) {
    knowledge[kind] = rowsOf<KnowledgeItemView>(
      await tx.execute(sql`SELECT id, text, status, source FROM ${KNOWLEDGE_TABLES[kind].table}
                           WHERE organisation_id = ${organisationId} AND card_id = ${cardId} AND deleted_at IS NULL ORDER BY position, created_at, id`),
    );
  }
  const files = rowsOf<Record<string, string>>(
    await tx.execute(sql`SELECT id, logical_file_name, artifact_kind, action, intent_summary, status FROM ${cardPlannedFiles}
                         WHERE organisation_id = ${organisationId} AND card_id = ${cardId} AND deleted_at IS NULL ORDER BY position, created_at, id`),
  );
  const artifacts = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT a.id, a.name, a.type, a.title, a.uri, left(a.content, 120) AS content, a.integration_ref,
                                EXISTS (SELECT 1 FROM ${cardContextArtifacts} l WHERE l.organisation_id = a.organisation_id AND l.card_id = ${cardId}
                                          AND l.context_artifact_id = a.id AND l.deleted_at IS NULL) AS linked
                         FROM ${contextArtifacts} a
                         WHERE a.organisation_id = ${organisationId} AND a.project_id = ${projectId} AND a.deleted_at IS NULL
                         ORDER BY linked DESC, a.name LIMIT 200`),
  );
  return {
    id: String(card.id),
    projectId,
    title: String(card.title),
    description: (card.description as string | null) ?? null,
    status: String(card.status),
    priority: Number(card.priority),
    finalizedAt: card.finalized_at ? new Date(card.finalized_at as string).toISOString() : null,
    activity: String(card.activity),
    workflow: String(card.workflow),
    knowledge,
    plannedFiles: files.map((f) => ({
      id: f.id!,
      logicalFileName: f.logical_file_name!,
      artifactKind: f.artifact_kind!,
      action: f.action!,
      intentSummary: f.intent_summary!,
      status: f.status!,
    })),
    artifacts: artifacts.map((a) => ({
      id: String(a.id),
      name: String(a.name),
      type: String(a.type),
      title: (a.title as string | null) ?? null,
      source: (a.uri as string | null) || (a.content as string | null) || (a.integration_ref ? `integration ${JSON.stringify(a.integration_ref)}` : ''),
      linked: Boolean(a.linked),
    })),
  };
}

/** The project's action history, newest first (at most `limit`), with who asked in words. */
export async function listPlanningActions(tx: Database, organisationId: string, projectId: string, limit = 200): Promise<ActionLogEntry[]> {
  const rows = rowsOf<Record<string, unknown>>(
    await tx.execute(sql`SELECT id, action_type, validation_status, rejection_reason, target_ref, payload, actor, idempotency_key, batch_position, created_at
                         FROM ${planningActions} WHERE organisation_id = ${organisationId} AND project_id = ${projectId}
                         ORDER BY created_at DESC, batch_position DESC, id LIMIT ${limit}`),
  );
  const name = await resolveActors(
    tx,
    rows.map((r) => r.actor as string | null),
  );
  return rows.map((r) => ({
    id: String(r.id),
    type: String(r.action_type),
    status: r.validation_status as 'accepted' | 'rejected',
    reason: (r.rejection_reason as string | null) ?? null,
    target: (r.target_ref as Record<string, unknown>) ?? {},
    payload: (r.payload as Record<string, unknown>) ?? {},
    actor: name(r.actor as string | null),
    idempotencyKey: (r.idempotency_key as string | null) ?? null,
    batchPosition: Number(r.batch_position),
    createdAt: new Date(r.created_at as string).toISOString(),
  }));
}
