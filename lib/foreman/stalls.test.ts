import { beforeEach, describe, expect, it } from 'vitest';

import { runAsOrganisation } from '../db/tenant';
import { foremanIds, createKernelWorld } from '../db/schema/kernel.fixture';
import { expectRefused, query } from '../db/testing/sql';
import { setUpTestDatabase } from '../db/testing/test-database';
import { raiseBuilderStalls } from './stalls';

// Two sessions at once need two connections: PostgreSQL only (PGlite has one).
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const org = '00000000-0000-4000-8000-0000000000a7';
const other = '00000000-0000-4000-8000-0000000000a8';
const task = foremanIds.task;
const secondTask = '00000000-0000-4000-8000-00000000bb02';

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'stalls');
  await createKernelWorld(db, other, 'stalls-other');
  await query(
    db,
    `INSERT INTO tasks (organisation_id, task_id, wave_id, name, architecture_reference, qa_suite_location, acceptance_criteria, state)
     VALUES ('${org}', '${secondTask}', '${foremanIds.wave}', 'Task two', 'docs/b.md', 'tests/b.test.ts', 'It works too', 'in-progress')`,
  );
});

const openStalls = async (organisation = org) =>
  (
    await query<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM blockers WHERE organisation_id = '${organisation}' AND classification = 'builder_stall' AND resolved_at IS NULL`,
    )
  )[0]!.n;

const allStalls = async (organisation = org) =>
  (
    await query<{ n: number }>(
      handle.db,
      `SELECT count(*)::int AS n FROM blockers WHERE organisation_id = '${organisation}' AND classification = 'builder_stall'`,
    )
  )[0]!.n;

/** A builder holding `taskId` whose heartbeats arrived `secondsAgo` (newest last wins by trigger). */
async function builderWithBeats(organisation: string, builderId: string, taskId: string, secondsAgo: number[]) {
  await query(
    handle.db,
    `INSERT INTO builders (organisation_id, builder_id, builder_type_key, backend_type, state, current_task_id, last_heartbeat)
     VALUES ('${organisation}', '${builderId}', 'ui', 'local', 'active', '${taskId}', now() - interval '1 day')`,
  );
  for (const s of secondsAgo) {
    await query(
      handle.db,
      `INSERT INTO heartbeats (organisation_id, builder_id, task_id, "timestamp", status, progress_percentage)
       VALUES ('${organisation}', '${builderId}', '${taskId}', now() - make_interval(secs => ${s}), 'active', 40)`,
    );
  }
}

describe('stall detection', () => {
  beforeEach(async () => {
    // Each test brings its own builders; the append-only rows of earlier tests are cleared
    // with their triggers off (a test database only).
    for (const table of ['decisions', 'blockers']) await query(handle.db, `ALTER TABLE ${table} DISABLE TRIGGER USER`);
    await query(handle.db, `DELETE FROM decisions`);
    await query(handle.db, `DELETE FROM blockers`);
    for (const table of ['decisions', 'blockers']) await query(handle.db, `ALTER TABLE ${table} ENABLE TRIGGER USER`);
    await query(handle.db, `DELETE FROM heartbeats`);
    await query(handle.db, `DELETE FROM builders`);
    await query(handle.db, `UPDATE organisations SET stall_threshold_seconds = 300`);
  });

  it('raises exactly one builder_stall blocker for the stale builder, however often the check runs', async () => {
    await builderWithBeats(org, 'fresh-builder', secondTask, [200, 100, 20]);
    await builderWithBeats(org, 'stale-builder', task, [1200, 900, 700]);

    expect(await raiseBuilderStalls(handle.db)).toBe(1);
    expect(await raiseBuilderStalls(handle.db)).toBe(0);
    expect(await raiseBuilderStalls(handle.db)).toBe(0);

    const rows = await query<{ task_id: string; created_by: string; description: string; severity: string; wave_id: string }>(
      handle.db,
      `SELECT task_id, created_by, description, severity, wave_id FROM blockers WHERE organisation_id = '${org}'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ task_id: task, created_by: 'foreman', severity: 'blocking', wave_id: foremanIds.wave });
    expect(rows[0]!.description).toMatch(/^stale-builder has sent no heartbeat since .* longer than the stall threshold of 300 s/);
  });

  it('follows the organisation’s threshold, and a fresh heartbeat ends the stall', async () => {
    await builderWithBeats(org, 'slow-builder', task, [400]);
    await query(handle.db, `UPDATE organisations SET stall_threshold_seconds = 600 WHERE id = '${org}'`);
    expect(await raiseBuilderStalls(handle.db)).toBe(0);
    await query(handle.db, `UPDATE organisations SET stall_threshold_seconds = 120 WHERE id = '${org}'`);
    expect(await raiseBuilderStalls(handle.db)).toBe(1);
  });

  it('raises again only for a new stall: after the blocker is resolved and the builder beat and fell silent again', async () => {
    await builderWithBeats(org, 'flaky-builder', task, [900]);
    expect(await raiseBuilderStalls(handle.db)).toBe(1);
    const [blocker] = await query<{ id: string }>(handle.db, `SELECT id FROM blockers WHERE organisation_id = '${org}'`);
    await query(
      handle.db,
      `INSERT INTO decisions (organisation_id, id, blocker_id, decision_type, reason) VALUES ('${org}', 'waive-1', '${blocker!.id}', 'waiver', 'Restarted it')`,
    );
    await query(
      handle.db,
      `UPDATE blockers SET resolved_at = now(), resolved_by = 'ada', resolution = 'Restarted the builder', resolution_action = 'restart' WHERE organisation_id = '${org}'`,
    );
    // Still silent since before the blocker: the same stall, not raised again.
    expect(await raiseBuilderStalls(handle.db)).toBe(0);
    // A fresh heartbeat: the builder is alive, nothing to raise.
    await query(
      handle.db,
      `INSERT INTO heartbeats (organisation_id, builder_id, task_id, "timestamp", status) VALUES ('${org}', 'flaky-builder', '${task}', now() + interval '1 second', 'active')`,
    );
    expect(await raiseBuilderStalls(handle.db)).toBe(0);
    // It falls silent again after a beat newer than the resolved blocker: a new stall, raised once.
    await query(handle.db, `UPDATE blockers SET detected_at = now() - interval '2 hours' WHERE organisation_id = '${org}'`);
    await query(handle.db, `UPDATE builders SET last_heartbeat = now() - interval '1 hour' WHERE organisation_id = '${org}'`);
    expect(await raiseBuilderStalls(handle.db)).toBe(1);
    expect(await allStalls()).toBe(2);
    expect(await openStalls()).toBe(1);
  });

  it('leaves builders without an unfinished task alone', async () => {
    await builderWithBeats(org, 'done-builder', task, [3600]);
    // Completion needs evidence (tasks_completion_requires_evidence).
    await query(
      handle.db,
      `INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor) VALUES ('${org}', 'task', '${task}', 'qa_green', 'qa-builder')`,
    );
    await query(handle.db, `UPDATE tasks SET state = 'completed' WHERE organisation_id = '${org}' AND task_id = '${task}'`);
    expect(await raiseBuilderStalls(handle.db)).toBe(0);
    await query(handle.db, `UPDATE tasks SET state = 'in-progress' WHERE organisation_id = '${org}' AND task_id = '${task}'`);
  });

  it('inside an organisation, sees that organisation only', async () => {
    await builderWithBeats(org, 'stale-a', task, [3600]);
    await builderWithBeats(other, 'stale-b', task, [3600]);
    const raised = await runAsOrganisation(handle.db, { organisationId: other }, (tx) => raiseBuilderStalls(tx));
    expect(raised).toBe(1);
    expect(await openStalls(org)).toBe(0);
    expect(await openStalls(other)).toBe(1);
  });

  it('refuses a second open builder_stall blocker on one task (the backstop)', async () => {
    await builderWithBeats(org, 'stale-c', task, [3600]);
    await raiseBuilderStalls(handle.db);
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO blockers (organisation_id, task_id, classification, description, created_by) VALUES ('${org}', '${task}', 'builder_stall', 'Again', 'someone')`,
      ),
      { code: '23505', message: /blockers_open_builder_stall_task_key/ },
    );
  });

  it.skipIf(!onPostgres)('two checks at once on two connections raise exactly one blocker', async () => {
    await builderWithBeats(org, 'stale-d', task, [3600]);
    await builderWithBeats(other, 'stale-e', task, [3600]);
    // Session 1 raises and holds its transaction open; session 2 runs the same check meanwhile.
    let firstRan!: () => void;
    const firstHasRun = new Promise<void>((resolve) => (firstRan = resolve));
    const one = handle.db.transaction(async (tx) => {
      const n = await raiseBuilderStalls(tx);
      firstRan();
      await new Promise((resolve) => setTimeout(resolve, 400));
      return n;
    });
    await firstHasRun;
    const started = performance.now();
    const two = handle.db.transaction((tx) => raiseBuilderStalls(tx));
    const [a, b] = await Promise.all([one, two]);
    expect(a).toBe(2);
    expect(b).toBe(0);
    // The second waited for the first on the unique index, then did nothing.
    expect(performance.now() - started).toBeGreaterThan(300);
    expect(await allStalls(org)).toBe(1);
    expect(await allStalls(other)).toBe(1);
  });

  it.skipIf(!onPostgres)('many checks at once on several connections still raise exactly one per stalled task', async () => {
    await builderWithBeats(org, 'stale-f', task, [3600]);
    const results = await Promise.all(Array.from({ length: 4 }, () => handle.db.transaction((tx) => raiseBuilderStalls(tx))));
    expect(results.reduce((sum, n) => sum + n, 0)).toBe(1);
    expect(await allStalls(org)).toBe(1);
  });
});
