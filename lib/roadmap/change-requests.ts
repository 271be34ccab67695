import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { getTermLookup } from '../portfolio/terminology';
import { requireLiveIds, rows } from './sql';
import type { GraphData, Term } from './types';
import type { OrganisationCaller } from '../auth/identity';

export const CR_DEPENDENCY_TYPES = ['blocks', 'related', 'supersedes'] as const;

const crId = z.string().trim().min(1, 'Which change request?').max(200);
export const addCrDependencyInput = z.object({
  crId,
  dependsOnId: z.string().trim().min(1, 'Which change request does it depend on?').max(200),
  dependencyType: z.enum(CR_DEPENDENCY_TYPES, 'Choose blocks, related or supersedes'),
});
export const removeCrDependencyInput = z.object({ crId, dependsOnId: crId });
export type AddCrDependencyInput = z.infer<typeof addCrDependencyInput>;
export type RemoveCrDependencyInput = z.infer<typeof removeCrDependencyInput>;

export interface CrLink {
  id: string;
  title: string;
  status: Term;
  dependencyType: string;
}

export interface ChangeRequestDetail {
  id: string;
  title: string;
  description: string | null;
  status: Term;
  type: Term;
  size: string;
  owner: string | null;
  product: { id: string; name: string } | null;
  feature: { id: string; name: string } | null;
  targetVersion: string | null;
  completedVersion: string | null;
  createdAt: Date;
  /** What this change request depends on. */
  dependsOn: CrLink[];
  /** What depends on it. */
  dependents: CrLink[];
  roadmapItems: { id: string; title: string; status: Term }[];
  graph: GraphData;
}

/** A change request with its dependencies both ways (cr_dependencies), drawn as a graph too. */
export async function getChangeRequest(member: OrganisationCaller, { id }: { id: string }): Promise<ChangeRequestDetail | null> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const label = await getTermLookup(tx, ['cr_status', 'cr_type', 'roadmap_status']);
    const [cr] = await rows<{
      id: string;
      title: string;
      description: string | null;
      status_key: string;
      type_key: string;
      size: string;
      owner: string | null;
      product_id: string | null;
      product_name: string | null;
      feature_id: string | null;
      feature_name: string | null;
      target_version: string | null;
      completed_version: string | null;
      created_at: Date;
    }>(
      tx,
      sql`SELECT c.id, c.title, c.description, c.status_key, c.type_key, c.size, c.owner, c.product_id, p.name AS product_name,
                 c.feature_id, f.name AS feature_name, c.target_version, c.completed_version, c.created_at
          FROM change_requests c
          LEFT JOIN products p ON p.organisation_id = c.organisation_id AND p.id = c.product_id
          LEFT JOIN features f ON f.organisation_id = c.organisation_id AND f.id = c.feature_id
          WHERE c.organisation_id = ${organisationId} AND c.id = ${id} AND c.deleted_at IS NULL`,
    );
    if (!cr) return null;
    const links = async (direction: 'out' | 'in') =>
      (
        await rows<{ id: string; title: string; status_key: string; dependency_type: string }>(
          tx,
          direction === 'out'
            ? sql`SELECT o.id, o.title, o.status_key, d.dependency_type FROM cr_dependencies d
                  JOIN change_requests o ON o.organisation_id = d.organisation_id AND o.id = d.depends_on_id
                  WHERE d.organisation_id = ${organisationId} AND d.cr_id = ${id} ORDER BY d.dependency_type, o.id`
            : sql`SELECT o.id, o.title, o.status_key, d.dependency_type FROM cr_dependencies d
                  JOIN change_requests o ON o.organisation_id = d.organisation_id AND o.id = d.cr_id
                  WHERE d.organisation_id = ${organisationId} AND d.depends_on_id = ${id} ORDER BY d.dependency_type, o.id LIMIT 200`,
        )
      ).map((r): CrLink => ({ id: r.id, title: r.title, status: label('cr_status', r.status_key), dependencyType: r.dependency_type }));
    const dependsOn = await links('out');
    const dependents = await links('in');
    const items = await rows<{ id: string; title: string; status_key: string }>(
      tx,
      sql`SELECT id, title, status_key FROM roadmap_items WHERE organisation_id = ${organisationId} AND cr_id = ${id} AND deleted_at IS NULL ORDER BY id LIMIT 50`,
    );
    const self = {
      id: cr.id,
      label: cr.title,
      status: label('cr_status', cr.status_key),
      kind: 'cr',
      href: `/change-requests/${encodeURIComponent(cr.id)}`,
      focus: true,
    };
    const node = (l: CrLink) => ({ id: l.id, label: l.title, status: l.status, kind: 'cr', href: `/change-requests/${encodeURIComponent(l.id)}` });
    const seen = new Set([cr.id]);
    const nodes = [self, ...[...dependsOn, ...dependents].filter((l) => !seen.has(l.id) && seen.add(l.id)).map(node)];
    return {
      id: cr.id,
      title: cr.title,
      description: cr.description,
      status: label('cr_status', cr.status_key),
      type: label('cr_type', cr.type_key),
      size: cr.size,
      owner: cr.owner,
      product: cr.product_id ? { id: cr.product_id, name: cr.product_name ?? cr.product_id } : null,
      feature: cr.feature_id ? { id: cr.feature_id, name: cr.feature_name ?? cr.feature_id } : null,
      targetVersion: cr.target_version,
      completedVersion: cr.completed_version,
      createdAt: new Date(cr.created_at),
      dependsOn,
      dependents,
      roadmapItems: items.map((i) => ({ id: i.id, title: i.title, status: label('roadmap_status', i.status_key) })),
      graph: {
        nodes,
        edges: [
          ...dependsOn.map((l) => ({ from: cr.id, to: l.id, type: l.dependencyType })),
          ...dependents.map((l) => ({ from: l.id, to: cr.id, type: l.dependencyType })),
        ],
        truncated: dependents.length >= 200,
      },
    };
  });
}

/** Records that one change request depends on (or blocks on, or supersedes) another. */
export async function addCrDependency(tx: Database, organisationId: string, input: AddCrDependencyInput) {
  if (input.crId === input.dependsOnId) {
    throw new ActionError('invalid_input', 'A change request cannot depend on itself.', { dependsOnId: 'Choose another change request' });
  }
  await requireLiveIds(tx, organisationId, 'change_requests', [input.crId, input.dependsOnId], {
    noun: 'change request',
    field: { dependsOnId: 'No such change request' },
  });
  const [existing] = await rows<{ dependency_type: string }>(
    tx,
    sql`SELECT dependency_type FROM cr_dependencies WHERE organisation_id = ${organisationId} AND cr_id = ${input.crId} AND depends_on_id = ${input.dependsOnId}`,
  );
  if (existing) {
    throw new ActionError(
      'conflict',
      `${input.crId} already depends on ${input.dependsOnId} (${existing.dependency_type}). Remove that edge first to change its type.`,
    );
  }
  await tx.execute(
    sql`INSERT INTO cr_dependencies (organisation_id, cr_id, depends_on_id, dependency_type)
        VALUES (${organisationId}, ${input.crId}, ${input.dependsOnId}, ${input.dependencyType})`,
  );
  return input;
}

export async function removeCrDependency(tx: Database, organisationId: string, input: RemoveCrDependencyInput) {
  const deleted = await rows<{ cr_id: string }>(
    tx,
    sql`DELETE FROM cr_dependencies WHERE organisation_id = ${organisationId} AND cr_id = ${input.crId} AND depends_on_id = ${input.dependsOnId} RETURNING cr_id`,
  );
  if (!deleted.length) throw new ActionError('not_found', `${input.crId} does not depend on ${input.dependsOnId} (any more).`);
  return input;
}
