import 'server-only';

import { sql } from 'drizzle-orm';

import { resolveActors } from '../organisations/actors';
import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { hasFilters, type RoadmapFilters } from './filters';
import { itemFilterSql, rows, textArray } from './sql';
import { getRoadmapTerms } from './terms';
import type { LaneItem, PhaseLane, PhaseProgress, RoadmapOptions } from './types';
import type { OrganisationCaller } from '../auth/identity';

/** enforce_phase_limit's limit for a phase without a roadmap_phase_limits row. */
export const DEFAULT_PHASE_LIMIT = 50;

export interface RoadmapPhases {
  lanes: PhaseLane[];
  options: RoadmapOptions;
  filtered: boolean;
  limit: number;
}

interface ProgressRow {
  phase_key: string;
  total_items: number;
  completed: number;
  in_progress: number;
  blocked: number;
  pct_complete: number;
}

interface LaneRow {
  id: string;
  phase_key: string;
  title: string;
  status_key: string;
  item_type: string;
  owner: string | null;
  program_id: string | null;
  rank: number | null;
  row_version: number;
  unmet: number;
  target_date: string | null;
}

/**
 * The phases view: each roadmap phase (terminology order) as a lane with its first `limit`
 * items in rank order, its progress (v_roadmap_progress, or the same counts over the filtered
 * items), and its active count against the phase limit.
 */
export async function getRoadmapPhases(
  member: OrganisationCaller,
  { filters = {}, limit = 50 }: { filters?: RoadmapFilters; limit?: number } = {},
): Promise<RoadmapPhases> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const terms = await getRoadmapTerms(tx);
    const phaseKeys = terms.phases.map((p) => p.key);
    const filtered = hasFilters(filters);
    // One after the other: a transaction holds one connection.
    const progress = await readProgress(tx, organisationId, filters);
    const active = await rows<{ phase_key: string; active: number }>(
      tx,
      sql`SELECT phase_key, count(*)::integer AS active FROM roadmap_items
          WHERE organisation_id = ${organisationId} AND deleted_at IS NULL AND status_key NOT IN ('completed', 'deferred')
          GROUP BY phase_key`,
    );
    const limits = await rows<{ phase_key: string; max_active_items: number }>(
      tx,
      sql`SELECT phase_key, max_active_items FROM roadmap_phase_limits WHERE organisation_id = ${organisationId}`,
    );
    const lanes = await readLanes(tx, organisationId, phaseKeys, filters, limit);
    const options = await readOptions(tx, organisationId);
    const who = await resolveActors(
      tx,
      lanes.map((row) => row.owner),
    );
    const progressOf = new Map(progress.map((p) => [p.phase_key, p]));
    const activeOf = new Map(active.map((a) => [a.phase_key, Number(a.active)]));
    const limitOf = new Map(limits.map((l) => [l.phase_key, Number(l.max_active_items)]));
    return {
      filtered,
      limit,
      options: { ...options, statuses: terms.statuses, types: terms.types },
      lanes: terms.phases.map((phase) => ({
        phase,
        progress: toProgress(progressOf.get(phase.key)),
        active: activeOf.get(phase.key) ?? 0,
        limit: limitOf.get(phase.key) ?? DEFAULT_PHASE_LIMIT,
        items: lanes
          .filter((row) => row.phase_key === phase.key)
          .map((row): LaneItem => ({
            id: row.id,
            title: row.title,
            status: terms.label('roadmap_status', row.status_key),
            type: terms.label('roadmap_item_type', row.item_type),
            owner: row.owner,
            ownerName: row.owner ? who(row.owner) : null,
            programId: row.program_id,
            rank: row.rank === null ? null : Number(row.rank),
            version: Number(row.row_version),
            unmetDependencies: Number(row.unmet),
            targetDate: row.target_date,
          })),
      })),
    };
  });
}

function toProgress(row: ProgressRow | undefined): PhaseProgress {
  if (!row) return { total: 0, completed: 0, inProgress: 0, blocked: 0, percent: 0 };
  return {
    total: Number(row.total_items),
    completed: Number(row.completed),
    inProgress: Number(row.in_progress),
    blocked: Number(row.blocked),
    percent: Number(row.pct_complete),
  };
}

/** The database's own roll-up when nothing is filtered; the same counts over the filtered items otherwise. */
async function readProgress(tx: Database, organisationId: string, filters: RoadmapFilters): Promise<ProgressRow[]> {
  if (!hasFilters(filters)) {
    return rows<ProgressRow>(
      tx,
      sql`SELECT phase_key, total_items, completed, in_progress, blocked, pct_complete
          FROM v_roadmap_progress WHERE organisation_id = ${organisationId}`,
    );
  }
  return rows<ProgressRow>(
    tx,
    sql`SELECT i.phase_key, count(*)::integer AS total_items,
               (count(*) FILTER (WHERE i.status_key = 'completed'))::integer AS completed,
               (count(*) FILTER (WHERE i.status_key = 'in_progress'))::integer AS in_progress,
               (count(*) FILTER (WHERE i.status_key = 'blocked'))::integer AS blocked,
               round(100.0 * count(*) FILTER (WHERE i.status_key = 'completed') / count(*), 1)::double precision AS pct_complete
        FROM roadmap_items i
        WHERE i.organisation_id = ${organisationId} AND i.deleted_at IS NULL AND ${itemFilterSql(filters)}
        GROUP BY i.phase_key`,
  );
}

/** The first `limit` items of each lane in rank order (unranked last), each with its unmet blocking dependencies. */
async function readLanes(tx: Database, organisationId: string, phaseKeys: string[], filters: RoadmapFilters, limit: number): Promise<LaneRow[]> {
  return rows<LaneRow>(
    tx,
    sql`SELECT l.* FROM unnest(${textArray(phaseKeys)}) AS ph(key)
        CROSS JOIN LATERAL (
          SELECT i.id, i.phase_key, i.title, i.status_key, i.item_type, i.owner, i.program_id, i.rank, i.row_version,
                 i.target_date::text AS target_date, u.unmet
          FROM roadmap_items i
          CROSS JOIN LATERAL (
            SELECT count(*)::integer AS unmet FROM roadmap_dependencies d
            JOIN roadmap_items p ON p.organisation_id = d.organisation_id AND p.id = d.depends_on_id AND p.status_key <> 'completed'
            WHERE d.organisation_id = i.organisation_id AND d.item_id = i.id AND d.dependency_type = 'blocks'
          ) AS u
          WHERE i.organisation_id = ${organisationId} AND i.phase_key = ph.key AND i.deleted_at IS NULL AND ${itemFilterSql(filters)}
          ORDER BY i.rank NULLS LAST, i.id
          LIMIT ${limit}
        ) AS l`,
  );
}

async function readOptions(tx: Database, organisationId: string) {
  const programs = await rows<{ id: string; name: string }>(
    tx,
    sql`SELECT id, name FROM programs WHERE organisation_id = ${organisationId} AND deleted_at IS NULL ORDER BY name`,
  );
  const products = await rows<{ id: string; name: string; program_id: string }>(
    tx,
    sql`SELECT id, name, program_id FROM products WHERE organisation_id = ${organisationId} AND deleted_at IS NULL ORDER BY name`,
  );
  return { programs, products: products.map((p) => ({ id: p.id, name: p.name, programId: p.program_id })) };
}
