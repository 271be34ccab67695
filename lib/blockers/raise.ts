import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { CLASSIFICATIONS, isForemanTarget, REASON_CODES, SEVERITIES, TARGET_LABELS, TARGET_TYPES, type TargetType } from './kinds';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const raiseBlockerInput = z
  .object({
    targetType: z.enum(TARGET_TYPES, { error: 'Choose what the blocker is on' }),
    targetId: z.string({ error: 'Choose the item it blocks' }).trim().min(1, { message: 'Choose the item it blocks' }).max(200),
    kind: z
      .string({ error: 'Choose a classification or reason' })
      .trim()
      .min(1, { message: 'Choose a classification or reason' })
      .max(100, { message: 'Choose a classification or reason' }),
    severity: z.enum(SEVERITIES).default('blocking'),
    title: z
      .string({ error: 'Give the blocker a title' })
      .trim()
      .min(3, { message: 'Give the blocker a title of at least 3 characters' })
      .max(200, { message: 'Use at most 200 characters' }),
    description: z.string().trim().max(4000, { message: 'Use at most 4,000 characters' }).optional().default(''),
    needs: z.string().trim().max(1000, { message: 'Use at most 1,000 characters' }).optional().default(''),
  })
  .superRefine((input, ctx) => {
    const foreman = isForemanTarget(input.targetType);
    const kinds: readonly string[] = foreman ? CLASSIFICATIONS : REASON_CODES;
    if (!kinds.includes(input.kind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['kind'],
        message: foreman ? 'A program, wave or task blocker takes a classification' : 'A roadmap item or attempt blocker takes a reason code',
      });
    }
    if ((input.targetType === 'task' || input.targetType === 'wave') && !UUID.test(input.targetId)) {
      ctx.addIssue({ code: 'custom', path: ['targetId'], message: `Choose a ${input.targetType} from the list` });
    }
  });

/** The columns a target fills; the triggers fill the rest (a task's wave and program, an attempt's item). */
function targetColumns(type: TargetType, id: string) {
  return {
    task_id: type === 'task' ? id : null,
    wave_id: type === 'wave' ? id : null,
    program_id: type === 'program' ? id : null,
    work_id: type === 'roadmap_item' ? id : null,
    attempt_id: type === 'attempt' ? id : null,
  };
}

const TARGET_EXISTS: Record<TargetType, (id: string) => ReturnType<typeof sql>> = {
  task: (id) => sql`SELECT 1 FROM tasks WHERE task_id = ${id}::uuid AND deleted_at IS NULL`,
  wave: (id) => sql`SELECT 1 FROM waves WHERE wave_id = ${id}::uuid AND deleted_at IS NULL`,
  program: (id) => sql`SELECT 1 FROM programs WHERE id = ${id} AND deleted_at IS NULL`,
  roadmap_item: (id) => sql`SELECT 1 FROM roadmap_items WHERE id = ${id} AND deleted_at IS NULL`,
  attempt: (id) => sql`SELECT 1 FROM attempts WHERE id = ${id}`,
};

/**
 * Raises a blocker on a task, wave, program, roadmap item or attempt of the caller's
 * organisation. Foreman targets take a classification and a description, kernel targets a
 * reason code and a title (CHECKs blockers_foreman_fields and blockers_kernel_fields); the
 * title doubles as the description when none is given.
 */
export async function raiseBlocker(
  tx: Database,
  { caller, input }: { caller: OrganisationCaller; input: z.output<typeof raiseBlockerInput> },
): Promise<{ id: string }> {
  const { targetType, targetId, kind, severity, title } = input;
  const found = rowsOf(await tx.execute(TARGET_EXISTS[targetType](targetId)));
  if (found.length === 0) {
    throw new ActionError('not_found', `There is no ${TARGET_LABELS[targetType].toLowerCase()} “${targetId}” in this organisation.`, {
      targetId: 'Choose an item from the list',
    });
  }
  const foreman = isForemanTarget(targetType);
  if (kind === 'builder_stall' && targetType === 'task') {
    const open = rowsOf(
      await tx.execute(sql`SELECT 1 FROM blockers WHERE task_id = ${targetId}::uuid AND classification = 'builder_stall'
                            AND resolved_at IS NULL AND deleted_at IS NULL`),
    );
    if (open.length > 0) throw new ActionError('conflict', 'This task already has an open builder stall blocker; resolve or escalate that one.');
  }
  const t = targetColumns(targetType, targetId);
  const description = input.description || title;
  const [row] = rowsOf<{ id: string }>(
    await tx.execute(sql`
      INSERT INTO blockers (organisation_id, task_id, wave_id, program_id, work_id, attempt_id,
                            classification, reason_code, severity, title, description, needs, created_by)
      VALUES (${caller.organisationId}, ${t.task_id}::uuid, ${t.wave_id}::uuid, ${t.program_id}, ${t.work_id}, ${t.attempt_id},
              ${foreman ? kind : null}, ${foreman ? null : kind}, ${severity}, ${title}, ${description}, ${input.needs || null}, ${actorOf(caller)})
      RETURNING id`),
  );
  return { id: row!.id };
}
