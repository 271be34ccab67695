import type { Database } from '../connection';
import { createPortfolio, insertItems } from '../testing/roadmap-fixtures';
import { query } from '../testing/sql';

/** A valid SHA-256 (64 hex characters) for evidence rows. */
export const HASH = 'ab'.repeat(32);

/** Foreman ids of the kernel world: wave 1 of program 'prog' with one task, wave 2 empty. */
export const foremanIds = {
  wave: '00000000-0000-4000-8000-00000000aa01',
  otherWave: '00000000-0000-4000-8000-00000000aa02',
  task: '00000000-0000-4000-8000-00000000bb01',
} as const;

/**
 * An organisation with program 'prog' (roadmap-fixtures' portfolio), a second program
 * 'prog2', roadmap items W1…W9 in phase_a, and a Foreman wave with one task.
 */
export async function createKernelWorld(db: Database, org: string, slug: string): Promise<void> {
  await createPortfolio(db, org, slug);
  await query(db, `INSERT INTO programs (organisation_id, id, name) VALUES ('${org}', 'prog2', 'Second program')`);
  await insertItems(
    db,
    org,
    Array.from({ length: 9 }, (_, i) => ({ id: `W${i + 1}` })),
  );
  await query(
    db,
    `INSERT INTO waves (organisation_id, wave_id, program_id, name, sequence_number, state) VALUES
       ('${org}', '${foremanIds.wave}', 'prog', 'Wave one', 1, 'in-progress'),
       ('${org}', '${foremanIds.otherWave}', 'prog', 'Wave two', 2, 'planned')`,
  );
  await query(
    db,
    `INSERT INTO tasks (organisation_id, task_id, wave_id, name, architecture_reference, qa_suite_location, acceptance_criteria, state)
     VALUES ('${org}', '${foremanIds.task}', '${foremanIds.wave}', 'Task one', 'docs/a.md', 'tests/a.test.ts', 'It works', 'in-progress')`,
  );
}

/** INSERT of an open attempt; extra columns as a `column: SQL literal` map. */
export function attemptSql(org: string, id: string, work: string, extra: Record<string, string> = {}): string {
  const columns = ['organisation_id', 'id', 'work_id', 'worker_id', 'worker_type', ...Object.keys(extra)];
  const values = [`'${org}'`, `'${id}'`, `'${work}'`, `'agent:${id}'`, `'agent'`, ...Object.values(extra)];
  return `INSERT INTO attempts (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}

/** INSERT of evidence for an item (and attempt, if given). */
export function evidenceSql(org: string, id: string, work: string | null, { attempt, createdAt }: { attempt?: string; createdAt?: string } = {}): string {
  return `INSERT INTO evidence (organisation_id, id, work_id, attempt_id, evidence_type, uri, sha256, created_by, created_at)
          VALUES ('${org}', '${id}', ${work ? `'${work}'` : 'NULL'}, ${attempt ? `'${attempt}'` : 'NULL'}, 'test_result',
                  'https://ci.example/results/${id}.xml', '${HASH}', 'agent:test', ${createdAt ?? 'now()'})`;
}

/** INSERT of a kernel blocker on an item (and attempt, if given), created at `createdAt`. */
export function kernelBlockerSql(
  org: string,
  id: string,
  work: string | null,
  { attempt, createdAt, severity }: { attempt?: string; createdAt?: string; severity?: string } = {},
): string {
  return `INSERT INTO blockers (organisation_id, id, work_id, attempt_id, reason_code, title, created_by, created_at, severity)
          VALUES ('${org}', '${id}', ${work ? `'${work}'` : 'NULL'}, ${attempt ? `'${attempt}'` : 'NULL'}, 'missing_info',
                  'Needs an answer', 'agent:test', ${createdAt ?? 'now()'}, '${severity ?? 'blocking'}')`;
}
