import 'server-only';

import { sql } from 'drizzle-orm';

import { resolveActors } from '../organisations/actors';
import { withOrganisation } from '../db/client';
import { rows } from './sql';
import { getRoadmapTerms } from './terms';
import type { Term } from './types';
import type { OrganisationCaller } from '../auth/identity';

export interface LinkedItem {
  id: string;
  title: string;
  status: Term;
  type: Term;
  dependencyType: string;
}

export interface RoadmapItemDetail {
  id: string;
  title: string;
  description: string | null;
  phase: Term;
  status: Term;
  type: Term;
  owner: string | null;
  program: { id: string; name: string } | null;
  product: { id: string; name: string } | null;
  changeRequest: { id: string; title: string } | null;
  targetDate: string | null;
  completedAt: Date | null;
  version: number;
  /** What it depends on. */
  prerequisites: LinkedItem[];
  /** What depends on it. */
  dependents: LinkedItem[];
  assignments: { agentId: string; role: string; status: string }[];
  evidence: { id: string; type: string; uri: string; title: string | null; createdBy: string; createdAt: Date }[];
  statuses: Term[];
}

/** One roadmap item with its edges both ways, its assignments and its evidence: the item panel. */
export async function getRoadmapItem(member: OrganisationCaller, { id }: { id: string }): Promise<RoadmapItemDetail | null> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const terms = await getRoadmapTerms(tx);
    const [item] = await rows<{
      id: string;
      title: string;
      description: string | null;
      phase_key: string;
      status_key: string;
      item_type: string;
      owner: string | null;
      program_id: string | null;
      program_name: string | null;
      product_id: string | null;
      product_name: string | null;
      cr_id: string | null;
      cr_title: string | null;
      target_date: string | null;
      completed_at: Date | null;
      row_version: number;
    }>(
      tx,
      sql`SELECT i.id, i.title, i.description, i.phase_key, i.status_key, i.item_type, i.owner,
                 i.program_id, g.name AS program_name, i.product_id, p.name AS product_name,
                 i.cr_id, c.title AS cr_title, i.target_date::text AS target_date, i.completed_at, i.row_version
          FROM roadmap_items i
          LEFT JOIN programs g ON g.organisation_id = i.organisation_id AND g.id = i.program_id
          LEFT JOIN products p ON p.organisation_id = i.organisation_id AND p.id = i.product_id
          LEFT JOIN change_requests c ON c.organisation_id = i.organisation_id AND c.id = i.cr_id
          WHERE i.organisation_id = ${organisationId} AND i.id = ${id} AND i.deleted_at IS NULL`,
    );
    if (!item) return null;
    const linked = (direction: 'out' | 'in') =>
      rows<{ id: string; title: string; status_key: string; item_type: string; dependency_type: string }>(
        tx,
        direction === 'out'
          ? sql`SELECT o.id, o.title, o.status_key, o.item_type, d.dependency_type FROM roadmap_dependencies d
                JOIN roadmap_items o ON o.organisation_id = d.organisation_id AND o.id = d.depends_on_id
                WHERE d.organisation_id = ${organisationId} AND d.item_id = ${id} ORDER BY d.dependency_type, o.id`
          : sql`SELECT o.id, o.title, o.status_key, o.item_type, d.dependency_type FROM roadmap_dependencies d
                JOIN roadmap_items o ON o.organisation_id = d.organisation_id AND o.id = d.item_id
                WHERE d.organisation_id = ${organisationId} AND d.depends_on_id = ${id} AND o.deleted_at IS NULL
                ORDER BY d.dependency_type, o.id LIMIT 200`,
      );
    const toLinked = (r: { id: string; title: string; status_key: string; item_type: string; dependency_type: string }): LinkedItem => ({
      id: r.id,
      title: r.title,
      status: terms.label('roadmap_status', r.status_key),
      type: terms.label('roadmap_item_type', r.item_type),
      dependencyType: r.dependency_type,
    });
    const prerequisites = (await linked('out')).map(toLinked);
    const dependents = (await linked('in')).map(toLinked);
    const assignments = await rows<{ agent_id: string; role: string; status: string }>(
      tx,
      sql`SELECT agent_id, role, status FROM roadmap_assignments WHERE organisation_id = ${organisationId} AND item_id = ${id} ORDER BY assigned_at, id`,
    );
    const evidence = await rows<{ id: string; evidence_type: string; uri: string; title: string | null; created_by: string; created_at: Date }>(
      tx,
      sql`SELECT id, evidence_type, uri, title, created_by, created_at FROM evidence
          WHERE organisation_id = ${organisationId} AND work_id = ${id} ORDER BY created_at DESC, id LIMIT 20`,
    );
    const who = await resolveActors(
      tx,
      evidence.map((e) => e.created_by),
    );
    return {
      id: item.id,
      title: item.title,
      description: item.description,
      phase: terms.label('roadmap_phase', item.phase_key),
      status: terms.label('roadmap_status', item.status_key),
      type: terms.label('roadmap_item_type', item.item_type),
      owner: item.owner,
      program: item.program_id ? { id: item.program_id, name: item.program_name ?? item.program_id } : null,
      product: item.product_id ? { id: item.product_id, name: item.product_name ?? item.product_id } : null,
      changeRequest: item.cr_id ? { id: item.cr_id, title: item.cr_title ?? item.cr_id } : null,
      targetDate: item.target_date,
      completedAt: item.completed_at ? new Date(item.completed_at) : null,
      version: Number(item.row_version),
      prerequisites,
      dependents,
      assignments: assignments.map((a) => ({ agentId: a.agent_id, role: a.role, status: a.status })),
      evidence: evidence.map((e) => ({
        id: e.id,
        type: e.evidence_type,
        uri: e.uri,
        title: e.title,
        createdBy: who(e.created_by),
        createdAt: new Date(e.created_at),
      })),
      statuses: terms.statuses,
    };
  });
}
