import 'server-only';

import { sql } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rows, textArray } from './sql';
import { getRoadmapTerms } from './terms';
import type { Term } from './types';
import type { OrganisationCaller } from '../auth/identity';

export interface ReadyItem {
  id: string;
  title: string;
  phase: Term;
  owner: string | null;
  /** Open gates and unfinished soft dependencies: they do not stop a start, but someone should know. */
  missing: MissingPrerequisite[];
}

export interface BlockingItem {
  id: string;
  title: string;
  status: Term;
  /** Agents holding it (assigned or active). */
  holders: string[];
}

export interface MissingPrerequisite {
  kind: 'approval_required' | 'blocker_unresolved' | 'dependency_incomplete';
  id: string;
  title: string;
  status: Term;
}

export interface BlockedItem {
  id: string;
  title: string;
  phase: Term;
  status: Term;
  blockingCount: number;
  blocking: BlockingItem[];
  /** Gates still open and soft dependencies not done (v_missing_prereqs), besides the blocking ones. */
  missing: MissingPrerequisite[];
}

export interface UnassignedPrerequisite {
  id: string;
  title: string;
  phase: Term;
  status: Term;
  blockingCount: number;
  blocksItems: string;
}

export interface RoadmapQueues {
  ready: ReadyItem[];
  blocked: BlockedItem[];
  unassigned: UnassignedPrerequisite[];
  /** True when a queue has more rows than shown. */
  moreReady: boolean;
  moreBlocked: boolean;
}

/**
 * What can start now (v_ready_items), what waits and on what (v_blocked_items, with the blocking
 * items' titles, statuses and holders, and v_missing_prereqs), and the prerequisites that
 * assignments surfaced and nobody holds (v_unassigned_prerequisites). First `limit` of each.
 */
export async function getRoadmapQueues(member: OrganisationCaller, { limit = 50 }: { limit?: number } = {}): Promise<RoadmapQueues> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const terms = await getRoadmapTerms(tx);
    const phase = (key: string) => terms.label('roadmap_phase', key);
    const status = (key: string) => terms.label('roadmap_status', key);
    const ready = await readReady(tx, organisationId, limit + 1);
    const blocked = await readBlocked(tx, organisationId, limit + 1);
    const shownBlocked = blocked.slice(0, limit);
    const blockingIds = [...new Set(shownBlocked.flatMap((b) => b.blocking_items.split(', ')))];
    const blocking = await readBlocking(tx, organisationId, blockingIds);
    const shownReady = ready.slice(0, limit);
    const missing = await readMissing(
      tx,
      organisationId,
      [...shownReady, ...shownBlocked].map((b) => b.id),
    );
    const missingOf = (id: string) =>
      missing
        .filter((m) => m.item_id === id && m.prereq_type !== 'blocker_unresolved')
        .map((m): MissingPrerequisite => ({ kind: m.prereq_type, id: m.prereq_id, title: m.prereq_title, status: status(m.prereq_status) }));
    const unassigned = await rows<{
      prerequisite_item_id: string;
      prereq_title: string;
      phase_key: string;
      status_key: string;
      blocking_count: number;
      blocks_items: string;
    }>(
      tx,
      sql`SELECT prerequisite_item_id, prereq_title, phase_key, status_key, blocking_count, blocks_items
          FROM v_unassigned_prerequisites WHERE organisation_id = ${organisationId} LIMIT ${limit}`,
    );
    return {
      moreReady: ready.length > limit,
      moreBlocked: blocked.length > limit,
      ready: shownReady.map((r) => ({ id: r.id, title: r.title, phase: phase(r.phase_key), owner: r.owner, missing: missingOf(r.id) })),
      blocked: shownBlocked.map((b) => ({
        id: b.id,
        title: b.title,
        phase: phase(b.phase_key),
        status: status(b.status_key),
        blockingCount: Number(b.blocking_count),
        blocking: b.blocking_items.split(', ').map((id) => {
          const row = blocking.get(id);
          return { id, title: row?.title ?? id, status: status(row?.status_key ?? 'pending'), holders: row?.holders ? row.holders.split(', ') : [] };
        }),
        missing: missingOf(b.id),
      })),
      unassigned: unassigned.map((u) => ({
        id: u.prerequisite_item_id,
        title: u.prereq_title,
        phase: phase(u.phase_key),
        status: status(u.status_key),
        blockingCount: Number(u.blocking_count),
        blocksItems: u.blocks_items,
      })),
    };
  });
}

export function readReady(tx: Database, organisationId: string, limit: number) {
  return rows<{ id: string; title: string; phase_key: string; owner: string | null }>(
    tx,
    sql`SELECT id, title, phase_key, owner FROM v_ready_items WHERE organisation_id = ${organisationId} LIMIT ${limit}`,
  );
}

export function readBlocked(tx: Database, organisationId: string, limit: number) {
  return rows<{ id: string; title: string; phase_key: string; status_key: string; blocking_count: number; blocking_items: string }>(
    tx,
    sql`SELECT id, title, phase_key, status_key, blocking_count, blocking_items FROM v_blocked_items
        WHERE organisation_id = ${organisationId} ORDER BY id LIMIT ${limit}`,
  );
}

async function readBlocking(tx: Database, organisationId: string, ids: string[]) {
  if (!ids.length) return new Map<string, { title: string; status_key: string; holders: string | null }>();
  const found = await rows<{ id: string; title: string; status_key: string; holders: string | null }>(
    tx,
    sql`SELECT i.id, i.title, i.status_key,
               (SELECT string_agg(DISTINCT a.agent_id, ', ' ORDER BY a.agent_id) FROM roadmap_assignments a
                 WHERE a.organisation_id = i.organisation_id AND a.item_id = i.id AND a.status IN ('assigned', 'active')) AS holders
        FROM roadmap_items i WHERE i.organisation_id = ${organisationId} AND i.id = ANY (${textArray(ids)})`,
  );
  return new Map(found.map((f) => [f.id, f]));
}

function readMissing(tx: Database, organisationId: string, itemIds: string[]) {
  return rows<{ item_id: string; prereq_type: MissingPrerequisite['kind']; prereq_id: string; prereq_status: string; prereq_title: string }>(
    tx,
    sql`SELECT item_id, prereq_type, prereq_id, prereq_status, prereq_title FROM v_missing_prereqs
        WHERE organisation_id = ${organisationId} AND item_id = ANY (${textArray(itemIds)})
        ORDER BY item_id, prereq_type, prereq_id`,
  );
}
