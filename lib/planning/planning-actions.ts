import 'server-only';

import { sql } from 'drizzle-orm';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { planningActions, projects } from '../db/schema';
import { ActionError } from '../procedure/result';
import { planningActionSchema, type ActionOutcome, type BatchOutcome, type PlanningAction, type PlanningBatchInput } from './action-types';
import { applyCardAction } from './apply-card';
import { applyStoryMapAction } from './apply-story-map';

/**
 * The one way the plan of a project changes: a batch of actions applies in order, each in a
 * savepoint, and is recorded in planning_action (append-only; the database stamps who asked).
 * The first refusal is recorded as rejected, with its reason in a sentence, and the batch stops
 * there; what was applied before it stays. With an idempotency key, positions already recorded
 * under that key are answered from the log (never applied twice) and only the rest is applied.
 * The story map's own edits come through here too, so each of them is a recorded action.
 */
export async function applyPlanningActions(tx: Database, caller: OrganisationCaller, batch: PlanningBatchInput): Promise<BatchOutcome> {
  const { organisationId } = caller;
  // One batch of a project at a time: the next one (same key or not) reads what this one wrote.
  const project = rowsOf<{ sequence: number }>(
    await tx.execute(sql`SELECT action_sequence AS sequence FROM ${projects}
                         WHERE organisation_id = ${organisationId} AND id = ${batch.projectId} AND deleted_at IS NULL FOR UPDATE`),
  )[0];
  if (!project) throw new ActionError('not_found', 'There is no such project (it may have been deleted).');
  if (batch.expectedSequence !== undefined && Number(batch.expectedSequence) !== project.sequence) {
    throw new ActionError(
      'stale',
      `Concurrent modification: the project is at action ${project.sequence}, not ${batch.expectedSequence}. Read the plan again; nothing was applied.`,
    );
  }
  const stored = batch.idempotencyKey ? await readStored(tx, organisationId, batch.projectId, batch.idempotencyKey) : new Map<number, ActionOutcome>();

  const results: ActionOutcome[] = [];
  let rejected: ActionOutcome | null = null;
  let applied = 0;
  for (const [position, raw] of batch.actions.entries()) {
    const type = typeof raw.type === 'string' && raw.type ? raw.type : 'unknown';
    const earlier = stored.get(position);
    if (earlier) {
      if (earlier.type !== type) {
        throw new ActionError(
          'conflict',
          `The idempotency key “${batch.idempotencyKey}” was used for another batch: its action ${position + 1} was ${earlier.type}, not ${type}. Use a new key.`,
        );
      }
      results.push(earlier);
      if (earlier.status === 'rejected') {
        rejected = earlier;
        break;
      }
      continue;
    }
    const outcome = await applyOne(tx, caller, batch, position, type, raw);
    results.push(outcome);
    if (outcome.status === 'rejected') {
      rejected = outcome;
      break;
    }
    applied++;
  }

  let sequence = project.sequence;
  if (applied > 0) {
    // The database allows only the next number (trigger project_action_sequence).
    await tx.execute(sql`UPDATE ${projects} SET action_sequence = ${sequence + 1}
                         WHERE organisation_id = ${organisationId} AND id = ${batch.projectId}`);
    sequence++;
  }
  return { projectId: batch.projectId, sequence, results, rejected };
}

async function applyOne(
  tx: Database,
  caller: OrganisationCaller,
  batch: PlanningBatchInput,
  position: number,
  type: string,
  raw: unknown,
): Promise<ActionOutcome> {
  const record = (sp: Database, values: { status: 'accepted' | 'rejected'; target: Record<string, unknown>; reason: string | null }) =>
    sp.insert(planningActions).values({
      organisationId: caller.organisationId,
      projectId: batch.projectId,
      actionType: type,
      targetRef: values.target,
      payload: payloadOf(raw),
      validationStatus: values.status,
      rejectionReason: values.reason,
      appliedAt: values.status === 'accepted' ? new Date() : null,
      idempotencyKey: batch.idempotencyKey ?? null,
      batchPosition: position,
    });
  try {
    const target = await tx.transaction(async (sp) => {
      const savepoint = sp as unknown as Database;
      const parsed = planningActionSchema.safeParse(raw);
      if (!parsed.success) throw new ActionError('invalid_input', reasonOfInput(parsed.error.issues));
      const made = await applyAction(savepoint, caller.organisationId, batch.projectId, parsed.data);
      await record(savepoint, { status: 'accepted', target: made, reason: null });
      return made;
    });
    return { position, type, status: 'accepted', target, reason: null, replayed: false };
  } catch (error) {
    const reason = refusalOf(error);
    if (reason === null) throw error;
    const target = targetOf(raw);
    await record(tx, { status: 'rejected', target, reason });
    return { position, type, status: 'rejected', target, reason, replayed: false };
  }
}

function applyAction(tx: Database, organisationId: string, projectId: string, action: PlanningAction): Promise<Record<string, unknown>> {
  switch (action.type) {
    case 'createContextArtifact':
    case 'linkContextArtifact':
    case 'upsertCardKnowledgeItem':
    case 'upsertCardPlannedFile':
      return applyCardAction(tx, { organisationId, projectId }, action);
    default:
      return applyStoryMapAction(tx, { organisationId, projectId }, action);
  }
}

/** A refusal as a sentence; null for a failure that is ours (it is not logged as the caller's fault). */
function refusalOf(error: unknown): string | null {
  if (error instanceof ActionError) return error.code === 'internal' ? null : error.message;
  const pg = pgErrorOf(error);
  // Two batches of different projects may pick the same board rank at once (it is unique per status).
  if (pg.code === '23505' && /card_status_rank_live_idx/.test(pg.message)) return 'Someone placed another card at the same moment; try again.';
  if (pg.code === '23514' || pg.code === '23505') return pg.message.replace(/^[A-Z]+: /, '');
  if (pg.code === '23503') return 'Something it refers to does not exist in this project.';
  if (pg.code === '22P02' || pg.code === '22023') return 'One of its values is not valid.';
  return null;
}

function reasonOfInput(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'The action is not valid.';
  const field = first.path.map(String).join('.');
  if (first.path.length === 1 && first.path[0] === 'type') return 'Gantry does not know this kind of action.';
  return field ? `The action’s ${field} is not valid: ${first.message}` : first.message;
}

const ID_KEYS = ['workflowId', 'activityId', 'cardId', 'artifactId', 'itemId', 'fileId'];

/** The ids an action names, kept as its target even when it is refused. */
function targetOf(raw: unknown): Record<string, unknown> {
  const source = (raw ?? {}) as Record<string, unknown>;
  return Object.fromEntries(ID_KEYS.filter((key) => typeof source[key] === 'string').map((key) => [key, source[key]]));
}

/** The rest of what it asked for (its fields besides the type and the target's ids). */
function payloadOf(raw: unknown): Record<string, unknown> {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(source).filter(([key]) => key !== 'type' && !ID_KEYS.includes(key)));
}

async function readStored(tx: Database, organisationId: string, projectId: string, key: string): Promise<Map<number, ActionOutcome>> {
  const rows = rowsOf<{ position: number; type: string; status: 'accepted' | 'rejected'; target: Record<string, unknown>; reason: string | null }>(
    await tx.execute(sql`SELECT batch_position AS position, action_type AS type, validation_status AS status, target_ref AS target,
                                rejection_reason AS reason
                         FROM ${planningActions}
                         WHERE organisation_id = ${organisationId} AND project_id = ${projectId} AND idempotency_key = ${key}
                         ORDER BY batch_position`),
  );
  return new Map(rows.map((r) => [Number(r.position), { ...r, position: Number(r.position), replayed: true }]));
}
