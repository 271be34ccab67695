import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
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
  /** Its open blocking dependencies with who holds each, and the prerequisites further down the chain that nobody held (surfaced). */
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
  // What the cascade surfaced (nobody held it), nearest first, and the item's own open blocking
  // dependencies with their holders. Not the whole chain again: the cascade has just walked it,
  // and at scale it holds thousands of items.
  const prerequisites = await rows<{ id: string; title: string; status: string; depth: number; holders: string | null; surfaced: boolean }>(
    tx,
    sql`SELECT * FROM (
          SELECT p.id, p.title, p.status_key AS status, 1 AS depth,
                 (SELECT string_agg(DISTINCT a.agent_id, ', ' ORDER BY a.agent_id) FROM roadmap_assignments a
                   WHERE a.organisation_id = p.organisation_id AND a.item_id = p.id AND a.status IN ('assigned', 'active')) AS holders,
                 EXISTS (SELECT 1 FROM assignment_prerequisites ap
                          WHERE ap.organisation_id = p.organisation_id AND ap.source_assignment_id = ${assignmentId} AND ap.prerequisite_item_id = p.id) AS surfaced
          FROM roadmap_dependencies d
          JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id AND p.deleted_at IS NULL AND p.status_key <> 'completed'
          WHERE d.organisation_id = ${organisationId} AND d.item_id = ${input.itemId} AND d.dependency_type = 'blocks'
          UNION
          SELECT p.id, p.title, p.status_key, ap.depth, NULL, true
          FROM assignment_prerequisites ap
          JOIN roadmap_items p ON p.organisation_id = ap.organisation_id AND p.id = ap.prerequisite_item_id
          WHERE ap.organisation_id = ${organisationId} AND ap.source_assignment_id = ${assignmentId} AND ap.depth > 1
        ) AS prerequisites
        ORDER BY depth, id
        LIMIT ${SHOWN}`,
  );
  const [surfaced] = await rows<{ n: number }>(
    tx,
    sql`SELECT count(*)::integer AS n FROM assignment_prerequisites WHERE organisation_id = ${organisationId} AND source_assignment_id = ${assignmentId}`,
  );
  return {
    assignmentId,
    itemId: input.itemId,
    agentId: input.agentId,
    role: input.role,
    readiness: summary?.readiness ?? 'ready',
    surfacedCount: Number(surfaced?.n ?? 0),
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
