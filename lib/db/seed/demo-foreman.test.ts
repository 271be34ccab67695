import { describe, expect, it } from 'vitest';

import { setUpTestDatabase } from '../testing/test-database';
import { query } from '../testing/sql';
import { seedDemoPortfolio } from './demo';
import { seedDemoForeman } from './demo-foreman';

let organisationId: string;
const today = new Date();
const run = <T = Record<string, unknown>>(statement: string) => query<T>(handle.db, statement);

const tables = ['builders', 'waves', 'tasks', 'heartbeats', 'evidence_trail', 'governance_violations', 'architecture_validations', 'qa_executions'];

async function snapshot() {
  const counts = await run<{ table_name: string; n: number; changed: string | null }>(
    tables.map((t) => `SELECT '${t}' AS table_name, count(*)::int AS n, NULL::text AS changed FROM ${t}`).join(' UNION ALL ') +
      ` UNION ALL SELECT 'programs', count(*)::int, max(updated_at)::text FROM programs` +
      ` UNION ALL SELECT 'waves.updated', count(*)::int, max(updated_at)::text FROM waves` +
      ` UNION ALL SELECT 'builders.updated', count(*)::int, max(updated_at)::text FROM builders`,
  );
  return Object.fromEntries(counts.map((row) => [row.table_name, [row.n, row.changed]]));
}

const handle = setUpTestDatabase(async (db) => {
  ({ organisationId } = await db.transaction((tx) => seedDemoPortfolio(tx, today)));
});

describe('seedDemoForeman', () => {
  // Seeds twice and snapshots the tables twice: past 30 s beside the rest of CI (56 s once).
  it('seeds the Foreman office once; a second run adds and changes nothing', { timeout: 240_000 }, async () => {
    const first = await handle.db.transaction((tx) => seedDemoForeman(tx, organisationId, today));
    expect(first).toEqual({ builders: 5, waves: 6, tasks: 15, heartbeats: 13, evidence: 7, violations: 1, validations: 4, qaExecutions: 6 });
    const before = await snapshot();
    const second = await handle.db.transaction((tx) => seedDemoForeman(tx, organisationId, today));
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('gives foreman-office and motus-cli three sequenced waves each, with dependencies on earlier waves', async () => {
    const rows = await run<{ program_id: string; sequence: string; depends_on_earlier: boolean }>(`
      SELECT w.program_id, string_agg(w.sequence_number::text, ',' ORDER BY w.sequence_number) AS sequence,
             bool_and(NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(w.dependencies) d
                                  JOIN waves dw ON dw.organisation_id = w.organisation_id AND dw.wave_id = d::uuid
                                  WHERE dw.sequence_number >= w.sequence_number)) AS depends_on_earlier
        FROM waves w WHERE w.organisation_id = '${organisationId}' GROUP BY w.program_id ORDER BY w.program_id`);
    expect(rows).toEqual([
      { program_id: 'foreman-office', sequence: '1,2,3', depends_on_earlier: true },
      { program_id: 'motus-cli', sequence: '1,2,3', depends_on_earlier: true },
    ]);
  });

  it('has tasks in every state, and progress rolled up to waves and programs', async () => {
    const [states] = await run<{ states: string }>(`SELECT string_agg(DISTINCT state, ',' ORDER BY state) AS states FROM tasks`);
    expect(states?.states).toBe('assigned,blocked,completed,failed,in-progress,planned');
    const programs = await run<{ id: string; progress_percentage: number }>(
      `SELECT id, progress_percentage FROM programs WHERE id IN ('foreman-office', 'motus-cli') ORDER BY id`,
    );
    // foreman-office: waves 100, round((60 + 35 + 20 + 0) / 4) = 29, 0 → 43; motus-cli: 100, 60, 5 → 55.
    expect(programs).toEqual([
      { id: 'foreman-office', progress_percentage: 43 },
      { id: 'motus-cli', progress_percentage: 55 },
    ]);
  });

  it('has five builders of every type and backend, with one stale', async () => {
    const rows = await run<{ builder_id: string; builder_type_key: string; backend_type: string; stale: boolean; has_task: boolean }>(`
      SELECT builder_id, builder_type_key, backend_type, last_heartbeat < now() - interval '1 hour' AS stale,
             current_task_id IS NOT NULL AS has_task
        FROM builders ORDER BY builder_id`);
    expect(rows.map((r) => r.builder_type_key).sort()).toEqual(['api', 'integration', 'qa', 'schema', 'ui']);
    expect(new Set(rows.map((r) => r.backend_type))).toEqual(new Set(['local', 'hosted', 'burst']));
    expect(rows.filter((r) => r.stale).map((r) => r.builder_id)).toEqual(['integration-builder']);
    expect(rows.filter((r) => r.has_task)).toHaveLength(4);
  });

  it('records QA runs RED, PARTIAL and GREEN, READY and NOT_READY validations, and an open violation', async () => {
    const [row] = await run<{ qa: string; readiness: string; open_violations: number }>(`
      SELECT (SELECT string_agg(DISTINCT qa_status, ',' ORDER BY qa_status) FROM qa_executions) AS qa,
             (SELECT string_agg(DISTINCT build_readiness, ',' ORDER BY build_readiness) FROM architecture_validations) AS readiness,
             (SELECT count(*)::int FROM governance_violations WHERE resolved_at IS NULL) AS open_violations`);
    expect(row).toEqual({ qa: 'GREEN,PARTIAL,RED', readiness: 'NOT_READY,READY', open_violations: 1 });
  });
});
