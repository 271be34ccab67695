import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { attemptSql, createKernelWorld, evidenceSql, HASH, kernelBlockerSql } from './kernel.fixture';

const org = '00000000-0000-4000-8000-0000000000c1';
const other = '00000000-0000-4000-8000-0000000000c2';

const sql = (statement: string) => query(handle.db, statement);
const end = (id: string, outcome?: string) =>
  sql(`UPDATE attempts SET ended_at = now()${outcome ? `, outcome = '${outcome}'` : ''} WHERE organisation_id = '${org}' AND id = '${id}'`);

const handle = setUpTestDatabase(async (db) => {
  await createKernelWorld(db, org, 'kernel-attempts');
  await createKernelWorld(db, other, 'kernel-attempts-b');
});

describe('attempts columns', () => {
  it("takes the seed's defaults and refuses values outside its lists", async () => {
    await sql(attemptSql(org, 'A-cols', 'W9'));
    const [row] = await sql(`SELECT started_at IS NOT NULL AS started, ended_at, outcome FROM attempts WHERE id = 'A-cols'`);
    expect(row).toEqual({ started: true, ended_at: null, outcome: null });
    await end('A-cols');
    await expectRefused(sql(attemptSql(org, 'A-x', 'W9').replace("'agent')", "'robot')")), { code: '23514', message: /attempts_worker_type_check/ });
    await expectRefused(sql(`UPDATE attempts SET outcome = 'abandoned' WHERE id = 'A-cols'`), { code: '23514', message: /attempts_outcome_check/ });
    await expectRefused(sql(`UPDATE attempts SET ended_at = started_at - interval '1 second' WHERE id = 'A-cols'`), {
      code: '23514',
      message: /attempts_ended_after_started/,
    });
  });

  it('refuses an item, a contract or a handoff source of another organisation', async () => {
    await sql(`INSERT INTO roadmap_items (organisation_id, id, phase_key, title) VALUES ('${other}', 'ONLY-B', 'phase_a', 'B only')`);
    await expectRefused(sql(attemptSql(org, 'A-fk', 'ONLY-B')), { code: '23503', message: /attempts_work_fk/ });
    await sql(`INSERT INTO compiled_contracts (organisation_id, contract_hash, compiled_json) VALUES ('${other}', 'c-b', '{}')`);
    await expectRefused(sql(attemptSql(org, 'A-fk', 'W8', { contract_hash: "'c-b'" })), { code: '23503', message: /attempts_contract_fk/ });
    await sql(attemptSql(other, 'B-src', 'W8', { ended_at: 'now()' }));
    await expectRefused(sql(attemptSql(org, 'A-fk', 'W8', { handoff_from_attempt_id: "'B-src'", handoff_reason: "'Taking over'" })), {
      code: '23503',
      message: /attempts_handoff_from_fk/,
    });
  });
});

describe('attempts_no_double_claim', () => {
  it('refuses a second open attempt on an item, whatever the first one’s outcome', async () => {
    await sql(attemptSql(org, 'A1', 'W1'));
    await expectRefused(sql(attemptSql(org, 'A2', 'W1')), {
      code: '23514',
      message: 'KERNEL: Work already has active attempt. Use handoff instead of new claim.',
    });
    // Setting the outcome alone does not release the work.
    await sql(`UPDATE attempts SET outcome = 'failed' WHERE organisation_id = '${org}' AND id = 'A1'`);
    await expectRefused(sql(attemptSql(org, 'A2', 'W1')), { message: 'KERNEL: Work already has active attempt' });
    await end('A1');
    await sql(attemptSql(org, 'A2', 'W1'));
  });

  it('refuses a handoff while the attempt it takes over is still open', async () => {
    await sql(attemptSql(org, 'H1', 'W2'));
    const handoff = attemptSql(org, 'H2', 'W2', { handoff_from_attempt_id: "'H1'", handoff_reason: "'Out of context window'" });
    await expectRefused(sql(handoff), { message: 'KERNEL: Work already has active attempt' });
    await end('H1', 'handed_off');
    await sql(handoff);
  });

  it('counts only open attempts of the same item and organisation', async () => {
    await sql(attemptSql(other, 'B1', 'W1'));
    await sql(attemptSql(org, 'A3', 'W3'));
    const [row] = await sql(`SELECT count(*)::int AS open FROM attempts WHERE work_id = 'W1' AND ended_at IS NULL`);
    expect(row).toEqual({ open: 2 });
  });

  it('refuses reopening an attempt, or moving an open one onto a claimed item', async () => {
    // W1: A1 ended, A2 open.
    await expectRefused(sql(`UPDATE attempts SET ended_at = NULL WHERE organisation_id = '${org}' AND id = 'A1'`), {
      message: 'KERNEL: Work already has active attempt',
    });
    await expectRefused(sql(`UPDATE attempts SET work_id = 'W1' WHERE organisation_id = '${org}' AND id = 'A3'`), {
      message: 'KERNEL: Work already has active attempt',
    });
  });
});

describe('attempts_no_claim_blocked', () => {
  it('refuses a claim while the item has an unresolved blocker, even a warning', async () => {
    await sql(kernelBlockerSql(org, 'BLK-warn', 'W4', { severity: 'warning' }));
    await expectRefused(sql(attemptSql(org, 'A4', 'W4')), {
      code: '23514',
      message: 'KERNEL: Work has unresolved blockers. Resolve blockers before claiming.',
    });
  });

  it("ignores other items' blockers and resolved ones", async () => {
    await sql(kernelBlockerSql(org, 'BLK-done', 'W5', { createdAt: "now() - interval '1 hour'" }));
    await sql(evidenceSql(org, 'E-W5', 'W5'));
    await sql(`UPDATE blockers SET resolved_at = now(), resolution = 'Answered' WHERE organisation_id = '${org}' AND id = 'BLK-done'`);
    await sql(attemptSql(org, 'A5', 'W5'));
  });
});

describe('attempts_handoff_requires_reason', () => {
  it('refuses a handoff with a NULL or empty reason, and accepts whitespace', async () => {
    await end('A5', 'handed_off');
    const handoff = (reason: string) => sql(attemptSql(org, 'A5b', 'W5', { handoff_from_attempt_id: "'A5'", handoff_reason: reason }));
    for (const reason of ['NULL', "''"]) {
      await expectRefused(handoff(reason), { code: '23514', message: 'KERNEL: Handoff requires explanation in handoff_reason field' });
    }
    await handoff("' '");
  });

  it('comes first: a reasonless handoff onto a blocked, claimed item gets the handoff message', async () => {
    // W4 has an unresolved blocker; W2 has an open attempt (H2) — neither message comes first.
    for (const work of ['W4', 'W2']) {
      await expectRefused(sql(attemptSql(org, 'A-order', work, { handoff_from_attempt_id: "'H1'" })), {
        message: 'KERNEL: Handoff requires explanation',
      });
    }
  });

  it('then the blocker: a claimed and blocked item gets the unresolved-blockers message', async () => {
    await sql(attemptSql(org, 'A6', 'W6'));
    await sql(kernelBlockerSql(org, 'BLK-W6', 'W6'));
    await expectRefused(sql(attemptSql(org, 'A6b', 'W6')), { message: 'KERNEL: Work has unresolved blockers' });
  });

  it('refuses a handoff from an attempt of another item', async () => {
    await expectRefused(sql(attemptSql(org, 'A-cross', 'W7', { handoff_from_attempt_id: "'A1'", handoff_reason: "'Moving on'" })), {
      code: '23503',
      message: /attempts_handoff_from_fk/,
    });
  });
});

describe('attempts_completion_requires_evidence', () => {
  it('refuses NULL → completed without evidence of this attempt; evidence of the item alone does not count', async () => {
    await sql(attemptSql(org, 'C1', 'W7'));
    await sql(evidenceSql(org, 'E-item', 'W7'));
    const complete = () => sql(`UPDATE attempts SET outcome = 'completed' WHERE organisation_id = '${org}' AND id = 'C1'`);
    await expectRefused(complete(), {
      code: '23514',
      message: 'KERNEL: Cannot mark attempt completed without evidence. Use record_evidence() first.',
    });
    await sql(evidenceSql(org, 'E-C1', null, { attempt: 'C1' }));
    await complete();
  });

  it('does not check other changes to completed (failed → completed), as the original', async () => {
    await end('C1');
    await sql(attemptSql(org, 'C2', 'W7'));
    await sql(`UPDATE attempts SET outcome = 'failed' WHERE organisation_id = '${org}' AND id = 'C2'`);
    await sql(`UPDATE attempts SET outcome = 'completed' WHERE organisation_id = '${org}' AND id = 'C2'`);
  });
});

describe('attempts_blocked_requires_blocker', () => {
  it('refuses NULL → blocked without an unresolved blocker on this attempt', async () => {
    await end('C2');
    await sql(attemptSql(org, 'K1', 'W7'));
    const block = () => sql(`UPDATE attempts SET outcome = 'blocked' WHERE organisation_id = '${org}' AND id = 'K1'`);
    await expectRefused(block(), {
      code: '23514',
      message: 'KERNEL: Cannot mark attempt blocked without blocker record. Use create_blocker() first.',
    });
    await sql(kernelBlockerSql(org, 'BLK-K1', null, { attempt: 'K1' }));
    await block();
    const [row] = await sql(`SELECT work_id FROM blockers WHERE organisation_id = '${org}' AND id = 'BLK-K1'`);
    expect(row).toEqual({ work_id: 'W7' });
  });
});

describe('evidence, decisions and blockers name an attempt of their own item', () => {
  it('fill the item from the attempt, and refuse an attempt of another item', async () => {
    await sql(evidenceSql(org, 'E-fill', null, { attempt: 'A3' }));
    await sql(`INSERT INTO decisions (organisation_id, id, attempt_id, decision_type) VALUES ('${org}', 'D-fill', 'A3', 'approval')`);
    const rows = await sql(
      `SELECT 'evidence' AS t, work_id FROM evidence WHERE id = 'E-fill' UNION ALL SELECT 'decisions', work_id FROM decisions WHERE id = 'D-fill'`,
    );
    expect(rows).toEqual([
      { t: 'evidence', work_id: 'W3' },
      { t: 'decisions', work_id: 'W3' },
    ]);
    await expectRefused(sql(evidenceSql(org, 'E-cross', 'W1', { attempt: 'A3' })), {
      code: '23514',
      message: 'KERNEL: Attempt A3 belongs to work W3, not W1',
    });
    await expectRefused(sql(kernelBlockerSql(org, 'BLK-cross', 'W1', { attempt: 'A3' })), { message: 'KERNEL: Attempt A3 belongs to work W3' });
    await expectRefused(sql(evidenceSql(org, 'E-none', null, { attempt: 'NOPE' })), { code: '23502' });
  });

  it('check evidence types, hashes and sizes', async () => {
    await expectRefused(sql(evidenceSql(org, 'E-bad', 'W3').replace("'test_result'", "'video'")), {
      code: '23514',
      message: /evidence_evidence_type_check/,
    });
    await expectRefused(sql(evidenceSql(org, 'E-bad', 'W3').replace(HASH, 'not-a-hash')), { message: /evidence_sha256_check/ });
    await expectRefused(
      sql(`INSERT INTO evidence (organisation_id, id, work_id, evidence_type, uri, sha256, size_bytes, created_by)
           VALUES ('${org}', 'E-bad', 'W3', 'log', 'https://ci.example/x', '${HASH}', -1, 'me')`),
      { message: /evidence_size_bytes_check/ },
    );
  });
});
