import 'server-only';

import { createHash, randomUUID } from 'node:crypto';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { resolveActors } from '../organisations/actors';
import { actorOf, type OrganisationCaller } from '../auth/identity';
import { can } from '../organisations/permissions';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { pgErrorOf } from '../db/errors';
import { rowsOf } from '../db/sql';
import { evidenceUri } from '../validation/fields';
import { MIN_RESOLUTION_LENGTH } from './kinds';

const blockerId = z.string({ error: 'Choose a blocker' }).trim().min(1, { message: 'Choose a blocker' }).max(200);
const notes = (what: string) =>
  z
    .string({ error: `Write ${what}` })
    .trim()
    .min(MIN_RESOLUTION_LENGTH, { message: `Write ${what}: at least ${MIN_RESOLUTION_LENGTH} characters` })
    .max(4000, { message: 'Use at most 4,000 characters' });

export const EVIDENCE_TYPES = ['reference', 'test_result', 'document', 'log', 'diff', 'screenshot', 'build_artifact', 'other'] as const;

export const resolveBlockerInput = z.object({
  blockerId,
  resolution: notes('what was done and why'),
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  /** None given: the database refuses (blockers_resolution_requires_justification) and the form says why. */
  justification: z.enum(['waiver', 'evidence', 'attach']).optional().catch(undefined),
  /** For 'evidence': 'evidence:<id>' (kernel evidence) or 'trail:<uuid>' (an evidence-trail entry). */
  evidenceRef: z
    .string()
    .trim()
    .max(300)
    .optional()
    .transform((v) => v || undefined),
  /** For 'attach': where the evidence is, and what it is. */
  attachUri: z
    .union([z.literal(''), evidenceUri(2000)])
    .optional()
    .transform((v) => v || undefined),
  attachTitle: z
    .string()
    .trim()
    .max(200)
    .optional()
    .transform((v) => v || undefined),
  attachType: z.enum(EVIDENCE_TYPES).optional().catch(undefined),
});

export const escalateBlockerInput = z.object({
  blockerId,
  to: z.string({ error: 'Say whom it goes to' }).trim().min(1, { message: 'Say whom it goes to' }).max(120, { message: 'Use at most 120 characters' }),
  reason: notes('why it needs them'),
});

export const blockerEvidenceInput = z.object({ blockerId });

interface BlockerState {
  id: string;
  work_id: string | null;
  entity_type: string | null;
  entity_id: string | null;
  foreman: boolean;
  resolved_at: Date | string | null;
  created_at: Date | string;
}

async function lockBlocker(tx: Database, id: string): Promise<BlockerState> {
  const [row] = rowsOf<BlockerState>(
    await tx.execute(sql`
      SELECT id, work_id, entity_type, entity_id, num_nonnulls(program_id, wave_id, task_id) > 0 AS foreman, resolved_at, created_at
        FROM blockers WHERE id = ${id} AND deleted_at IS NULL FOR UPDATE`),
  );
  if (!row) throw new ActionError('not_found', 'There is no such blocker in this organisation.');
  return row;
}

export interface EvidenceCandidate {
  ref: string;
  label: string;
  by: string;
  at: Date;
}

/**
 * Evidence that would justify resolving the blocker: recorded strictly after it was raised, on
 * its roadmap item (kernel evidence) or its task, wave or program (evidence trail). Newest first.
 */
export async function listResolutionEvidence(tx: Database, { blockerId: id }: { blockerId: string }): Promise<EvidenceCandidate[]> {
  const blocker = await readBlockerScope(tx, id);
  const rows = rowsOf<{ ref: string; label: string; by: string; at: Date | string }>(
    await tx.execute(sql`
      (SELECT 'evidence:' || e.id AS ref, coalesce(e.title, e.uri) || ' (' || e.evidence_type || ')' AS label, e.created_by AS by, e.created_at AS at
         FROM evidence e
        WHERE ${blocker.work_id}::text IS NOT NULL AND e.work_id = ${blocker.work_id} AND e.created_at > ${blocker.created_at}::timestamptz
        ORDER BY e.created_at DESC LIMIT 20)
      UNION ALL
      (SELECT 'trail:' || et.evidence_id, et.action || coalesce(': ' || (et.context ->> 'title'), ''), et.actor, et."timestamp"
         FROM evidence_trail et
        WHERE ${blocker.entity_type}::text IS NOT NULL AND et.entity_type = ${blocker.entity_type} AND et.entity_id = ${blocker.entity_id}
          AND et."timestamp" > ${blocker.created_at}::timestamptz
        ORDER BY et."timestamp" DESC LIMIT 20)
      ORDER BY at DESC LIMIT 20`),
  );
  const who = await resolveActors(
    tx,
    rows.map((row) => row.by),
  );
  return rows.map((row) => ({ ...row, by: who(row.by), at: row.at instanceof Date ? row.at : new Date(row.at) }));
}

async function readBlockerScope(tx: Database, id: string) {
  const [row] = rowsOf<{ work_id: string | null; entity_type: string | null; entity_id: string | null; created_at: string }>(
    await tx.execute(sql`SELECT work_id, entity_type, entity_id, created_at::text AS created_at FROM blockers WHERE id = ${id} AND deleted_at IS NULL`),
  );
  if (!row) throw new ActionError('not_found', 'There is no such blocker in this organisation.');
  return row;
}

/** The database's refusals, in a manager's words. */
function explain(error: unknown): never {
  const { code, message } = pgErrorOf(error);
  if (code === '23514') {
    if (message.startsWith('KERNEL: Blocker resolution requires evidence or waiver decision')) {
      throw new ActionError('conflict', 'Resolving needs a justification: attach or pick evidence recorded since the blocker was raised, or record a waiver.');
    }
    if (message.startsWith('KERNEL: Blocker resolution is immutable')) {
      throw new ActionError('conflict', 'This blocker is already resolved, and a resolution cannot be changed.');
    }
    if (message.startsWith('FOREMAN: Blocker resolution needs an action')) {
      throw new ActionError('invalid_input', 'Say what was done and write notes of at least 10 characters.', { action: 'Choose what was done' });
    }
  }
  throw error;
}

/**
 * Resolves a blocker with a written resolution and a justification: a waiver decision naming
 * the blocker, evidence picked from what was recorded since it was raised, or evidence attached
 * now. The database decides (blockers_resolution_requires_justification) and keeps a resolution
 * for good (blockers_resolution_immutable); this function words its refusals.
 */
export async function resolveBlocker(
  tx: Database,
  { caller, input }: { caller: OrganisationCaller; input: z.output<typeof resolveBlockerInput> },
): Promise<{ id: string; justification: 'waiver' | 'evidence' | 'attach' | null }> {
  const who = actorOf(caller);
  const blocker = await lockBlocker(tx, input.blockerId);
  const resolve = () =>
    tx
      .execute(
        sql`UPDATE blockers SET resolved_at = now(), resolved_by = ${who}, resolution = ${input.resolution},
                                resolution_action = ${input.action ?? null}
             WHERE id = ${blocker.id}`,
      )
      .catch(explain);

  // Already resolved: the database refuses any change (the trigger's own words, explained).
  if (blocker.resolved_at !== null) {
    await resolve();
    throw new ActionError('conflict', 'This blocker is already resolved, and a resolution cannot be changed.');
  }
  if (blocker.foreman && !input.action) {
    throw new ActionError('invalid_input', 'Say what was done to resolve it.', { action: 'Choose what was done' });
  }

  if (input.justification === 'waiver') {
    await tx.execute(sql`
      INSERT INTO decisions (organisation_id, id, blocker_id, decision_type, decision_summary, authority, decided_by, reason)
      VALUES (${caller.organisationId}, ${`DEC-${randomUUID()}`}, ${blocker.id}, 'waiver', ${`Waiver of blocker ${blocker.id}`}, ${who}, ${who}, ${input.resolution})`);
  } else if (input.justification === 'evidence') {
    const candidates = await listResolutionEvidence(tx, { blockerId: blocker.id });
    if (!input.evidenceRef || !candidates.some((c) => c.ref === input.evidenceRef)) {
      throw new ActionError('invalid_input', 'Pick evidence recorded since the blocker was raised.', { evidenceRef: 'Pick evidence from the list' });
    }
  } else if (input.justification === 'attach') {
    await attachEvidence(tx, { caller, blocker, input });
  }
  await resolve();
  return { id: blocker.id, justification: input.justification ?? null };
}

async function attachEvidence(
  tx: Database,
  { caller, blocker, input }: { caller: OrganisationCaller; blocker: BlockerState; input: z.output<typeof resolveBlockerInput> },
) {
  if (!can(caller.role, 'evidence:attach')) {
    throw new ActionError('forbidden', 'Your role may not attach evidence: pick evidence already recorded, or record a waiver.');
  }
  if (!input.attachUri) throw new ActionError('invalid_input', 'Say where the evidence is.', { attachUri: 'Give a link or path to the evidence' });
  const who = actorOf(caller);
  const title = input.attachTitle ?? `Evidence for blocker ${blocker.id}`;
  if (blocker.work_id) {
    // Kernel evidence is hashed; Gantry holds a reference, so it records the reference's hash.
    const sha256 = createHash('sha256').update(input.attachUri).digest('hex');
    await tx.execute(sql`
      INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, title, description, created_by)
      VALUES (${caller.organisationId}, ${`EV-${randomUUID()}`}, ${blocker.work_id}, ${input.attachType ?? 'reference'}, ${input.attachUri},
              ${sha256}, ${title}, ${`Attached to resolve blocker ${blocker.id}`}, ${who})`);
  } else {
    await tx.execute(sql`
      INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor, context)
      VALUES (${caller.organisationId}, ${blocker.entity_type}, ${blocker.entity_id}, 'evidence_attached', ${who},
              ${JSON.stringify({ title, uri: input.attachUri, type: input.attachType ?? 'reference', blocker_id: blocker.id })}::jsonb)`);
  }
}

/** Escalates an open blocker: a decision of type escalation naming it (trigger decisions_escalate_blocker marks the blocker). */
export async function escalateBlocker(
  tx: Database,
  { caller, input }: { caller: OrganisationCaller; input: z.output<typeof escalateBlockerInput> },
): Promise<{ id: string; decisionId: string }> {
  const blocker = await lockBlocker(tx, input.blockerId);
  if (blocker.resolved_at !== null) throw new ActionError('conflict', 'This blocker is already resolved; it cannot be escalated.');
  const decisionId = `DEC-${randomUUID()}`;
  const who = actorOf(caller);
  await tx.execute(sql`
    INSERT INTO decisions (organisation_id, id, blocker_id, decision_type, decision_summary, authority, decided_by, reason)
    VALUES (${caller.organisationId}, ${decisionId}, ${blocker.id}, 'escalation', ${`Escalation of blocker ${blocker.id} to ${input.to}`},
            ${input.to}, ${who}, ${input.reason})`);
  return { id: blocker.id, decisionId };
}
