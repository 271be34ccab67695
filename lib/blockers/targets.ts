import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import type { Database } from '../db/connection';
import { rowsOf } from '../db/sql';
import { TARGET_TYPES, type TargetType } from './kinds';

export const findBlockerTargetsInput = z.object({
  /** The organisation the page shows (see assertSameOrganisation). */
  organisationId: z.string().min(1).max(100),
  targetType: z.enum(TARGET_TYPES),
  q: z.string().trim().max(100).optional().default(''),
});

export interface TargetOption {
  id: string;
  label: string;
}

const LIMIT = 20;

/** Items a blocker can be raised on, by name or id, for the raise form's picker (at most 20). */
export async function findBlockerTargets(
  tx: Database,
  { targetType, q }: Omit<z.output<typeof findBlockerTargetsInput>, 'organisationId'>,
): Promise<TargetOption[]> {
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const queries: Record<TargetType, ReturnType<typeof sql>> = {
    task: sql`SELECT t.task_id::text AS id, t.name || ' · ' || w.name AS label FROM tasks t
                JOIN waves w ON w.organisation_id = t.organisation_id AND w.wave_id = t.wave_id
               WHERE t.deleted_at IS NULL AND (t.name ILIKE ${like} OR t.task_id::text = ${q})
               ORDER BY t.state IN ('completed', 'failed'), t.name LIMIT ${LIMIT}`,
    wave: sql`SELECT w.wave_id::text AS id, w.name || ' · ' || p.name AS label FROM waves w
                JOIN programs p ON p.organisation_id = w.organisation_id AND p.id = w.program_id
               WHERE w.deleted_at IS NULL AND (w.name ILIKE ${like} OR p.name ILIKE ${like})
               ORDER BY w.state IN ('completed', 'failed'), p.name, w.sequence_number LIMIT ${LIMIT}`,
    program: sql`SELECT id, name AS label FROM programs WHERE deleted_at IS NULL AND (name ILIKE ${like} OR id ILIKE ${like})
                  ORDER BY name LIMIT ${LIMIT}`,
    roadmap_item: sql`SELECT id, id || ' · ' || title AS label FROM roadmap_items
                       WHERE deleted_at IS NULL AND (id ILIKE ${like} OR title ILIKE ${like})
                       ORDER BY status_key IN ('completed', 'deferred'), id LIMIT ${LIMIT}`,
    attempt: sql`SELECT id, id || ' on ' || work_id || ' by ' || worker_id AS label FROM attempts
                  WHERE (id ILIKE ${like} OR work_id ILIKE ${like} OR worker_id ILIKE ${like})
                  ORDER BY ended_at IS NOT NULL, started_at DESC LIMIT ${LIMIT}`,
  };
  return rowsOf<TargetOption>(await tx.execute(queries[targetType]));
}
