import 'server-only';

import { sql } from 'drizzle-orm';

import { withOrganisation } from '../db/client';
import type { Database } from '../db/connection';
import { rows } from './sql';
import type { OrganisationCaller } from '../auth/identity';

export interface WaveSummary {
  id: string;
  name: string;
  sequence: number;
  state: string;
  /** Rolled up from the wave's tasks by the database (tasks_progress_rollup). */
  progress: number;
  tasksDone: number;
  tasksTotal: number;
  dependsOn: { id: string; name: string; sequence: number; state: string }[];
}

export interface WaveTask {
  id: string;
  name: string;
  builder: string | null;
  state: string;
  progress: number;
}

export interface ProgramWaves {
  programs: { id: string; name: string; waves: number }[];
  program: { id: string; name: string; progress: number; state: string } | null;
  waves: WaveSummary[];
  /** The opened wave's tasks. */
  opened: { wave: WaveSummary; tasks: WaveTask[] } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A wave as its program's pages list it, with the ids of the waves it waits for. */
export type WaveLineWithDependencies = Omit<WaveSummary, 'dependsOn'> & { dependencies: string[] };

/** A program's live waves in sequence: state, progress as rolled up, and its live tasks done out of total. */
export async function readProgramWaves(tx: Database, organisationId: string, programId: string): Promise<WaveLineWithDependencies[]> {
  const waveRows = await rows<{
    wave_id: string;
    name: string;
    sequence_number: number;
    state: string;
    progress_percentage: number;
    dependencies: string[] | null;
    done: number;
    total: number;
  }>(
    tx,
    sql`SELECT w.wave_id::text AS wave_id, w.name, w.sequence_number, w.state, w.progress_percentage, w.dependencies, t.done, t.total
        FROM waves w
        CROSS JOIN LATERAL (
          SELECT (count(*) FILTER (WHERE k.state = 'completed'))::integer AS done, count(*)::integer AS total
          FROM tasks k WHERE k.organisation_id = w.organisation_id AND k.wave_id = w.wave_id AND k.deleted_at IS NULL
        ) AS t
        WHERE w.organisation_id = ${organisationId} AND w.program_id = ${programId} AND w.deleted_at IS NULL
        ORDER BY w.sequence_number`,
  );
  return waveRows.map((w) => ({
    id: w.wave_id,
    name: w.name,
    sequence: Number(w.sequence_number),
    state: w.state,
    progress: Number(w.progress_percentage),
    tasksDone: Number(w.done),
    tasksTotal: Number(w.total),
    dependencies: w.dependencies ?? [],
  }));
}

/**
 * A program's waves in sequence (seed 001): state, progress as the database rolled it up, tasks
 * done out of total, and the waves each waits for; with the opened wave's tasks. Without a
 * program, the first program that has waves.
 */
export async function getProgramWaves(member: OrganisationCaller, { programId, waveId }: { programId?: string; waveId?: string } = {}): Promise<ProgramWaves> {
  const { organisationId } = member;
  return withOrganisation(organisationId, async (tx) => {
    const programs = await rows<{ id: string; name: string; progress_percentage: number; state: string; waves: number }>(
      tx,
      sql`SELECT g.id, g.name, g.progress_percentage, g.state,
                 (SELECT count(*)::integer FROM waves w WHERE w.organisation_id = g.organisation_id AND w.program_id = g.id AND w.deleted_at IS NULL) AS waves
          FROM programs g WHERE g.organisation_id = ${organisationId} AND g.deleted_at IS NULL ORDER BY g.name`,
    );
    const chosen = programs.find((p) => p.id === programId) ?? (programId ? undefined : programs.find((p) => Number(p.waves) > 0));
    const list = programs.map((p) => ({ id: p.id, name: p.name, waves: Number(p.waves) }));
    if (!chosen) return { programs: list, program: null, waves: [], opened: null };

    const lines = await readProgramWaves(tx, organisationId, chosen.id);
    const byId = new Map(lines.map((w) => [w.id, w]));
    const waves: WaveSummary[] = lines.map(({ dependencies, ...wave }) => ({
      ...wave,
      dependsOn: dependencies.map((id) => {
        const dep = byId.get(id);
        return { id, name: dep?.name ?? id, sequence: dep?.sequence ?? 0, state: dep?.state ?? 'planned' };
      }),
    }));
    const openedWave = waveId && UUID.test(waveId) ? waves.find((w) => w.id === waveId) : undefined;
    let opened: ProgramWaves['opened'] = null;
    if (openedWave) {
      const tasks = await rows<{ task_id: string; name: string; assigned_builder: string | null; state: string; progress_percentage: number }>(
        tx,
        sql`SELECT task_id, name, assigned_builder, state, progress_percentage FROM tasks
            WHERE organisation_id = ${organisationId} AND wave_id = ${openedWave.id} AND deleted_at IS NULL
            ORDER BY board_rank, name`,
      );
      opened = {
        wave: openedWave,
        tasks: tasks.map((t) => ({ id: t.task_id, name: t.name, builder: t.assigned_builder, state: t.state, progress: Number(t.progress_percentage) })),
      };
    }
    return {
      programs: list,
      program: { id: chosen.id, name: chosen.name, progress: Number(chosen.progress_percentage), state: chosen.state },
      waves,
      opened,
    };
  });
}
