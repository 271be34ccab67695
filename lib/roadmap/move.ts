import 'server-only';

import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { ActionError } from '../procedure/result';
import { rankBetween, spreadRanks } from '../board/rank';
import type { Database } from '../db/connection';
import { rowVersion } from '../validation/fields';
import { explained } from './refusals';
import { lockItemAtVersion, rows, termLabel } from './sql';
import type { MoveResult } from './types';

const itemId = z.string().trim().min(1, 'Which item?').max(200);

export const moveRoadmapItemInput = z.object({
  id: itemId,
  toPhase: z.string().trim().min(1, 'Which phase?').max(100),
  /** The item it now follows in the lane (absent: the top, or the end when `afterId` is absent too). */
  beforeId: itemId.nullish(),
  /** The item it now precedes. */
  afterId: itemId.nullish(),
  /** The row version the mover saw. */
  version: rowVersion,
});
export type MoveRoadmapItemInput = z.infer<typeof moveRoadmapItemInput>;

/** How many lane neighbours on each side are spread out when a gap is exhausted. */
const SPREAD_WINDOW = 8;

interface Ranked {
  id: string;
  rank: number | null;
}

/**
 * Moves a roadmap item to a phase and a place in its lane, in the caller's transaction: the item
 * is locked and its version checked, its rank set between its new neighbours (a short run is
 * spread out when they are too close, or unranked), and its phase written. The database keeps
 * the rules: the phase limit (enforce_phase_limit) and the frozen status of completed items.
 */
export async function moveRoadmapItem(tx: Database, organisationId: string, input: MoveRoadmapItemInput): Promise<MoveResult> {
  const { id, toPhase, beforeId, afterId, version } = input;
  if (beforeId === id || afterId === id) throw new ActionError('invalid_input', 'An item cannot be placed next to itself.');
  const phaseLabel = await termLabel(tx, 'roadmap_phase', toPhase);
  if (phaseLabel === undefined) throw new ActionError('invalid_input', `"${toPhase}" is not a roadmap phase.`, { toPhase: 'Unknown phase' });

  const item = await lockItemAtVersion(tx, organisationId, id, version);

  const before = beforeId ? await neighbour(tx, organisationId, beforeId, toPhase, phaseLabel) : null;
  const after = afterId ? await neighbour(tx, organisationId, afterId, toPhase, phaseLabel) : null;
  const rank = (await quickRank(tx, organisationId, id, toPhase, before, after)) ?? (await spreadRun(tx, organisationId, id, toPhase, before, after));

  const moved = item.phase_key !== toPhase;
  const [row] = await explained(() =>
    rows<{ rank: number; row_version: number }>(
      tx,
      // The phase is named only when it changes: enforce_phase_limit fires on any SET of it.
      sql`UPDATE roadmap_items SET rank = ${rank}${moved ? sql`, phase_key = ${toPhase}` : sql``}
          WHERE organisation_id = ${organisationId} AND id = ${id}
          RETURNING rank, row_version`,
    ),
  );
  return { id, phaseKey: toPhase, rank: Number(row!.rank), version: Number(row!.row_version) };
}

async function neighbour(tx: Database, organisationId: string, neighbourId: string, phaseKey: string, phaseLabel: string): Promise<Ranked> {
  const [row] = await rows<{ rank: number | null; phase_key: string }>(
    tx,
    sql`SELECT rank, phase_key FROM roadmap_items WHERE organisation_id = ${organisationId} AND id = ${neighbourId} AND deleted_at IS NULL`,
  );
  if (!row || row.phase_key !== phaseKey) {
    throw new ActionError('conflict', `${neighbourId} is no longer in ${phaseLabel}; the roadmap now shows the latest order. Try the move again.`);
  }
  return { id: neighbourId, rank: row.rank === null ? null : Number(row.rank) };
}

/**
 * A rank between the new neighbours from their ranks alone (the next ranked item of the lane
 * stands in for a missing one), or null when the gap is exhausted or a neighbour above is unranked.
 */
async function quickRank(tx: Database, org: string, id: string, phase: string, before: Ranked | null, after: Ranked | null): Promise<number | null> {
  if (before) {
    if (before.rank === null) return null;
    // The lane's real next item: the page may have hidden some (filters, page size).
    const [next] = await rows<{ rank: number }>(
      tx,
      sql`SELECT rank FROM roadmap_items WHERE organisation_id = ${org} AND phase_key = ${phase} AND deleted_at IS NULL
            AND id <> ${id} AND rank > ${before.rank} ORDER BY rank LIMIT 1`,
    );
    return rankBetween(before.rank, next ? Number(next.rank) : null);
  }
  if (after) {
    if (after.rank === null) return null;
    const [previous] = await rows<{ rank: number }>(
      tx,
      sql`SELECT rank FROM roadmap_items WHERE organisation_id = ${org} AND phase_key = ${phase} AND deleted_at IS NULL
            AND id <> ${id} AND rank < ${after.rank} ORDER BY rank DESC LIMIT 1`,
    );
    return rankBetween(previous ? Number(previous.rank) : null, after.rank);
  }
  // No neighbour given: the end of the ranked items.
  const [last] = await rows<{ rank: number | null }>(
    tx,
    sql`SELECT max(rank) AS rank FROM roadmap_items WHERE organisation_id = ${org} AND phase_key = ${phase} AND deleted_at IS NULL AND id <> ${id}`,
  );
  return rankBetween(last?.rank == null ? null : Number(last.rank), null);
}

/**
 * The rare path: the lane in order, the item inserted at its place, and a short run around it
 * (every unranked item above it included, so that they keep their order) given evenly spaced
 * ranks between the ranked items that bound the run.
 */
async function spreadRun(tx: Database, org: string, id: string, phase: string, before: Ranked | null, after: Ranked | null): Promise<number> {
  const lane = await rows<Ranked>(
    tx,
    sql`SELECT id, rank FROM roadmap_items WHERE organisation_id = ${org} AND phase_key = ${phase} AND deleted_at IS NULL AND id <> ${id}
        ORDER BY rank NULLS LAST, id`,
  );
  const at = before ? lane.findIndex((r) => r.id === before.id) + 1 : after ? lane.findIndex((r) => r.id === after.id) : lane.length;
  const firstUnranked = lane.findIndex((r) => r.rank === null);
  for (let window = SPREAD_WINDOW; ; window *= 4) {
    let start = Math.max(0, at - window);
    if (firstUnranked !== -1 && firstUnranked < start) start = firstUnranked;
    // Unranked items below the item may stay unranked: they sort after every ranked one.
    const end = Math.min(lane.length, at + window, firstUnranked !== -1 && firstUnranked >= at ? firstUnranked : lane.length);
    const lower = start > 0 ? lane[start - 1]!.rank : null;
    const upper = end < lane.length ? lane[end]!.rank : null;
    const run = [...lane.slice(start, at), { id, rank: null }, ...lane.slice(at, end)];
    const ranks = spreadRanks(lower, upper, run.length);
    const distinct = ranks.every((r, i) => i === 0 || r > ranks[i - 1]!) && (lower === null || ranks[0]! > lower) && (upper === null || ranks.at(-1)! < upper);
    if (!distinct && (start > 0 || end < lane.length)) continue;
    for (const [i, member] of run.entries()) {
      if (member.id !== id && member.rank !== ranks[i]) {
        await tx.execute(sql`UPDATE roadmap_items SET rank = ${ranks[i]!} WHERE organisation_id = ${org} AND id = ${member.id}`);
      }
    }
    return ranks[run.findIndex((m) => m.id === id)]!;
  }
}
