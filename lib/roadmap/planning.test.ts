import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { Database, DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';
import { assignRoadmapItem } from './assign';
import { addCrDependency, getChangeRequest, removeCrDependency } from './change-requests';
import { addRoadmapDependency, removeRoadmapDependency } from './dependencies';
import { attachEvidence } from './evidence';
import { getDependencyGraph } from './graph';
import { getRoadmapItem } from './item';
import { getRoadmapPhases } from './phases';
import { getRoadmapQueues } from './queues';
import { setRoadmapItemStatus } from './status';
import { getProgramWaves } from './waves';
import { callerIn } from '../auth/test-callers';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let org: string;

beforeAll(async () => {
  ({ handle, organisationId: org } = await openAttachedDemoDatabase());
});
afterAll(() => closeAttachedDatabase(handle));

const inOrg = <T>(work: (tx: Database) => Promise<T>) => withOrganisation(org, work);
const sql = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

async function refusal(run: Promise<unknown>): Promise<ActionError> {
  const error = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

async function versionOf(id: string) {
  const [row] = await sql<{ row_version: number }>(`SELECT row_version FROM roadmap_items WHERE organisation_id = '${org}' AND id = '${id}'`);
  return Number(row!.row_version);
}

describe('completing a blocking item', () => {
  it('is refused without evidence, with the way out; with evidence, its dependent moves from blocked to ready', async () => {
    let queues = await getRoadmapQueues(callerIn(org));
    const blocked = queues.blocked.find((b) => b.id === 'RI-009')!;
    expect(blocked.blocking).toEqual([
      { id: 'RI-008', title: 'Deploy gate names the failing claims', status: { key: 'in_progress', label: 'In progress' }, holders: ['agent:builder-1'] },
    ]);
    expect(queues.ready.map((r) => r.id)).not.toContain('RI-009');

    const version = await versionOf('RI-008');
    const error = await refusal(inOrg((tx) => setRoadmapItemStatus(tx, org, { id: 'RI-008', status: 'completed', version })));
    expect(error.message).toBe('RI-008 cannot be completed without evidence. Attach evidence first (a test result, a build, a document).');
    expect(await versionOf('RI-008')).toBe(version);

    const evidence = await inOrg((tx) =>
      attachEvidence(tx, org, 'ada@example.com', {
        workId: 'RI-008',
        evidenceType: 'test_result',
        uri: 'https://ci.example.com/runs/812',
        title: 'Deploy-gate tests: 14 passed',
      }),
    );
    // No hash given: the SHA-256 of the URI itself.
    expect(evidence).toMatchObject({ workId: 'RI-008', hashedUri: true, sha256: createHash('sha256').update('https://ci.example.com/runs/812').digest('hex') });
    const done = await inOrg((tx) => setRoadmapItemStatus(tx, org, { id: 'RI-008', status: 'completed', version }));
    expect(done).toEqual({ id: 'RI-008', status: 'completed', version: version + 1 });

    queues = await getRoadmapQueues(callerIn(org));
    expect(queues.blocked.map((b) => b.id)).not.toContain('RI-009');
    expect(queues.ready.map((r) => r.id)).toContain('RI-009');
    const item = await getRoadmapItem(callerIn(org), { id: 'RI-008' });
    expect(item!.evidence[0]).toMatchObject({ id: evidence.id, type: 'test_result', uri: 'https://ci.example.com/runs/812', createdBy: 'ada@example.com' });
  });

  it('refuses to start an item whose blocking dependencies are open, naming them', async () => {
    const version = await versionOf('RI-006');
    const error = await refusal(inOrg((tx) => setRoadmapItemStatus(tx, org, { id: 'RI-006', status: 'in_progress', version })));
    expect(error.message).toBe('RI-006 cannot start yet: it waits for RI-004 to be completed.');
  });

  it('keeps the hash given for the artifact, and refuses evidence for an unknown item', async () => {
    const sha = 'a'.repeat(64);
    const evidence = await inOrg((tx) =>
      attachEvidence(tx, org, 'ben', { workId: 'RI-004', evidenceType: 'diff', uri: 'artifacts/RI-004.diff', sha256: sha.toUpperCase() }),
    );
    expect(evidence).toMatchObject({ sha256: sha, hashedUri: false });
    expect((await refusal(inOrg((tx) => attachEvidence(tx, org, 'ben', { workId: 'RI-404', evidenceType: 'diff', uri: 'x' })))).code).toBe('not_found');
  });
});

describe('dependencies', () => {
  it('refuses an edge that would close a loop with the database’s message, and nothing changes', async () => {
    const [{ n: before }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM roadmap_dependencies WHERE organisation_id = '${org}'`)) as [
      { n: number },
    ];
    const error = await refusal(
      inOrg((tx) => addRoadmapDependency(tx, org, 'ada@example.com', { itemId: 'RI-001', dependsOnId: 'RI-004', dependencyType: 'soft' })),
    );
    expect(error.code).toBe('conflict');
    expect(error.message).toContain('RI-001 cannot depend on RI-004');
    expect(error.message).toContain('Circular dependency detected: RI-001 -> RI-004 would close a loop');
    const [{ n: after }] = (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM roadmap_dependencies WHERE organisation_id = '${org}'`)) as [
      { n: number },
    ];
    expect(after).toBe(before);
  });

  it('adds and removes an edge, refusing a duplicate, a self edge and an unknown item', async () => {
    const added = await inOrg((tx) => addRoadmapDependency(tx, org, 'ada@example.com', { itemId: 'RI-013', dependsOnId: 'RI-011', dependencyType: 'blocks' }));
    expect(added).toEqual({ itemId: 'RI-013', dependsOnId: 'RI-011', dependencyType: 'blocks' });
    const [edge] = await sql(
      `SELECT created_by, dependency_type FROM roadmap_dependencies WHERE organisation_id = '${org}' AND item_id = 'RI-013' AND depends_on_id = 'RI-011'`,
    );
    expect(edge).toEqual({ created_by: 'ada@example.com', dependency_type: 'blocks' });
    expect(
      (await refusal(inOrg((tx) => addRoadmapDependency(tx, org, 'x', { itemId: 'RI-013', dependsOnId: 'RI-011', dependencyType: 'soft' })))).message,
    ).toContain('already depends on');
    expect((await refusal(inOrg((tx) => addRoadmapDependency(tx, org, 'x', { itemId: 'RI-013', dependsOnId: 'RI-013', dependencyType: 'soft' })))).code).toBe(
      'invalid_input',
    );
    expect(await refusal(inOrg((tx) => addRoadmapDependency(tx, org, 'x', { itemId: 'RI-013', dependsOnId: 'RI-404', dependencyType: 'soft' })))).toMatchObject(
      {
        code: 'not_found',
        message: 'There is no roadmap item RI-404.',
      },
    );

    await inOrg((tx) => removeRoadmapDependency(tx, org, { itemId: 'RI-013', dependsOnId: 'RI-011' }));
    expect(await sql(`SELECT 1 FROM roadmap_dependencies WHERE organisation_id = '${org}' AND item_id = 'RI-013' AND depends_on_id = 'RI-011'`)).toEqual([]);
    expect((await refusal(inOrg((tx) => removeRoadmapDependency(tx, org, { itemId: 'RI-013', dependsOnId: 'RI-011' })))).code).toBe('not_found');
  });
});

describe('assigning an item', () => {
  it('lists the prerequisites the assignment surfaced (nobody holds them) and who holds the others', async () => {
    const outcome = await inOrg((tx) => assignRoadmapItem(tx, org, 'ada@example.com', { itemId: 'RI-007', agentId: 'agent:builder-5', role: 'implementer' }));
    expect(outcome).toMatchObject({ itemId: 'RI-007', agentId: 'agent:builder-5', readiness: 'blocked', surfacedCount: 2 });
    expect(outcome.prerequisites.map((p) => [p.id, p.depth, p.holders, p.surfaced])).toEqual([
      ['RI-006', 1, ['agent:builder-3'], false],
      ['RI-004', 2, [], true],
      ['RI-005', 3, [], true],
    ]);
    const [row] = await sql(`SELECT assigned_by FROM roadmap_assignments WHERE organisation_id = '${org}' AND id = ${outcome.assignmentId}`);
    expect(row).toEqual({ assigned_by: 'ada@example.com' });
    expect((await refusal(inOrg((tx) => assignRoadmapItem(tx, org, 'x', { itemId: 'RI-007', agentId: 'agent:builder-5', role: 'implementer' })))).code).toBe(
      'conflict',
    );
  });
});

describe('the roadmap’s reads', () => {
  it('phases: lanes in terminology order with the database’s progress; filters narrow items and counts', async () => {
    const all = await getRoadmapPhases(callerIn(org));
    expect(all.lanes.map((l) => l.phase.label)).toEqual(['Phase A', 'Phase B', 'Phase C', 'Phase D', 'Phase E', 'Post-launch', 'Phase F']);
    expect(all.lanes[0]).toMatchObject({ progress: { total: 4, completed: 4, percent: 100 }, active: 0, limit: 50 });
    const gates = await getRoadmapPhases(callerIn(org), { filters: { type: 'gate' } });
    expect(gates.filtered).toBe(true);
    expect(gates.lanes.flatMap((l) => l.items.map((i) => i.id))).toEqual(['RI-005', 'RI-104']);
    expect(gates.lanes[1]!.progress).toEqual({ total: 1, completed: 0, inProgress: 0, blocked: 0, percent: 0 });
    expect(gates.lanes[1]!.active).toBe(all.lanes[1]!.active);
    const foreman = await getRoadmapPhases(callerIn(org), { filters: { program: 'foreman-office', status: 'in_progress' } });
    expect(foreman.lanes.flatMap((l) => l.items.map((i) => i.id))).toEqual(['RI-102']);
    expect(all.options.programs.map((p) => p.id)).toContain('foreman-office');
  });

  it('graph: the whole small roadmap, with the focused item’s prerequisite chain marked', async () => {
    const graph = await getDependencyGraph(callerIn(org), { focus: 'RI-006' });
    expect(graph.needsFocus).toBe(false);
    expect(graph.nodes.find((n) => n.id === 'RI-006')).toMatchObject({ focus: true });
    expect(
      graph.nodes
        .filter((n) => n.inChain)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['RI-001', 'RI-002', 'RI-003', 'RI-004', 'RI-005']);
    expect(graph.edges).toContainEqual({ from: 'RI-006', to: 'RI-004', type: 'blocks' });
    expect(graph.chain).toMatchObject({ total: 5, open: 3 });
  });

  it('graph: past the limit, one item’s neighbourhood only, and no graph without a focus', async () => {
    const values = Array.from({ length: 160 }, (_, i) => `('${org}', 'BIG-${i}', 'Big ${i}', 'phase_f', 'deferred')`).join(', ');
    await sql(`INSERT INTO roadmap_items (organisation_id, id, title, phase_key, status_key) VALUES ${values}`);
    const none = await getDependencyGraph(callerIn(org));
    expect(none).toMatchObject({ needsFocus: true, nodes: [] });
    expect(none.suggestions.length).toBeGreaterThan(0);
    const near = await getDependencyGraph(callerIn(org), { focus: 'RI-004', hops: 1 });
    expect(near.nodes.map((n) => n.id).sort()).toEqual(['RI-003', 'RI-004', 'RI-005', 'RI-006', 'RI-011']);
    expect(near.edges.every((e) => near.nodes.some((n) => n.id === e.from) && near.nodes.some((n) => n.id === e.to))).toBe(true);
  });

  it('waves: a program’s waves in sequence with rolled-up progress and tasks done, and an opened wave’s tasks', async () => {
    const first = await getProgramWaves(callerIn(org), { programId: 'foreman-office' });
    expect(first.waves.map((w) => [w.sequence, w.state, w.tasksDone, w.tasksTotal])).toEqual([
      [1, 'completed', 3, 3],
      [2, 'in-progress', 0, 4],
      [3, 'planned', 0, 2],
    ]);
    expect(first.waves[1]!.dependsOn.map((d) => d.sequence)).toEqual([1]);
    const opened = await getProgramWaves(callerIn(org), { programId: 'foreman-office', waveId: first.waves[1]!.id });
    expect(opened.opened!.tasks).toHaveLength(4);
    expect(opened.opened!.tasks.every((t) => typeof t.progress === 'number')).toBe(true);
    expect((await getProgramWaves(callerIn(org), { programId: 'nope' })).program).toBeNull();
  });

  it('change requests: fields, dependencies both ways, and adding and removing one', async () => {
    const cr = await getChangeRequest(callerIn(org), { id: 'CR-2025-11-04-001' });
    expect(cr!.dependsOn).toEqual([
      { id: 'CR-2025-09-15-010', title: 'Lease prototype on file locks', status: { key: 'done', label: expect.any(String) }, dependencyType: 'supersedes' },
    ]);
    expect(cr!.dependents.map((d) => [d.id, d.dependencyType])).toEqual([
      ['CR-2025-11-30-012', 'blocks'],
      ['CR-2025-11-12-002', 'related'],
    ]);
    expect(cr!.graph.nodes).toHaveLength(4);
    await inOrg((tx) => addCrDependency(tx, org, { crId: 'CR-2025-11-04-001', dependsOnId: 'CR-2025-10-02-004', dependencyType: 'related' }));
    expect((await getChangeRequest(callerIn(org), { id: 'CR-2025-11-04-001' }))!.dependsOn).toHaveLength(2);
    await inOrg((tx) => removeCrDependency(tx, org, { crId: 'CR-2025-11-04-001', dependsOnId: 'CR-2025-10-02-004' }));
    expect(
      (await refusal(inOrg((tx) => addCrDependency(tx, org, { crId: 'CR-2025-11-04-001', dependsOnId: 'CR-2025-11-04-001', dependencyType: 'blocks' })))).code,
    ).toBe('invalid_input');
    expect(await getChangeRequest(callerIn(org), { id: 'CR-nope' })).toBeNull();
  });
});
