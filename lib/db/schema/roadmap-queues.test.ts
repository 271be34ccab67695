import { describe, expect, it } from 'vitest';

import { createPortfolio, insertEdges, insertItems } from '../testing/roadmap-fixtures';
import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';

const org = '00000000-0000-4000-8000-0000000000a2';
const other = '00000000-0000-4000-8000-0000000000b2';

const sql = (statement: string) => query(handle.db, statement);

/**
 * One small roadmap that every view below reads:
 *   Q2 -> Q1 (done)         Q3 -> Q4               Q5 (blocked) -> Q4     Q6 (in progress) ~soft~> Q7 (gate), ~related~> Q3
 *   Q8 -> Q7 (gate), Q9 (deleted)                  Q10 (deferred) -> Q4   Q11 ~soft~> Q7           Q12 (deleted) -> Q4
 */
const handle = setUpTestDatabase(async (db) => {
  await createPortfolio(db, org, 'queues-a');
  await createPortfolio(db, other, 'queues-b');
  await insertItems(db, org, [
    { id: 'Q1', phase: 'phase_a', status: 'completed', rank: 1 },
    { id: 'Q2', phase: 'phase_a', rank: 2 },
    { id: 'Q3', phase: 'phase_a', rank: 1.5 },
    { id: 'Q4', phase: 'phase_b', rank: 1 },
    { id: 'Q5', phase: 'phase_b', status: 'blocked', rank: 2 },
    { id: 'Q6', phase: 'phase_b', status: 'in_progress', rank: 3 },
    { id: 'Q7', phase: 'phase_c', type: 'gate', rank: 1, title: 'Architecture review' },
    { id: 'Q8', phase: 'phase_c', rank: 2 },
    { id: 'Q9', phase: 'phase_c', rank: 10 },
    { id: 'Q10', phase: 'phase_d', status: 'deferred' },
    { id: 'Q11', phase: 'phase_d' },
    { id: 'Q12', phase: 'phase_d', rank: 5 },
    { id: 'Q13', phase: 'post_launch', status: 'completed', rank: 1 },
    { id: 'Q14', phase: 'phase_f', rank: 1 },
  ]);
  await insertEdges(db, org, [
    ['Q2', 'Q1'],
    ['Q3', 'Q4'],
    ['Q5', 'Q4'],
    ['Q6', 'Q7', 'soft'],
    ['Q6', 'Q3', 'related'],
    ['Q8', 'Q7'],
    ['Q8', 'Q9'],
    ['Q10', 'Q4'],
    ['Q11', 'Q7', 'soft'],
    ['Q12', 'Q4'],
  ]);
  await sql(`UPDATE roadmap_items SET deleted_at = now() WHERE organisation_id = '${org}' AND id IN ('Q9', 'Q12')`);
  await sql(
    `INSERT INTO roadmap_assignments (organisation_id, item_id, agent_id, status) VALUES
       ('${org}', 'Q6', 'bot-2', 'active'), ('${org}', 'Q6', 'bot-1', 'active'), ('${org}', 'Q6', 'bot-3', 'assigned')`,
  );
  // Another organisation's items never show up in org's rows.
  await insertItems(db, other, [{ id: 'Q1' }, { id: 'Q2', phase: 'phase_b' }]);
});

describe('the ready and blocked queues', () => {
  it('v_ready_items: pending live items whose blocks dependencies are all completed, by phase then rank', async () => {
    const rows = await sql(`SELECT * FROM v_ready_items WHERE organisation_id = '${org}'`);
    expect(rows.map((r) => r.id)).toEqual(['Q2', 'Q4', 'Q7', 'Q11', 'Q14']);
    expect(rows[0]).toEqual({ organisation_id: org, id: 'Q2', title: 'Item Q2', phase_key: 'phase_a', owner: null, rank: 2 });
    const others = await sql(`SELECT id FROM v_ready_items WHERE organisation_id = '${other}'`);
    expect(others.map((r) => r.id)).toEqual(['Q1', 'Q2']);
  });

  it('v_blocked_items: open live items with unmet blocks dependencies, counted and listed', async () => {
    const rows = await sql(`SELECT * FROM v_blocked_items WHERE organisation_id = '${org}' ORDER BY id`);
    expect(rows).toEqual([
      { organisation_id: org, id: 'Q3', title: 'Item Q3', phase_key: 'phase_a', status_key: 'pending', blocking_count: 1, blocking_items: 'Q4' },
      { organisation_id: org, id: 'Q5', title: 'Item Q5', phase_key: 'phase_b', status_key: 'blocked', blocking_count: 1, blocking_items: 'Q4' },
      // A deleted dependency still blocks (the original does not filter it).
      { organisation_id: org, id: 'Q8', title: 'Item Q8', phase_key: 'phase_c', status_key: 'pending', blocking_count: 2, blocking_items: 'Q7, Q9' },
    ]);
  });
});

describe('graph views', () => {
  it('v_dependency_graph: every edge whose two ends are live, with both titles and statuses', async () => {
    const rows = await sql(`SELECT * FROM v_dependency_graph WHERE organisation_id = '${org}' ORDER BY from_id, to_id`);
    expect(rows.map((r) => `${r.from_id}-${r.dependency_type}->${r.to_id}`)).toEqual([
      'Q10-blocks->Q4',
      'Q11-soft->Q7',
      'Q2-blocks->Q1',
      'Q3-blocks->Q4',
      'Q5-blocks->Q4',
      'Q6-related->Q3',
      'Q6-soft->Q7',
      'Q8-blocks->Q7',
    ]);
    expect(rows.find((r) => r.from_id === 'Q2')).toEqual({
      organisation_id: org,
      from_id: 'Q2',
      from_title: 'Item Q2',
      from_status: 'pending',
      to_id: 'Q1',
      to_title: 'Item Q1',
      to_status: 'completed',
      dependency_type: 'blocks',
    });
  });

  it('v_missing_prereqs: open gates, unresolved blockers and incomplete soft dependencies of open items', async () => {
    const rows = await sql(
      `SELECT item_id, prereq_type, prereq_id, prereq_status, prereq_title, prereq_item_type
       FROM v_missing_prereqs WHERE organisation_id = '${org}' ORDER BY item_id, prereq_type`,
    );
    const gate = { prereq_id: 'Q7', prereq_status: 'pending', prereq_title: 'Architecture review', prereq_item_type: 'gate' };
    const q4 = { prereq_id: 'Q4', prereq_status: 'pending', prereq_title: 'Item Q4', prereq_item_type: 'work' };
    expect(rows).toEqual([
      { item_id: 'Q11', prereq_type: 'approval_required', ...gate },
      { item_id: 'Q11', prereq_type: 'dependency_incomplete', ...gate },
      { item_id: 'Q3', prereq_type: 'blocker_unresolved', ...q4 },
      { item_id: 'Q5', prereq_type: 'blocker_unresolved', ...q4 },
      { item_id: 'Q6', prereq_type: 'approval_required', ...gate },
      { item_id: 'Q6', prereq_type: 'dependency_incomplete', ...gate },
      { item_id: 'Q8', prereq_type: 'approval_required', ...gate },
    ]);
  });
});

describe('board views', () => {
  it('v_next_rank: one past the highest live rank of each phase, 1 when no item is ranked', async () => {
    const rows = await sql(`SELECT phase_key, next_rank FROM v_next_rank WHERE organisation_id = '${org}' ORDER BY phase_key`);
    expect(rows).toEqual([
      { phase_key: 'phase_a', next_rank: 3 },
      { phase_key: 'phase_b', next_rank: 4 },
      { phase_key: 'phase_c', next_rank: 3 },
      { phase_key: 'phase_d', next_rank: 1 },
      { phase_key: 'phase_f', next_rank: 2 },
      { phase_key: 'post_launch', next_rank: 2 },
    ]);
  });

  it('v_roadmap_with_deps: every live item with its blocks counts and active agents, by phase then rank', async () => {
    const rows = await sql(`SELECT * FROM v_roadmap_with_deps WHERE organisation_id = '${org}'`);
    const ids = rows.map((r) => r.id);
    // Q10 and Q11 are both unranked: their order is not defined.
    expect([...ids.slice(0, 8), ...ids.slice(8, 10).sort(), ...ids.slice(10)]).toEqual([
      'Q1',
      'Q3',
      'Q2',
      'Q4',
      'Q5',
      'Q6',
      'Q7',
      'Q8',
      'Q10',
      'Q11',
      'Q14',
      'Q13',
    ]);
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId.Q8).toMatchObject({ blocking_dep_count: 2, unmet_dep_count: 2, active_agents: null, item_type: 'work' });
    expect(byId.Q2).toMatchObject({ blocking_dep_count: 1, unmet_dep_count: 0 });
    expect(byId.Q6).toMatchObject({ blocking_dep_count: 0, unmet_dep_count: 0, active_agents: 'bot-1, bot-2' });
    expect(Object.keys(byId.Q1 ?? {})).toEqual([
      'organisation_id',
      'id',
      'phase_key',
      'title',
      'status_key',
      'owner',
      'rank',
      'target_date',
      'blocking_dep_count',
      'unmet_dep_count',
      'active_agents',
      'program_id',
      'product_id',
      'item_type',
    ]);
  });

  it('v_roadmap_progress: counts per phase in the terminology order, with the percentage completed', async () => {
    const rows = await sql(`SELECT * FROM v_roadmap_progress WHERE organisation_id = '${org}'`);
    expect(rows).toEqual([
      { organisation_id: org, phase_key: 'phase_a', phase: 'Phase A', total_items: 3, completed: 1, in_progress: 0, blocked: 0, pct_complete: 33.3 },
      { organisation_id: org, phase_key: 'phase_b', phase: 'Phase B', total_items: 3, completed: 0, in_progress: 1, blocked: 1, pct_complete: 0 },
      { organisation_id: org, phase_key: 'phase_c', phase: 'Phase C', total_items: 2, completed: 0, in_progress: 0, blocked: 0, pct_complete: 0 },
      { organisation_id: org, phase_key: 'phase_d', phase: 'Phase D', total_items: 2, completed: 0, in_progress: 0, blocked: 0, pct_complete: 0 },
      { organisation_id: org, phase_key: 'post_launch', phase: 'Post-launch', total_items: 1, completed: 1, in_progress: 0, blocked: 0, pct_complete: 100 },
      { organisation_id: org, phase_key: 'phase_f', phase: 'Phase F', total_items: 1, completed: 0, in_progress: 0, blocked: 0, pct_complete: 0 },
    ]);
  });
});
