import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import type { Database } from '../db/connection';
import { explained } from './refusals';
import { requireLiveIds, rows } from './sql';

const itemId = z.string().trim().min(1, 'Which item?').max(200);

export const DEPENDENCY_TYPES = ['blocks', 'soft', 'related'] as const;

export const addRoadmapDependencyInput = z.object({
  itemId,
  dependsOnId: z.string().trim().min(1, 'Which item does it depend on?').max(200),
  dependencyType: z.enum(DEPENDENCY_TYPES, 'Choose blocks, soft or related').default('blocks'),
  notes: z.string().trim().max(1000).optional(),
});
export const removeRoadmapDependencyInput = z.object({ itemId, dependsOnId: itemId });

export type AddRoadmapDependencyInput = z.infer<typeof addRoadmapDependencyInput>;
export type RemoveRoadmapDependencyInput = z.infer<typeof removeRoadmapDependencyInput>;

/**
 * Records that `itemId` depends on `dependsOnId`. The database refuses an edge that would close a
 * loop (roadmap_dep_no_cycles, for every type of edge), and nothing changes.
 */
export async function addRoadmapDependency(tx: Database, organisationId: string, createdBy: string, input: AddRoadmapDependencyInput) {
  if (input.itemId === input.dependsOnId) {
    throw new ActionError('invalid_input', 'An item cannot depend on itself.', { dependsOnId: 'Choose another item' });
  }
  await requireLiveIds(tx, organisationId, 'roadmap_items', [input.itemId, input.dependsOnId], {
    noun: 'roadmap item',
    field: { dependsOnId: 'No such item' },
  });
  const [existing] = await rows<{ dependency_type: string }>(
    tx,
    sql`SELECT dependency_type FROM roadmap_dependencies
        WHERE organisation_id = ${organisationId} AND item_id = ${input.itemId} AND depends_on_id = ${input.dependsOnId}`,
  );
  if (existing) {
    throw new ActionError(
      'conflict',
      `${input.itemId} already depends on ${input.dependsOnId} (${existing.dependency_type}). Remove that edge first to change its type.`,
    );
  }
  await explained(() =>
    tx.execute(
      sql`INSERT INTO roadmap_dependencies (organisation_id, item_id, depends_on_id, dependency_type, created_by, notes)
          VALUES (${organisationId}, ${input.itemId}, ${input.dependsOnId}, ${input.dependencyType}, ${createdBy}, ${input.notes || null})`,
    ),
  );
  return { itemId: input.itemId, dependsOnId: input.dependsOnId, dependencyType: input.dependencyType };
}

/** Removes one edge (its removal is audited by roadmap_dep_audit_delete). */
export async function removeRoadmapDependency(tx: Database, organisationId: string, input: RemoveRoadmapDependencyInput) {
  const deleted = await rows<{ item_id: string }>(
    tx,
    sql`DELETE FROM roadmap_dependencies
        WHERE organisation_id = ${organisationId} AND item_id = ${input.itemId} AND depends_on_id = ${input.dependsOnId}
        RETURNING item_id`,
  );
  if (!deleted.length) throw new ActionError('not_found', `${input.itemId} does not depend on ${input.dependsOnId} (any more).`);
  return input;
}
