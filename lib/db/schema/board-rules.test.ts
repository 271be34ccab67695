import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { createKernelWorld, evidenceSql, foremanIds } from './kernel.fixture';

const org = '00000000-0000-4000-8000-0000000000b5';
const sql = (statement: string) => query(handle.db, statement);
const item = async (id: string) =>
  (await sql(`SELECT row_version, board_rank, status_changed_at, status_key FROM roadmap_items WHERE organisation_id = '${org}' AND id = '${id}'`))[0]!;

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'board-rules');
  await sql(
    `INSERT INTO change_requests (organisation_id, id, title, product_id) VALUES ('${org}', 'CR-1', 'First', 'prod'), ('${org}', 'CR-2', 'Second', 'prod')`,
  );
});

describe('board ranks', () => {
  it('gives new items increasing ranks, so they join the bottom of their column', async () => {
    const rows = await sql(`SELECT id, board_rank FROM change_requests WHERE organisation_id = '${org}' ORDER BY id`);
    expect(rows[1]!.board_rank).toBeGreaterThan(rows[0]!.board_rank as number);
    expect((rows[1]!.board_rank as number) - (rows[0]!.board_rank as number)).toBeGreaterThanOrEqual(1024);
  });
});

describe('row versions (optimistic concurrency)', () => {
  it('bumps the version on a real change and notes when the status changed', async () => {
    const before = await item('W1');
    expect(before.row_version).toBe(1);
    await sql(`UPDATE roadmap_items SET title = 'Renamed' WHERE organisation_id = '${org}' AND id = 'W1'`);
    const renamed = await item('W1');
    expect(renamed.row_version).toBe(2);
    expect(renamed.status_changed_at).toEqual(before.status_changed_at);
    await sql(`UPDATE roadmap_items SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'W1'`);
    const moved = await item('W1');
    expect(moved.row_version).toBe(3);
    expect(new Date(String(moved.status_changed_at)).getTime()).toBeGreaterThan(new Date(String(before.status_changed_at)).getTime());
  });

  it('keeps the version (and makes no history) when only the order within a column changes', async () => {
    const before = await item('W2');
    await sql(`UPDATE roadmap_items SET board_rank = 17.5, rank = 3 WHERE organisation_id = '${org}' AND id = 'W2'`);
    expect((await item('W2')).row_version).toBe(before.row_version);
    const history = await sql(`SELECT count(*)::int AS n FROM entity_versions WHERE organisation_id = '${org}' AND entity_id = 'W2'`);
    expect(history[0]!.n).toBe(0);
    await sql(`UPDATE change_requests SET board_rank = 1.5 WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    const [cr] = await sql(`SELECT row_version FROM change_requests WHERE organisation_id = '${org}' AND id = 'CR-1'`);
    expect(cr!.row_version).toBe(1);
    const crHistory = await sql(`SELECT count(*)::int AS n FROM entity_versions WHERE organisation_id = '${org}' AND entity_id = 'CR-1'`);
    expect(crHistory[0]!.n).toBe(0);
  });

  it('versions change requests, tasks, cards and bugs the same way', async () => {
    await sql(`UPDATE change_requests SET status_key = 'in_progress' WHERE organisation_id = '${org}' AND id = 'CR-2'`);
    const [cr] = await sql(`SELECT row_version FROM change_requests WHERE organisation_id = '${org}' AND id = 'CR-2'`);
    expect(cr!.row_version).toBe(2);
    await sql(`UPDATE tasks SET progress_percentage = 40 WHERE organisation_id = '${org}' AND task_id = '${foremanIds.task}'`);
    const [task] = await sql(`SELECT row_version FROM tasks WHERE organisation_id = '${org}' AND task_id = '${foremanIds.task}'`);
    expect(task!.row_version).toBe(2);
  });
});

describe('completion needs evidence', () => {
  it('refuses to complete a roadmap item without evidence, and allows it once evidence names it', async () => {
    await expectRefused(sql(`UPDATE roadmap_items SET status_key = 'completed' WHERE organisation_id = '${org}' AND id = 'W3'`), {
      code: '23514',
      message: 'POLICY: Cannot complete W3 without evidence. Attach evidence first.',
    });
    expect((await item('W3')).status_key).toBe('pending');
    await sql(evidenceSql(org, 'EV-W3', 'W3'));
    await sql(`UPDATE roadmap_items SET status_key = 'completed' WHERE organisation_id = '${org}' AND id = 'W3'`);
    expect((await item('W3')).status_key).toBe('completed');
  });

  it('refuses to complete a Foreman task until its evidence trail has an entry', async () => {
    const complete = `UPDATE tasks SET state = 'completed' WHERE organisation_id = '${org}' AND task_id = '${foremanIds.task}'`;
    await expectRefused(sql(complete), { code: '23514', message: 'FOREMAN: Cannot complete task Task one without evidence.' });
    await sql(
      `INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor) VALUES ('${org}', 'task', '${foremanIds.task}', 'qa_green', 'qa-builder')`,
    );
    await sql(complete);
    const [task] = await sql(`SELECT state FROM tasks WHERE organisation_id = '${org}' AND task_id = '${foremanIds.task}'`);
    expect(task!.state).toBe('completed');
  });
});

describe('task_state terminology', () => {
  it('names the six Foreman task states in board order', async () => {
    const rows = await sql(`SELECT internal_key FROM terminology WHERE domain = 'task_state' ORDER BY sort_order`);
    expect(rows.map((r) => r.internal_key)).toEqual(['planned', 'assigned', 'in-progress', 'blocked', 'completed', 'failed']);
  });
});
