import { describe, expect, it } from 'vitest';

import { runAsOrganisation } from '../tenant';
import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { orgA, orgB, seedPortfolio } from './governance.fixture';

/**
 * The release verdict in plain SQL (migration 0026): v_release_verdict, v_release_standard_states,
 * compliance_latest_results and waivers in decisions. Organisation A's release r1 (product prod1)
 * gets two blocking standards and a non-blocking one; r3 (product prod2) has none.
 */

const run = (statement: string) => query(handle.db, statement);

function standard(id: string, blocking: boolean, org = orgA) {
  return run(`INSERT INTO standards (organisation_id, id, name, level_key, check_type_key, failure_message, is_blocking)
              VALUES ('${org}', '${id}', 'Standard ${id}', 'release', 'boolean', 'It failed', ${blocking})`);
}
function assign(standardId: string, entityType: string, entityId: string, org = orgA) {
  return run(`INSERT INTO standard_assignments (organisation_id, standard_id, entity_type, entity_id)
              VALUES ('${org}', '${standardId}', '${entityType}', '${entityId}')`);
}
function result(release: string, standardId: string, outcome: string, at = 'now()', org = orgA) {
  return run(`INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, release_id, result, checked_by, checked_at)
              VALUES ('${org}', '${standardId}', 'release', '${release}', '${release}', '${outcome}', 'user:reviewer', ${at})`);
}
function waiver(id: string, release: string, standardId: string, reason: string | null, extra = '') {
  return run(`INSERT INTO decisions (organisation_id, id, decision_type, release_id, standard_id, reason, decided_by${extra ? ', supersedes_decision_id' : ''})
              VALUES ('${orgA}', '${id}', 'waiver', '${release}', '${standardId}', ${reason === null ? 'NULL' : `'${reason}'`}, 'user:lead'${extra ? `, '${extra}'` : ''})`);
}
async function verdictOf(release: string, org = orgA) {
  const [row] = await run(`SELECT verdict, applicable, passing, waived, reasons FROM v_release_verdict
                            WHERE organisation_id = '${org}' AND release_id = '${release}'`);
  return row as {
    verdict: string;
    applicable: number;
    passing: number;
    waived: number;
    reasons: { standard_id: string; problem: string; blocking: boolean; result: string | null; waiver: { id: string; reason: string } | null }[];
  };
}
const problems = async (release: string) => (await verdictOf(release)).reasons.map((r) => `${r.standard_id}:${r.problem}`);

const handle = setUpTestDatabase(async (db) => {
  await seedPortfolio(db);
  await standard('S-TESTS', true);
  await standard('S-SECURITY', true);
  await standard('S-NOTES', false);
  // Tests apply through the product, security review and notes through the release itself.
  await assign('S-TESTS', 'product', 'prod1');
  await assign('S-SECURITY', 'release', 'r1');
  await assign('S-NOTES', 'release', 'r1');
  // Organisation B reuses every id: nothing of it may count for A.
  await standard('S-TESTS', true, orgB);
  await assign('S-TESTS', 'release', 'r1', orgB);
  await result('r1', 'S-TESTS', 'fail', 'now()', orgB);
});

describe('v_release_verdict', () => {
  it('calls a release with unchecked blocking standards not ready, naming each, worst first', async () => {
    expect(await verdictOf('r1')).toMatchObject({ verdict: 'not_ready', applicable: 3, passing: 0, waived: 0 });
    expect(await problems('r1')).toEqual(['S-SECURITY:unchecked', 'S-TESTS:unchecked', 'S-NOTES:unchecked']);
    // The seed's all-time tally still says "clear" for nothing checked; the verdict never does.
    const [tally] = await run(`SELECT total_checks, status FROM v_compliance_status WHERE organisation_id = '${orgA}' AND release_id = 'r1'`);
    expect(tally).toEqual({ total_checks: 0, status: 'clear' });
  });

  it('stays not ready after one pass while another blocking standard is unchecked (issue 12)', async () => {
    await result('r1', 'S-TESTS', 'pass', `now() - interval '3 hours'`);
    expect(await verdictOf('r1')).toMatchObject({ verdict: 'not_ready', passing: 1 });
    expect(await problems('r1')).toEqual(['S-SECURITY:unchecked', 'S-NOTES:unchecked']);
  });

  it('counts a skipped or errored blocking standard as not ready, and names the problem', async () => {
    await result('r1', 'S-SECURITY', 'skip', `now() - interval '2 hours'`);
    expect(await problems('r1')).toEqual(['S-SECURITY:skipped', 'S-NOTES:unchecked']);
    await result('r1', 'S-SECURITY', 'error', `now() - interval '1 hour'`);
    expect((await verdictOf('r1')).verdict).toBe('not_ready');
    expect(await problems('r1')).toEqual(['S-SECURITY:errored', 'S-NOTES:unchecked']);
  });

  it('blocks on a failing blocking standard, and reads the latest result, not every row', async () => {
    await result('r1', 'S-TESTS', 'fail', `now() - interval '30 minutes'`);
    expect((await verdictOf('r1')).verdict).toBe('blocked');
    expect((await verdictOf('r1')).reasons[0]).toMatchObject({ standard_id: 'S-TESTS', problem: 'fails', blocking: true, result: 'fail' });
    // A result recorded now but checked earlier does not replace the latest one.
    await result('r1', 'S-TESTS', 'pass', `now() - interval '5 hours'`);
    expect((await verdictOf('r1')).verdict).toBe('blocked');
    // A newer pass clears it; the seed's roll-up keeps counting the failure.
    await result('r1', 'S-TESTS', 'pass', `now() - interval '20 minutes'`);
    await result('r1', 'S-SECURITY', 'pass', `now() - interval '20 minutes'`);
    expect(await verdictOf('r1')).toMatchObject({ verdict: 'ready_with_warnings', passing: 2 });
    const [tally] = await run(`SELECT status FROM v_compliance_status WHERE organisation_id = '${orgA}' AND release_id = 'r1'`);
    expect(tally).toEqual({ status: 'blocked' });
  });

  it('gives ready with warnings for non-blocking gaps only, and ready when everything passes', async () => {
    expect(await problems('r1')).toEqual(['S-NOTES:unchecked']);
    await result('r1', 'S-NOTES', 'fail', `now() - interval '10 minutes'`);
    expect(await verdictOf('r1')).toMatchObject({ verdict: 'ready_with_warnings' });
    expect(await problems('r1')).toEqual(['S-NOTES:fails']);
    await result('r1', 'S-NOTES', 'pass', `now() - interval '5 minutes'`);
    expect(await verdictOf('r1')).toEqual({ verdict: 'ready', applicable: 3, passing: 3, waived: 0, reasons: [] });
  });

  it('breaks a tie of checked_at by the later result', async () => {
    await run(`INSERT INTO compliance_results (organisation_id, standard_id, entity_type, entity_id, release_id, result, checked_by, checked_at)
               VALUES ('${orgA}', 'S-NOTES', 'release', 'r1', 'r1', 'pass', 'ci', '2030-01-01T00:00:00Z'),
                      ('${orgA}', 'S-NOTES', 'release', 'r1', 'r1', 'skip', 'ci', '2030-01-01T00:00:00Z')`);
    expect(await problems('r1')).toEqual(['S-NOTES:skipped']);
    const [latest] = await run(`SELECT l.result, l.result_id = (SELECT max(id) FROM compliance_results) AS newest
                                  FROM compliance_latest_results l WHERE organisation_id = '${orgA}' AND release_id = 'r1' AND standard_id = 'S-NOTES'`);
    expect(latest).toEqual({ result: 'skip', newest: true });
  });

  it('calls a release that no standard applies to ready, with nothing applicable', async () => {
    expect(await verdictOf('r3')).toEqual({ verdict: 'ready', applicable: 0, passing: 0, waived: 0, reasons: [] });
  });

  it('keeps organisations apart and leaves deleted releases out', async () => {
    expect(await verdictOf('r1', orgB)).toMatchObject({ verdict: 'blocked', applicable: 1 });
    await run(`INSERT INTO releases (organisation_id, id, product_id, name, deleted_at) VALUES ('${orgA}', 'gone', 'prod1', 'v0.9', now())`);
    expect(await verdictOf('gone')).toBeUndefined();
    const seenFromA = await runAsOrganisation(handle.db, { organisationId: orgA }, (tx) => query(tx, `SELECT DISTINCT organisation_id FROM v_release_verdict`));
    expect(seenFromA).toEqual([{ organisation_id: orgA }]);
  });

  it('gives the same rows for a list of releases, through release_verdicts, and over every release (migration 0048)', async () => {
    const columns = `release_id, verdict, applicable, passing, waived, reasons`;
    const one = async (release: string) =>
      (await run(`SELECT ${columns} FROM v_release_verdict WHERE organisation_id = '${orgA}' AND release_id = '${release}'`))[0];
    const byOne = [await one('r1'), await one('r3')];
    const byList = await run(`SELECT ${columns} FROM v_release_verdict WHERE organisation_id = '${orgA}' AND release_id IN ('r1', 'r3') ORDER BY release_id`);
    const byFunction = await runAsOrganisation(handle.db, { organisationId: orgA }, (tx) =>
      query(tx, `SELECT ${columns} FROM release_verdicts('${orgA}', ARRAY['r1', 'r3', 'gone', 'nowhere']) ORDER BY release_id`),
    );
    const everyRelease = (await run(`SELECT ${columns} FROM v_release_verdict WHERE organisation_id = '${orgA}' ORDER BY release_id`)).filter((row) =>
      ['r1', 'r3'].includes((row as { release_id: string }).release_id),
    );
    expect(byOne[0]).toMatchObject({ applicable: 3 });
    expect(byOne[1]).toMatchObject({ verdict: 'ready', applicable: 0, reasons: [] });
    expect(byList).toEqual(byOne);
    expect(byFunction).toEqual(byOne);
    expect(everyRelease).toEqual(byOne);
  });
});

describe('waivers', () => {
  it('counts a waiver naming the release and the standard as met, with its reason', async () => {
    await run(`INSERT INTO releases (organisation_id, id, product_id, name) VALUES ('${orgA}', 'r4', 'prod1', 'v1.4')`);
    await assign('S-SECURITY', 'release', 'r4');
    await result('r4', 'S-TESTS', 'fail');
    expect(await problems('r4')).toEqual(['S-TESTS:fails', 'S-SECURITY:unchecked']);
    await waiver('W-1', 'r4', 'S-TESTS', 'Flaky suite; the failing test is quarantined.');
    expect((await verdictOf('r4')).verdict).toBe('not_ready');
    await waiver('W-2', 'r4', 'S-SECURITY', 'Reviewed with v1.3.');
    const verdict = await verdictOf('r4');
    expect(verdict).toMatchObject({ verdict: 'ready', waived: 2, passing: 0 });
    expect(verdict.reasons.map((r) => [r.standard_id, r.problem, r.result, r.waiver?.reason])).toEqual([
      ['S-SECURITY', 'waived', null, 'Reviewed with v1.3.'],
      ['S-TESTS', 'waived', 'fail', 'Flaky suite; the failing test is quarantined.'],
    ]);
  });

  it('stops counting a waiver once a later decision supersedes it', async () => {
    await run(`INSERT INTO decisions (organisation_id, id, decision_type, reason, supersedes_decision_id, decided_by)
               VALUES ('${orgA}', 'REV-1', 'revocation', 'The quarantine ended.', 'W-1', 'user:lead')`);
    expect(await problems('r4')).toEqual(['S-TESTS:fails', 'S-SECURITY:waived']);
    expect((await verdictOf('r4')).verdict).toBe('blocked');
    // A renewed waiver supersedes nothing that counts, and counts itself.
    await waiver('W-3', 'r4', 'S-TESTS', 'Quarantined again until the fix lands.', 'REV-1');
    expect((await verdictOf('r4')).verdict).toBe('ready');
  });

  it('refuses a waiver without a reason, a decision of another type naming a release, and half a name', async () => {
    await expectRefused(waiver('W-X', 'r4', 'S-TESTS', '  '), { code: '23514', message: /decisions_release_waiver_check/ });
    await expectRefused(waiver('W-X', 'r4', 'S-TESTS', null), { code: '23514', message: /decisions_release_waiver_check/ });
    await expectRefused(
      run(
        `INSERT INTO decisions (organisation_id, id, decision_type, release_id, standard_id, reason) VALUES ('${orgA}', 'A-X', 'approval', 'r4', 'S-TESTS', 'Looks fine')`,
      ),
      { code: '23514', message: /decisions_release_waiver_check/ },
    );
    await expectRefused(
      run(`INSERT INTO decisions (organisation_id, id, decision_type, release_id, reason) VALUES ('${orgA}', 'W-X', 'waiver', 'r4', 'No standard named')`),
      { code: '23514', message: /decisions_release_waiver_check/ },
    );
    // Another organisation's release or standard cannot be named.
    await expectRefused(
      run(
        `INSERT INTO decisions (organisation_id, id, decision_type, release_id, standard_id, reason) VALUES ('${orgB}', 'W-B', 'waiver', 'r4', 'S-TESTS', 'Planted')`,
      ),
      { code: '23503' },
    );
  });
});

describe('compliance_latest_results', () => {
  it('is derived only: a direct insert, update or delete is refused', async () => {
    const message = 'compliance_latest_results is derived from compliance_results';
    await expectRefused(
      run(`INSERT INTO compliance_latest_results (organisation_id, release_id, standard_id, result_id, result, checked_at)
           VALUES ('${orgA}', 'r3', 'S-TESTS', 1, 'pass', now())`),
      { code: '23514', message },
    );
    await expectRefused(run(`UPDATE compliance_latest_results SET result = 'pass' WHERE organisation_id = '${orgA}'`), { code: '23514', message });
    await expectRefused(run(`DELETE FROM compliance_latest_results WHERE organisation_id = '${orgA}'`), { code: '23514', message });
  });

  it('holds exactly the newest result of every (release, standard) pair', async () => {
    const differences = await run(`
      (SELECT organisation_id, release_id, standard_id, result_id FROM compliance_latest_results)
      EXCEPT
      (SELECT DISTINCT ON (organisation_id, release_id, standard_id) organisation_id, release_id, standard_id, id
         FROM compliance_results WHERE release_id IS NOT NULL
        ORDER BY organisation_id, release_id, standard_id, checked_at DESC, id DESC)`);
    expect(differences).toEqual([]);
    const [counts] = await run(`SELECT (SELECT count(*)::int FROM compliance_latest_results) AS latest,
                                       (SELECT count(DISTINCT (organisation_id, release_id, standard_id))::int FROM compliance_results WHERE release_id IS NOT NULL) AS pairs`);
    expect(counts!.latest).toBe(counts!.pairs);
  });
});
