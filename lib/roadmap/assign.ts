import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../auth/result';
import type { Database } from '../db/connection';
import { explained } from './refusals';
import { rows } from './sql';

export const ASSIGNMENT_ROLES = ['implementer', 'reviewer', 'owner', 'observer'] as const;

export const assignRoadmapItemInput = z.object({
  itemId: z.string().trim().min(1, 'Which item?').max(200),
  agentId: z.string().trim().min(1, 'Who takes it? An agent id or a person').max(200),
  role: z.enum(ASSIGNMENT_ROLES, 'Choose a role').default('implementer'),
});
export type AssignRoadmapItemInput = z.infer<typeof assignRoadmapItemInput>;

export interface PrerequisiteHolding {
  id: string;
  title: string;
  status: string;
  depth: number;
  /** Agents assigned to it (assigned or active), nearest first; empty when nobody holds it. */
  holders: string[];
  /** Surfaced by this assignment (roadmap_assignment_cascade): open, and nobody held it. */
  surfaced: boolean;
}

export interface AssignmentOutcome {
  assignmentId: number;
  itemId: string;
  agentId: string;
  role: string;
  readiness: string;
  /** The item's open prerequisites (its chain of blocking dependencies), nearest first, with who holds each. */
  prerequisites: PrerequisiteHolding[];
  surfacedCount: number;
}

/** How many open prerequisites the outcome lists (the chain of a large graph can hold thousands). */
const SHOWN = 25;

/**
 * Assigns an agent to a roadmap item. The database's cascade (roadmap_assignment_cascade) writes
 * an assignment_prerequisites row for every open prerequisite that nobody holds; the outcome
 * lists those and the prerequisites someone already holds, with who.
 */
export async function assignRoadmapItem(tx: Database, organisationId: string, assignedBy: string, input: AssignRoadmapItemInput): Promise<AssignmentOutcome> {
  const [item] = await rows<{ id: string }>(
    tx,
    sql`SELECT id FROM roadmap_items WHERE organisation_id = ${organisationId} AND id = ${input.itemId} AND deleted_at IS NULL`,
  );
  if (!item) throw new ActionError('not_found', `There is no roadmap item ${input.itemId}.`, { itemId: 'No such item' });
  const [taken] = await rows<{ status: string }>(
    tx,
    sql`SELECT status FROM roadmap_assignments
        WHERE organisation_id = ${organisationId} AND item_id = ${input.itemId} AND agent_id = ${input.agentId} AND role = ${input.role}`,
  );
  if (taken) throw new ActionError('conflict', `${input.agentId} is already ${input.role} of ${input.itemId} (${taken.status}).`);
  const [assignment] = await explained(() =>
    rows<{ id: number }>(
      tx,
      sql`INSERT INTO roadmap_assignments (organisation_id, item_id, agent_id, role, assigned_by)
          VALUES (${organisationId}, ${input.itemId}, ${input.agentId}, ${input.role}, ${assignedBy}) RETURNING id`,
    ),
  );
  const assignmentId = Number(assignment!.id);
  const [summary] = await rows<{ readiness: string }>(
    tx,
    sql`SELECT readiness FROM v_assignment_with_prerequisites WHERE organisation_id = ${organisationId} AND assignment_id = ${assignmentId}`,
  );
  const prerequisites = await rows<{ id: string; title: string; status: string; depth: number; holders: string | null; surfaced: boolean }>(
    tx,
    sql`SELECT c.prereq_id AS id, c.prereq_title AS title, c.prereq_status AS status, c.depth,
               (SELECT string_agg(DISTINCT a.agent_id, ', ' ORDER BY a.agent_id) FROM roadmap_assignments a
                 WHERE a.organisation_id = ${organisationId} AND a.item_id = c.prereq_id AND a.status IN ('assigned', 'active')) AS holders,
               EXISTS (SELECT 1 FROM assignment_prerequisites ap
                        WHERE ap.organisation_id = ${organisationId} AND ap.source_assignment_id = ${assignmentId}
                          AND ap.prerequisite_item_id = c.prereq_id) AS surfaced
        FROM roadmap_prerequisite_chain(${organisationId}::uuid, ${input.itemId}) AS c
        WHERE c.prereq_status <> 'completed'
        ORDER BY c.depth, c.prereq_id`,
  );
  return {
    assignmentId,
    itemId: input.itemId,
    agentId: input.agentId,
    role: input.role,
    readiness: summary?.readiness ?? 'ready',
    surfacedCount: prerequisites.filter((p) => p.surfaced).length,
    prerequisites: prerequisites.slice(0, SHOWN).map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      depth: Number(p.depth),
      holders: p.holders ? p.holders.split(', ') : [],
      surfaced: Boolean(p.surfaced),
    })),
  };
}
