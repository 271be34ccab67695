import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { moveRoadmapItem, type MoveRoadmapItemInput } from './move';
import { getRoadmapPhases } from './phases';
import { callerIn } from '../auth/test-callers';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let org: string;

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
});
afterAll(() => closeAttachedDatabase(handle));

async function move(input: Omit<MoveRoadmapItemInput, 'version'> & { version?: number }) {
  // Read first: on PGlite a transaction holds the one connection.
  const version = input.version ?? (await versionOf(input.id));
  return withOrganisation(org, (tx) => moveRoadmapItem(tx, org, { ...input, version }));
}

async function versionOf(id: string): Promise<number> {
  const [row] = await query<{ row_version: number }>(handle.db, `SELECT row_version FROM roadmap_items WHERE organisation_id = '${org}' AND id = '${id}'`);
  return Number(row!.row_version);
}

async function lane(phase: string): Promise<string[]> {
  const { lanes } = await getRoadmapPhases(callerIn(org));
  return lanes.find((l) => l.phase.key === phase)!.items.map((i) => i.id);
}

async function refusal(run: Promise<unknown>): Promise<ActionError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

describe('moveRoadmapItem', () => {
  it('moves an item to another phase between two items, and back to the top of its phase', async () => {
    expect(await lane('phase_a')).toEqual(['RI-001', 'RI-002', 'RI-101', 'RI-202']);
    expect(await lane('phase_b')).toEqual(['RI-003', 'RI-004', 'RI-005', 'RI-102', 'RI-103']);
    const version = await versionOf('RI-202');

    const moved = await move({ id: 'RI-202', toPhase: 'phase_b', beforeId: 'RI-003', afterId: 'RI-004' });
    expect(moved).toMatchObject({ id: 'RI-202', phaseKey: 'phase_b', version: version + 1 });
    expect(await lane('phase_b')).toEqual(['RI-003', 'RI-202', 'RI-004', 'RI-005', 'RI-102', 'RI-103']);
    expect(await lane('phase_a')).toEqual(['RI-001', 'RI-002', 'RI-101']);

    const back = await move({ id: 'RI-202', toPhase: 'phase_a', beforeId: null, afterId: 'RI-001' });
    expect(back.version).toBe(version + 2);
    expect(await lane('phase_a')).toEqual(['RI-202', 'RI-001', 'RI-002', 'RI-101']);
  });

  it('reorders within a phase without a new version (order is not a change of the item)', async () => {
    const version = await versionOf('RI-005');
    const moved = await move({ id: 'RI-005', toPhase: 'phase_b', beforeId: null, afterId: 'RI-003' });
    expect(moved.version).toBe(version);
    expect((await lane('phase_b'))[0]).toBe('RI-005');
  });

  it('refuses a move made on an older version, and changes nothing', async () => {
    const version = await versionOf('RI-013');
    const error = await refusal(move({ id: 'RI-013', toPhase: 'phase_e', beforeId: null, afterId: null, version: version - 1 }));
    expect(error.code).toBe('stale');
    expect(error.message).toContain('changed by someone else');
    expect(await lane('phase_f')).toEqual(['RI-013']);
  });

  it('refuses a neighbour that is not in the target phase, an unknown phase and an unknown item', async () => {
    expect((await refusal(move({ id: 'RI-013', toPhase: 'phase_e', beforeId: 'RI-003' }))).message).toBe(
      'RI-003 is no longer in Phase E; the roadmap now shows the latest order. Try the move again.',
    );
    expect((await refusal(move({ id: 'RI-013', toPhase: 'phase_z', beforeId: null }))).code).toBe('invalid_input');
    expect((await refusal(move({ id: 'RI-999', toPhase: 'phase_e', version: 1 }))).code).toBe('not_found');
  });

  it('explains the phase limit when a full phase refuses an active item, and changes nothing', async () => {
    await query(handle.db, `INSERT INTO roadmap_phase_limits (organisation_id, phase_key, max_active_items) VALUES ('${org}', 'phase_e', 1)`);
    const error = await refusal(move({ id: 'RI-013', toPhase: 'phase_e', beforeId: 'RI-011' }));
    expect(error.message).toBe('Phase E is full: it may hold at most 1 active item. Complete, defer or move one of them out first.');
    expect(await lane('phase_e')).toEqual(['RI-011']);
    const { lanes } = await getRoadmapPhases(callerIn(org));
    expect(lanes.find((l) => l.phase.key === 'phase_e')).toMatchObject({ active: 1, limit: 1 });
  });

  it('spreads a short run when two neighbours are too close for a rank between them', async () => {
    await query(handle.db, `UPDATE roadmap_items SET rank = 1 WHERE organisation_id = '${org}' AND id = 'RI-006'`);
    await query(handle.db, `UPDATE roadmap_items SET rank = 1.0000000000000002 WHERE organisation_id = '${org}' AND id = 'RI-007'`);
    await move({ id: 'RI-105', toPhase: 'phase_c', beforeId: 'RI-006', afterId: 'RI-007' });
    expect(await lane('phase_c')).toEqual(['RI-006', 'RI-105', 'RI-007', 'RI-008', 'RI-104']);
    const ranks = await query<{ rank: number }>(
      handle.db,
      `SELECT rank FROM roadmap_items WHERE organisation_id = '${org}' AND phase_key = 'phase_c' ORDER BY rank`,
    );
    expect(new Set(ranks.map((r) => r.rank)).size).toBe(ranks.length);
  });

  it('gives unranked items above the drop point a rank, so that they keep their order', async () => {
    await query(handle.db, `UPDATE roadmap_items SET rank = NULL WHERE organisation_id = '${org}' AND phase_key = 'phase_d'`);
    expect(await lane('phase_d')).toEqual(['RI-009', 'RI-010', 'RI-106', 'RI-107', 'RI-201']);
    await move({ id: 'RI-009', toPhase: 'phase_d', beforeId: 'RI-106', afterId: 'RI-107' });
    expect(await lane('phase_d')).toEqual(['RI-010', 'RI-106', 'RI-009', 'RI-107', 'RI-201']);
  });
});
