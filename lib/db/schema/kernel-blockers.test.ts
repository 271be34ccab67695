import { beforeAll, describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { createKernelWorld, evidenceSql, foremanIds, kernelBlockerSql } from './kernel.fixture';

const org = '00000000-0000-4000-8000-0000000000d1';
const other = '00000000-0000-4000-8000-0000000000d2';
const { task, wave, otherWave } = foremanIds;

const sql = (statement: string) => query(handle.db, statement);
const HOUR_AGO = "now() - interval '1 hour'";

/** A Foreman blocker on the given target columns, created an hour ago. */
const foremanBlocker = (id: string, target: Record<string, string>) =>
  sql(`INSERT INTO blockers (organisation_id, id, ${Object.keys(target).join(', ')}, classification, description, created_by, created_at)
       VALUES ('${org}', '${id}', ${Object.values(target)
         .map((v) => `'${v}'`)
         .join(', ')}, 'builder_stall',
               'No heartbeat for 20 minutes', 'foreman', ${HOUR_AGO})`);
const resolve = (id: string, resolution: string | null, action: string | null = null) =>
  sql(`UPDATE blockers SET resolved_at = now(), resolved_by = 'johan',
         resolution = ${resolution === null ? 'NULL' : `'${resolution}'`}, resolution_action = ${action === null ? 'NULL' : `'${action}'`}
       WHERE organisation_id = '${org}' AND id = '${id}'`);
const waiver = (id: string, target: string, decidedAt = 'now()') =>
  sql(`INSERT INTO decisions (organisation_id, id, ${target.startsWith('W') ? 'work_id' : 'blocker_id'}, decision_type, decided_by, decided_at)
       VALUES ('${org}', '${id}', '${target}', 'waiver', 'johan', ${decidedAt})`);

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'kernel-blockers');
  await createKernelWorld(db, other, 'kernel-blockers-b');
});

describe('one blockers table for kernel and Foreman blockers', () => {
  it('needs at least one target, and the fields of each kind it is', async () => {
    await expectRefused(sql(`INSERT INTO blockers (organisation_id, reason_code, title, created_by) VALUES ('${org}', 'other', 'Nowhere', 'me')`), {
      code: '23514',
      message: /blockers_target_check/,
    });
    await expectRefused(sql(`INSERT INTO blockers (organisation_id, work_id, title, created_by) VALUES ('${org}', 'W1', 'No reason', 'me')`), {
      message: /blockers_kernel_fields/,
    });
    await expectRefused(
      sql(`INSERT INTO blockers (organisation_id, task_id, classification, created_by) VALUES ('${org}', '${task}', 'builder_stall', 'me')`),
      { message: /blockers_foreman_fields/ },
    );
    await expectRefused(sql(kernelBlockerSql(org, 'X', 'W1').replace("'missing_info'", "'bored'")), { message: /blockers_reason_code_check/ });
    await expectRefused(sql(kernelBlockerSql(org, 'X', 'W1', { severity: 'fatal' })), { message: /blockers_severity_check/ });
    await expectRefused(
      sql(`INSERT INTO blockers (organisation_id, program_id, classification, description, created_by)
           VALUES ('${org}', 'prog', 'flaky_tests', 'x', 'me')`),
      { message: /blockers_classification_check/ },
    );
  });

  it("takes seed 003's and seed 001's defaults: a text id, blocking severity, detection time", async () => {
    await sql(`INSERT INTO blockers (organisation_id, work_id, reason_code, title, created_by) VALUES ('${org}', 'W1', 'external_wait', 'Vendor', 'me')`);
    const [row] = await sql(
      `SELECT id ~ '^[0-9a-f-]{36}$' AS uuid_id, severity, detected_at = created_at AS same_time, entity_type, entity_id
         FROM blockers WHERE organisation_id = '${org}' AND title = 'Vendor'`,
    );
    expect(row).toEqual({ uuid_id: true, severity: 'blocking', same_time: true, entity_type: null, entity_id: null });
  });

  it('fills a task blocker’s wave and program, and derives seed 001’s entity_type / entity_id', async () => {
    await foremanBlocker('F-task', { task_id: task });
    await foremanBlocker('F-wave', { wave_id: otherWave });
    await foremanBlocker('F-prog', { program_id: 'prog2' });
    const rows = await sql(
      `SELECT id, program_id, wave_id, task_id, entity_type, entity_id FROM blockers
        WHERE organisation_id = '${org}' AND id LIKE 'F-%' ORDER BY id`,
    );
    expect(rows).toEqual([
      { id: 'F-prog', program_id: 'prog2', wave_id: null, task_id: null, entity_type: 'program', entity_id: 'prog2' },
      { id: 'F-task', program_id: 'prog', wave_id: wave, task_id: task, entity_type: 'task', entity_id: task },
      { id: 'F-wave', program_id: 'prog', wave_id: otherWave, task_id: null, entity_type: 'wave', entity_id: otherWave },
    ]);
  });

  it('refuses targets that disagree, or that belong to another organisation', async () => {
    await expectRefused(foremanBlocker('X', { task_id: task, wave_id: otherWave }), {
      code: '23514',
      message: `FOREMAN: Task ${task} belongs to wave ${wave}, not ${otherWave}`,
    });
    await expectRefused(foremanBlocker('X', { wave_id: wave, program_id: 'prog2' }), {
      message: `FOREMAN: Wave ${wave} belongs to program prog, not prog2`,
    });
    await sql(`INSERT INTO roadmap_items (organisation_id, id, phase_key, title) VALUES ('${other}', 'ONLY-B', 'phase_a', 'B')`);
    await expectRefused(sql(kernelBlockerSql(org, 'X', 'ONLY-B')), { code: '23503', message: /blockers_work_fk/ });
    await sql(`INSERT INTO programs (organisation_id, id, name) VALUES ('${other}', 'prog-b', 'B')`);
    await expectRefused(foremanBlocker('X', { program_id: 'prog-b' }), { code: '23503', message: /blockers_program_fk/ });
  });

  it('lets one blocker sit on a roadmap item and a task at once', async () => {
    await sql(`INSERT INTO blockers (organisation_id, id, work_id, task_id, reason_code, classification, title, description, created_by)
               VALUES ('${org}', 'BOTH', 'W2', '${task}', 'technical_failure', 'repeated_failures', 'Flaky', 'Fails 3 of 5 runs', 'qa-builder')`);
    const [row] = await sql(`SELECT work_id, program_id, entity_type FROM blockers WHERE organisation_id = '${org}' AND id = 'BOTH'`);
    expect(row).toEqual({ work_id: 'W2', program_id: 'prog', entity_type: 'task' });
  });
});

describe('blockers_resolution_requires_justification (kernel blockers)', () => {
  beforeAll(async () => {
    await sql(kernelBlockerSql(org, 'K', 'W3', { createdAt: HOUR_AGO }));
  });

  it('needs an explanation first, even with evidence at hand', async () => {
    await sql(evidenceSql(org, 'E-W4', 'W4'));
    await sql(kernelBlockerSql(org, 'K-first', 'W4', { createdAt: "now() - interval '2 hours'" }));
    for (const resolution of [null, '']) {
      await expectRefused(resolve('K-first', resolution), {
        code: '23514',
        message: 'KERNEL: Blocker resolution requires explanation in resolution field',
      });
    }
    await resolve('K-first', 'Answered by evidence');
  });

  it('then evidence or a waiver made strictly after the blocker was created', async () => {
    const refused = { code: '23514', message: 'KERNEL: Blocker resolution requires evidence or waiver decision' };
    await expectRefused(resolve('K', 'Fixed'), refused);
    // Evidence and waivers from before (or at) the blocker's creation, or a decision that is
    // not a waiver, or evidence of another item: none counts.
    await sql(evidenceSql(org, 'E-old', 'W3', { createdAt: "now() - interval '2 hours'" }));
    await sql(`INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, created_by, created_at)
               SELECT organisation_id, 'E-same', work_id, 'log', 'https://ci.example/same', repeat('0', 64), 'me', created_at
                 FROM blockers WHERE organisation_id = '${org}' AND id = 'K'`);
    await waiver('D-old', 'W3', "now() - interval '2 hours'");
    await sql(`INSERT INTO decisions (organisation_id, id, work_id, decision_type) VALUES ('${org}', 'D-approval', 'W3', 'approval')`);
    await expectRefused(resolve('K', 'Fixed'), refused);
    await sql(evidenceSql(org, 'E-after', 'W3'));
    await resolve('K', 'Fixed');
  });

  it('accepts a waiver decision on the item, or one naming the blocker', async () => {
    await sql(kernelBlockerSql(org, 'K-w1', 'W5', { createdAt: HOUR_AGO }));
    await waiver('D-w1', 'W5');
    await resolve('K-w1', 'Waived by Johan');
    await sql(kernelBlockerSql(org, 'K-w2', 'W6', { createdAt: HOUR_AGO }));
    await waiver('D-w2', 'K-w2');
    await resolve('K-w2', 'Waived for this blocker only');
  });

  it('does not check a blocker inserted already resolved', async () => {
    await sql(`INSERT INTO blockers (organisation_id, id, work_id, reason_code, title, created_by, resolved_at)
               VALUES ('${org}', 'K-pre', 'W7', 'other', 'Imported', 'import', now())`);
  });
});

describe('blockers_resolution_requires_justification (Foreman blockers)', () => {
  it('needs an action and notes of at least 10 characters, after the explanation check', async () => {
    await expectRefused(resolve('F-task', '', 'update_qa'), { message: 'KERNEL: Blocker resolution requires explanation' });
    const foreman = { code: '23514', message: 'FOREMAN: Blocker resolution needs an action and notes of at least 10 characters' };
    await expectRefused(resolve('F-task', 'Restarted', 'update_qa'), foreman);
    await expectRefused(resolve('F-task', '   Restarted   ', 'update_qa'), foreman);
    await expectRefused(resolve('F-task', 'Restarted the builder', null), foreman);
    await expectRefused(resolve('F-task', 'Restarted the builder', ' '), foreman);
    await expectRefused(resolve('F-task', 'Restarted the builder', 'escalate'), {
      message: 'KERNEL: Blocker resolution requires evidence or waiver decision',
    });
  });

  it("counts evidence_trail entries on the blocker's own entity, made after it was created", async () => {
    const trail = (type: string, id: string, at = 'now()') =>
      sql(`INSERT INTO evidence_trail (organisation_id, entity_type, entity_id, action, actor, "timestamp")
           VALUES ('${org}', '${type}', '${id}', 'builder_restarted', 'foreman', ${at})`);
    await trail('program', 'prog');
    await trail('task', task, "now() - interval '2 hours'");
    await expectRefused(resolve('F-task', 'Restarted the builder', 'escalate'), { message: 'KERNEL: Blocker resolution requires evidence' });
    await trail('task', task);
    await resolve('F-task', 'Restarted the builder', 'escalate');
  });

  it('accepts a waiver decision naming the blocker', async () => {
    await waiver('D-wave', 'F-wave');
    await resolve('F-wave', 'Wave two starts without it', 'update_architecture');
  });
});

describe('blockers_resolution_immutable', () => {
  it('refuses any change to a resolved blocker’s resolution, even the same value, and un-resolving', async () => {
    const refused = { code: '23514', message: 'KERNEL: Blocker resolution is immutable' };
    for (const set of ['resolved_at = now()', 'resolved_at = NULL', "resolved_by = 'ben'", 'resolution = resolution', "resolution_action = 'update_qa'"]) {
      await expectRefused(sql(`UPDATE blockers SET ${set} WHERE organisation_id = '${org}' AND id = 'K'`), refused);
    }
  });

  it('still lets other columns change', async () => {
    await sql(`UPDATE blockers SET title = 'Renamed', needs = 'Nothing now' WHERE organisation_id = '${org}' AND id = 'K'`);
    const [row] = await sql(`SELECT title, updated_at > created_at AS touched FROM blockers WHERE organisation_id = '${org}' AND id = 'K'`);
    expect(row).toEqual({ title: 'Renamed', touched: true });
  });
});

describe('deleting blockers', () => {
  it('refuses to delete an open blocker, softly or not', async () => {
    await expectRefused(sql(`UPDATE blockers SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'F-prog'`), {
      code: '23514',
      message: /blockers_deleted_when_resolved/,
    });
    await expectRefused(sql(`DELETE FROM blockers WHERE organisation_id = '${org}' AND id = 'F-prog'`), {
      code: '23514',
      message: 'KERNEL: An unresolved blocker cannot be deleted. Resolve it first.',
    });
  });

  it('lets a resolved blocker be deleted', async () => {
    await sql(`UPDATE blockers SET deleted_at = now() WHERE organisation_id = '${org}' AND id = 'K-pre'`);
    await sql(`DELETE FROM blockers WHERE organisation_id = '${org}' AND id = 'K-pre'`);
  });
});

describe('escalation', () => {
  it('an escalation decision naming a blocker marks it escalated to its authority', async () => {
    await sql(`INSERT INTO decisions (organisation_id, id, blocker_id, decision_type, authority, decided_by, reason)
               VALUES ('${org}', 'ESC-1', 'F-prog', 'escalation', 'johan', 'foreman', 'Nobody else can decide this')`);
    const [row] = await sql(
      `SELECT b.escalated_to, b.escalated_at = d.decided_at AS same_time
         FROM blockers b JOIN decisions d ON d.organisation_id = b.organisation_id AND d.id = 'ESC-1'
        WHERE b.organisation_id = '${org}' AND b.id = 'F-prog'`,
    );
    expect(row).toEqual({ escalated_to: 'johan', same_time: true });
  });

  it('refuses to escalate a resolved blocker, and an escalation time without a recipient', async () => {
    await expectRefused(
      sql(`INSERT INTO decisions (organisation_id, id, blocker_id, decision_type, authority) VALUES ('${org}', 'ESC-2', 'K', 'escalation', 'johan')`),
      { code: '23514', message: 'KERNEL: Blocker K is resolved; it cannot be escalated' },
    );
    await expectRefused(sql(`UPDATE blockers SET escalated_to = NULL WHERE organisation_id = '${org}' AND id = 'F-prog'`), {
      message: /blockers_escalation_check/,
    });
  });
});
