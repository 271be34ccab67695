import { describe, expect, it } from 'vitest';

import { createPortfolio, insertEdges, insertItems } from '../testing/roadmap-fixtures';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

const org = '00000000-0000-4000-8000-0000000000a3';

const sql = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

async function assign(item: string, agent: string, extra: { role?: string; status?: string; by?: string } = {}) {
  const [row] = await sql<{ id: number }>(
    `INSERT INTO roadmap_assignments (organisation_id, item_id, agent_id, role, status, assigned_by)
     VALUES ('${org}', '${item}', '${agent}', '${extra.role ?? 'implementer'}', '${extra.status ?? 'assigned'}',
             ${extra.by ? `'${extra.by}'` : 'NULL'})
     RETURNING id`,
  );
  return Number(row?.id);
}

/**
 * R1 -> R2 -> R4 -> R5 (completed)      R3 -> R6 (deleted) -> R7
 * R1 -> R3 -> R4   (R4 is reached by two paths, at depth 2 both times)
 * R1 ~soft~> R8 (not a prerequisite)
 */
const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'assign-a');
  await insertItems(db, org, [
    { id: 'R1' },
    { id: 'R2' },
    { id: 'R3' },
    { id: 'R4' },
    { id: 'R5', status: 'completed' },
    { id: 'R6' },
    { id: 'R7' },
    { id: 'R8' },
  ]);
  await insertEdges(db, org, [
    ['R1', 'R2'],
    ['R1', 'R3'],
    ['R2', 'R4'],
    ['R3', 'R4'],
    ['R4', 'R5'],
    ['R3', 'R6'],
    ['R6', 'R7'],
    ['R1', 'R8', 'soft'],
  ]);
  await sql(`UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'R6'`);
});

describe('v_prerequisite_chain', () => {
  it('lists each transitive blocks prerequisite once, at its shortest depth, never through a deleted item', async () => {
    const rows = await sql(`SELECT * FROM v_prerequisite_chain WHERE organisation_id = '${org}' AND root_item_id = 'R1'`);
    expect(rows).toEqual([
      {
        organisation_id: org,
        root_item_id: 'R1',
        prereq_id: 'R2',
        prereq_title: 'Item R2',
        prereq_status: 'pending',
        depth: 1,
        path: 'R1->R2',
        is_complete: false,
      },
      {
        organisation_id: org,
        root_item_id: 'R1',
        prereq_id: 'R3',
        prereq_title: 'Item R3',
        prereq_status: 'pending',
        depth: 1,
        path: 'R1->R3',
        is_complete: false,
      },
      {
        organisation_id: org,
        root_item_id: 'R1',
        prereq_id: 'R4',
        prereq_title: 'Item R4',
        prereq_status: 'pending',
        depth: 2,
        path: 'R1->R2->R4',
        is_complete: false,
      },
      {
        organisation_id: org,
        root_item_id: 'R1',
        prereq_id: 'R5',
        prereq_title: 'Item R5',
        prereq_status: 'completed',
        depth: 3,
        path: 'R1->R2->R4->R5',
        is_complete: true,
      },
    ]);
  });

  it('stops the walk at depth 50', async () => {
    const chain = Array.from({ length: 56 }, (_, i) => `L${i}`);
    await insertItems(
      handle.db,
      org,
      chain.map((id) => ({ id, phase: 'phase_e', status: 'completed' })),
    );
    await insertEdges(
      handle.db,
      org,
      chain.slice(0, -1).map((id, i): [string, string] => [id, chain[i + 1]!]),
    );
    const [row] = await sql(
      `SELECT count(*)::int AS n, max(depth) AS deepest FROM v_prerequisite_chain WHERE organisation_id = '${org}' AND root_item_id = 'L0'`,
    );
    expect(row).toEqual({ n: 50, deepest: 50 });
  });
});

describe('roadmap_assignments rules', () => {
  it("defaults to role 'implementer' and status 'assigned', and refuses other roles and statuses", async () => {
    const id = await assign('R8', 'someone');
    const [row] = await sql(`SELECT role, status FROM roadmap_assignments WHERE id = ${id}`);
    expect(row).toEqual({ role: 'implementer', status: 'assigned' });
    await expectRefused(assign('R8', 'someone', { role: 'lead' }), { code: '23514', message: /roadmap_assignments_role_check/ });
    await expectRefused(assign('R8', 'x', { status: 'cancelled' }), { code: '23514', message: /roadmap_assignments_status_check/ });
  });

  it('refuses the same agent twice in the same role on one item', async () => {
    await expectRefused(assign('R8', 'someone'), { code: '23505', message: /roadmap_assignments_item_agent_role_key/ });
    await assign('R8', 'someone', { role: 'reviewer' });
  });
});

describe('assignment triggers', () => {
  let x1 = 0;
  let x2 = 0;

  it('roadmap_assignment_audit writes one row per assignment', async () => {
    x1 = await assign('R2', 'a1', { status: 'active' });
    x2 = await assign('R1', 'lead', { by: 'ben' });
    const rows = await sql(
      `SELECT event_type, resource_type, actor, resource_id, action, new_value FROM audit_log
       WHERE organisation_id = '${org}' AND event_type = 'roadmap_assignment' AND resource_id IN ('R1', 'R2') ORDER BY id`,
    );
    expect(rows).toEqual([
      {
        event_type: 'roadmap_assignment',
        resource_type: 'roadmap_assignment',
        actor: 'system',
        resource_id: 'R2',
        action: 'assign',
        new_value: { item_id: 'R2', agent_id: 'a1', role: 'implementer' },
      },
      {
        event_type: 'roadmap_assignment',
        resource_type: 'roadmap_assignment',
        actor: 'ben',
        resource_id: 'R1',
        action: 'assign',
        new_value: { item_id: 'R1', agent_id: 'lead', role: 'implementer' },
      },
    ]);
  });

  it('roadmap_assignment_cascade surfaces each open, unassigned prerequisite once, and audits the list', async () => {
    const surfaced = await sql(
      `SELECT source_assignment_id::int AS source, prerequisite_item_id, depth, resolved_at FROM assignment_prerequisites
       WHERE organisation_id = '${org}' ORDER BY source_assignment_id, depth, prerequisite_item_id`,
    );
    // R2 is skipped (a1 works on it), R5 is completed, R4 appears once although two paths reach it.
    expect(surfaced).toEqual([
      { source: x1, prerequisite_item_id: 'R4', depth: 1, resolved_at: null },
      { source: x2, prerequisite_item_id: 'R3', depth: 1, resolved_at: null },
      { source: x2, prerequisite_item_id: 'R4', depth: 2, resolved_at: null },
    ]);
    const audits = await sql(
      `SELECT resource_type, actor, resource_id, action, new_value FROM audit_log
       WHERE organisation_id = '${org}' AND event_type = 'assignment_cascade' ORDER BY id`,
    );
    expect(audits).toEqual([
      {
        resource_type: 'roadmap_assignment',
        actor: 'system',
        resource_id: 'R2',
        action: 'cascade_detected',
        new_value: { assignment_id: x1, item_id: 'R2', agent_id: 'a1', unassigned_prereqs: 'R4' },
      },
      {
        resource_type: 'roadmap_assignment',
        actor: 'ben',
        resource_id: 'R1',
        action: 'cascade_detected',
        new_value: { assignment_id: x2, item_id: 'R1', agent_id: 'lead', unassigned_prereqs: 'R3, R4' },
      },
    ]);
  });

  it('v_unassigned_prerequisites groups open rows by prerequisite, most blocking first', async () => {
    const rows = await sql(`SELECT * FROM v_unassigned_prerequisites WHERE organisation_id = '${org}'`);
    expect(rows).toEqual([
      {
        organisation_id: org,
        prerequisite_item_id: 'R4',
        prereq_title: 'Item R4',
        phase_key: 'phase_a',
        status_key: 'pending',
        blocking_count: 2,
        blocks_items: 'Item R2, Item R1',
        min_depth: 1,
      },
      {
        organisation_id: org,
        prerequisite_item_id: 'R3',
        prereq_title: 'Item R3',
        phase_key: 'phase_a',
        status_key: 'pending',
        blocking_count: 1,
        blocks_items: 'Item R1',
        min_depth: 1,
      },
    ]);
  });

  it('roadmap_prereq_resolved resolves the rows of a newly assigned prerequisite, whatever the role or status', async () => {
    const x3 = await assign('R4', 'watcher', { role: 'observer', status: 'dropped' });
    const rows = await sql(
      `SELECT prerequisite_item_id, resolved_at IS NOT NULL AS resolved FROM assignment_prerequisites
       WHERE organisation_id = '${org}' ORDER BY id`,
    );
    expect(rows).toEqual([
      { prerequisite_item_id: 'R4', resolved: true },
      { prerequisite_item_id: 'R3', resolved: false },
      { prerequisite_item_id: 'R4', resolved: true },
    ]);
    // R4's own prerequisite R5 is completed: no cascade row for x3.
    const [cascade] = await sql(
      `SELECT count(*)::int AS n FROM audit_log WHERE organisation_id = '${org}' AND event_type = 'assignment_cascade' AND (new_value ->> 'assignment_id')::bigint = ${x3}`,
    );
    expect(cascade).toEqual({ n: 0 });
    const open = await sql(`SELECT prerequisite_item_id FROM v_unassigned_prerequisites WHERE organisation_id = '${org}'`);
    expect(open).toEqual([{ prerequisite_item_id: 'R3' }]);
  });

  it('v_assignment_with_prerequisites tells readiness, unmet prerequisites and who works on the blockers', async () => {
    await assign('R5', 'finisher', { status: 'completed' });
    await assign('R6', 'ghost'); // R6 is deleted: its assignment is not listed
    const rows = await sql(
      `SELECT item_id, item_title, agent_id, role, assignment_status, item_status, readiness, unmet_prereq_count,
              immediate_blockers, blocker_assignees
       FROM v_assignment_with_prerequisites WHERE organisation_id = '${org}' AND item_id LIKE 'R%' ORDER BY assignment_id`,
    );
    expect(rows).toEqual([
      {
        item_id: 'R8',
        item_title: 'Item R8',
        agent_id: 'someone',
        role: 'implementer',
        assignment_status: 'assigned',
        item_status: 'pending',
        readiness: 'ready',
        unmet_prereq_count: 0,
        immediate_blockers: null,
        blocker_assignees: null,
      },
      {
        item_id: 'R8',
        item_title: 'Item R8',
        agent_id: 'someone',
        role: 'reviewer',
        assignment_status: 'assigned',
        item_status: 'pending',
        readiness: 'ready',
        unmet_prereq_count: 0,
        immediate_blockers: null,
        blocker_assignees: null,
      },
      {
        item_id: 'R2',
        item_title: 'Item R2',
        agent_id: 'a1',
        role: 'implementer',
        assignment_status: 'active',
        item_status: 'pending',
        readiness: 'blocked',
        unmet_prereq_count: 1,
        immediate_blockers: 'R4',
        blocker_assignees: null,
      },
      {
        item_id: 'R1',
        item_title: 'Item R1',
        agent_id: 'lead',
        role: 'implementer',
        assignment_status: 'assigned',
        item_status: 'pending',
        readiness: 'blocked',
        unmet_prereq_count: 3,
        immediate_blockers: 'R2, R3',
        blocker_assignees: 'a1',
      },
      {
        item_id: 'R4',
        item_title: 'Item R4',
        agent_id: 'watcher',
        role: 'observer',
        assignment_status: 'dropped',
        item_status: 'pending',
        readiness: 'ready',
        unmet_prereq_count: 0,
        immediate_blockers: null,
        blocker_assignees: null,
      },
      {
        item_id: 'R5',
        item_title: 'Item R5',
        agent_id: 'finisher',
        role: 'implementer',
        assignment_status: 'completed',
        item_status: 'completed',
        readiness: 'already_active',
        unmet_prereq_count: 0,
        immediate_blockers: null,
        blocker_assignees: null,
      },
    ]);
  });

  it('hides a completed prerequisite from v_unassigned_prerequisites without resolving its row', async () => {
    // Completion needs evidence (roadmap_completion_requires_evidence).
    await sql(
      `INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, created_by) VALUES ('${org}', 'E-R3', 'R3', 'test_result', 'https://ci.example/R3', 'abababababababababababababababababababababababababababababababab', 'tester')`,
    );
    await sql(`UPDATE roadmap_items SET status_key = 'completed' WHERE organisation_id = '${org}' AND id = 'R3'`);
    const open = await sql(`SELECT prerequisite_item_id, blocks_items FROM v_unassigned_prerequisites WHERE organisation_id = '${org}'`);
    // R7 was surfaced by the assignment on deleted R6 (source items are not filtered).
    expect(open).toEqual([{ prerequisite_item_id: 'R7', blocks_items: 'Item R6' }]);
    const [row] = await sql(`SELECT resolved_at FROM assignment_prerequisites WHERE organisation_id = '${org}' AND prerequisite_item_id = 'R3'`);
    expect(row).toEqual({ resolved_at: null });
  });
});
