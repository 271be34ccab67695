import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../connection';
import { openTestDatabase } from '../testing/test-database';
import { query } from '../testing/sql';

/**
 * Seed 001 6.2 and the program-level trigger it mentions: a wave's progress is the rounded
 * average of its live tasks' progress, a program's the rounded average of its live waves'.
 */
let handle: DatabaseHandle;
const run = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

const org = '00000000-0000-4000-8000-00000000000a';
const otherOrg = '00000000-0000-4000-8000-00000000000b';
const waveA = '10000000-0000-4000-8000-00000000000a';
const waveB = '10000000-0000-4000-8000-00000000000b';
const waveElsewhere = '10000000-0000-4000-8000-0000000000ee';
const task = (n: number) => `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

async function addTask(id: string, wave: string, progress: number, organisation = org) {
  await run(`INSERT INTO tasks (organisation_id, task_id, wave_id, name, architecture_reference, qa_suite_location, acceptance_criteria, state, progress_percentage)
    VALUES ('${organisation}', '${id}', '${wave}', 'T', 'arch.md', 'qa/', 'ok', 'in-progress', ${progress})`);
}

async function progress(): Promise<{ waveA: number; waveB: number; program: number; other: number }> {
  const [row] = await run<{ wave_a: number; wave_b: number; program: number; other: number }>(`SELECT
    (SELECT progress_percentage FROM waves WHERE organisation_id = '${org}' AND wave_id = '${waveA}') AS wave_a,
    (SELECT progress_percentage FROM waves WHERE organisation_id = '${org}' AND wave_id = '${waveB}') AS wave_b,
    (SELECT progress_percentage FROM programs WHERE organisation_id = '${org}' AND id = 'p1') AS program,
    (SELECT progress_percentage FROM programs WHERE organisation_id = '${otherOrg}' AND id = 'p1') AS other`);
  return { waveA: row!.wave_a, waveB: row!.wave_b, program: row!.program, other: row!.other };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  await run(`INSERT INTO organisations (id, slug, name) VALUES ('${org}', 'org-a', 'A'), ('${otherOrg}', 'org-b', 'B')`);
});

beforeEach(async () => {
  // A fresh program per test: clear the previous one's rows (hard deletes are allowed when
  // nothing refers to them) and start from two empty waves.
  await run(`DELETE FROM tasks`);
  await run(`DELETE FROM waves`);
  await run(`DELETE FROM programs`);
  await run(`INSERT INTO programs (organisation_id, id, name, progress_percentage) VALUES ('${org}', 'p1', 'One', 0), ('${otherOrg}', 'p1', 'One', 33)`);
  await run(`INSERT INTO waves (organisation_id, wave_id, program_id, name, sequence_number, state) VALUES
    ('${org}', '${waveA}', 'p1', 'A', 1, 'in-progress'), ('${org}', '${waveB}', 'p1', 'B', 2, 'planned'),
    ('${otherOrg}', '${waveElsewhere}', 'p1', 'Elsewhere', 1, 'planned')`);
});

afterAll(async () => {
  await handle?.close();
});

describe("progress roll-up (seed 001's task_progress_updated, as tasks_progress_rollup)", () => {
  it('sets the wave to the rounded average of its tasks as they are added, and the program to the average of its waves', async () => {
    await addTask(task(1), waveA, 0);
    await addTask(task(2), waveA, 50);
    await addTask(task(3), waveA, 75);
    // (0 + 50 + 75) / 3 = 41.67 → 42; program (42 + 0) / 2 = 21.
    // Org B's program follows its own wave only (added empty in beforeEach: 0).
    expect(await progress()).toEqual({ waveA: 42, waveB: 0, program: 21, other: 0 });
  });

  it("rounds halves away from zero, like the seed's AVG(...)::INTEGER", async () => {
    await addTask(task(1), waveA, 0);
    await addTask(task(2), waveA, 1);
    expect((await progress()).waveA).toBe(1);
  });

  it("follows a task's progress and state changes", async () => {
    await addTask(task(1), waveA, 10);
    await addTask(task(2), waveB, 20);
    await run(`UPDATE tasks SET progress_percentage = 90 WHERE task_id = '${task(1)}'`);
    expect(await progress()).toMatchObject({ waveA: 90, waveB: 20, program: 55 });
    // A wave edited by hand is put back in line by the next change of one of its tasks.
    await run(`UPDATE waves SET progress_percentage = 3 WHERE wave_id = '${waveB}'`);
    expect(await progress()).toMatchObject({ waveB: 3, program: 47 });
    await run(`UPDATE tasks SET state = 'blocked' WHERE task_id = '${task(2)}'`);
    expect(await progress()).toMatchObject({ waveB: 20, program: 55 });
  });

  it('leaves soft-deleted tasks out, and sets a wave left with no live task to 0', async () => {
    await addTask(task(1), waveA, 100);
    await addTask(task(2), waveA, 40);
    await run(`UPDATE tasks SET deleted_at = now() WHERE task_id = '${task(2)}'`);
    expect(await progress()).toMatchObject({ waveA: 100, program: 50 });
    await run(`UPDATE tasks SET deleted_at = now() WHERE task_id = '${task(1)}'`);
    expect(await progress()).toMatchObject({ waveA: 0, program: 0 });
    await run(`UPDATE tasks SET deleted_at = NULL WHERE task_id = '${task(1)}'`);
    expect(await progress()).toMatchObject({ waveA: 100, program: 50 });
  });

  it('recalculates after a hard delete and on both waves when a task moves', async () => {
    await addTask(task(1), waveA, 100);
    await addTask(task(2), waveA, 50);
    await run(`DELETE FROM tasks WHERE task_id = '${task(2)}'`);
    expect(await progress()).toMatchObject({ waveA: 100, program: 50 });
    await run(`UPDATE tasks SET wave_id = '${waveB}' WHERE task_id = '${task(1)}'`);
    expect(await progress()).toMatchObject({ waveA: 0, waveB: 100, program: 50 });
  });

  it('leaves soft-deleted waves out of the program, and counts them again when restored', async () => {
    await addTask(task(1), waveA, 80);
    await run(`UPDATE waves SET deleted_at = now() WHERE wave_id = '${waveB}'`);
    expect(await progress()).toMatchObject({ program: 80 });
    await run(
      `INSERT INTO waves (organisation_id, program_id, name, sequence_number, state, progress_percentage) VALUES ('${org}', 'p1', 'C', 3, 'completed', 100)`,
    );
    expect(await progress()).toMatchObject({ program: 90 });
    await run(`UPDATE waves SET deleted_at = NULL WHERE wave_id = '${waveB}'`);
    expect(await progress()).toMatchObject({ program: 60 });
  });

  it('touches only the wave and program of the changed task', async () => {
    await addTask(task(1), waveA, 60);
    await addTask(task(9), waveElsewhere, 100, otherOrg);
    expect(await progress()).toEqual({ waveA: 60, waveB: 0, program: 30, other: 100 });
    const [unchanged] = await run<{ n: number }>(`SELECT count(*)::int AS n FROM waves WHERE progress_percentage <> 0`);
    expect(unchanged?.n).toBe(2);
  });
});

describe('progress roll-up under concurrency (PostgreSQL)', () => {
  it.skipIf(!process.env.TEST_DATABASE_URL)('counts both of two concurrent task changes in one wave', async () => {
    await addTask(task(1), waveA, 0);
    await addTask(task(2), waveA, 0);
    let firstUpdated!: () => void;
    const updated = new Promise<void>((resolve) => (firstUpdated = resolve));
    let releaseFirst!: () => void;
    const released = new Promise<void>((resolve) => (releaseFirst = resolve));

    const first = handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`UPDATE tasks SET progress_percentage = 100 WHERE task_id = '${task(1)}'`));
      firstUpdated();
      await released;
    });
    await updated;
    // The second transaction waits for the first's lock on the wave, then reads both changes.
    const second = handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw(`UPDATE tasks SET progress_percentage = 50 WHERE task_id = '${task(2)}'`));
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    releaseFirst();
    await Promise.all([first, second]);
    expect(await progress()).toMatchObject({ waveA: 75, program: 38 });
  });
});
