import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { ids, insertRun, seedPlanningWorld, uid } from './planning-test-fixtures';

const { orgA } = ids;
const run = (statement: string) => query(handle.db, statement);
const runId = uid(1);

// The run's policy snapshot requires lint and unit (the fixture's defaults).
function recordCheck(checkType: string, status: string, executedMinutesAgo = 0) {
  return run(`INSERT INTO run_check (organisation_id, run_id, check_type, status, executed_at)
              VALUES ('${orgA}', '${runId}', '${checkType}', '${status}', now() - interval '${executedMinutesAgo} minutes')`);
}

function requestApproval(id: string, type = 'create_pr', status = 'pending') {
  const resolved = status === 'pending' ? 'NULL, NULL' : `'ben', now()`;
  return run(`INSERT INTO approval_request (organisation_id, id, run_id, approval_type, status, requested_by, resolved_by, resolved_at)
              VALUES ('${orgA}', '${id}', '${runId}', '${type}', '${status}', 'agent:coder', ${resolved})`);
}

const handle = setUpTestDatabase(async (db) => {
  await seedPlanningWorld(db);
  await insertRun(db, { id: runId, status: 'completed' });
});

describe('run_check', () => {
  it('records typed results, append-only', async () => {
    await recordCheck('e2e', 'skipped');
    await expectRefused(recordCheck('vibes', 'passed'), { code: '23514', message: /run_check_check_type_check/ });
    await expectRefused(recordCheck('lint', 'green'), { code: '23514', message: /run_check_status_check/ });
    await expectRefused(run(`UPDATE run_check SET status = 'passed'`), {
      code: '23514',
      message: 'Run checks are immutable. Record a new check instead.',
    });
    await expectRefused(run(`DELETE FROM run_check`), { message: 'Run checks cannot be deleted.' });
  });
});

describe('approval gates: every required check passed', () => {
  it('refuses a missing, a failed and a skipped required check, in the policy order', async () => {
    await expectRefused(requestApproval(uid(10)), { code: '23514', message: "Required check 'lint' has not been executed" });
    await recordCheck('lint', 'failed', 30);
    await expectRefused(requestApproval(uid(10)), { message: "Required check 'lint' failed" });
    await recordCheck('lint', 'skipped', 20);
    await expectRefused(requestApproval(uid(10)), { message: "Required check 'lint' was skipped - must pass before approval" });
    await recordCheck('lint', 'passed', 10);
    await expectRefused(requestApproval(uid(10)), { message: "Required check 'unit' has not been executed" });
  });

  it('counts the latest result of each type; extra checks are allowed', async () => {
    await recordCheck('unit', 'passed', 5);
    // An older failure recorded late does not override the newer pass.
    await recordCheck('unit', 'failed', 60);
    await requestApproval(uid(10));
    const [row] = await run(`SELECT status, resolved_at FROM approval_request WHERE id = '${uid(10)}'`);
    expect(row).toEqual({ status: 'pending', resolved_at: null });
  });

  it('checks again when a request is approved', async () => {
    await recordCheck('unit', 'failed', 1);
    await expectRefused(run(`UPDATE approval_request SET status = 'approved', resolved_by = 'ben' WHERE id = '${uid(10)}'`), {
      message: "Required check 'unit' failed",
    });
    await recordCheck('unit', 'passed', 0);
    await run(`UPDATE approval_request SET status = 'approved', resolved_by = 'ben' WHERE id = '${uid(10)}'`);
    const [row] = await run(`SELECT resolved_at IS NOT NULL AS stamped FROM approval_request WHERE id = '${uid(10)}'`);
    expect(row?.stamped).toBe(true);
  });
});

describe('approval_request: pending, then approved or rejected, once', () => {
  it('resolves once and needs a resolver', async () => {
    await requestApproval(uid(11), 'merge_pr');
    await expectRefused(run(`UPDATE approval_request SET status = 'rejected' WHERE id = '${uid(11)}'`), {
      code: '23514',
      message: /approval_request_resolution_check/,
    });
    await run(`UPDATE approval_request SET status = 'rejected', resolved_by = 'ben', notes = 'Wait for docs' WHERE id = '${uid(11)}'`);
    await expectRefused(run(`UPDATE approval_request SET status = 'approved' WHERE id = '${uid(11)}'`), {
      code: '23514',
      message: 'Approval request already resolved (rejected)',
    });
    await expectRefused(run(`UPDATE approval_request SET status = 'pending', resolved_by = NULL, resolved_at = NULL WHERE id = '${uid(11)}'`), {
      message: 'Approval request already resolved (rejected)',
    });
    await expectRefused(run(`UPDATE approval_request SET resolved_by = 'eve' WHERE id = '${uid(10)}'`), {
      message: 'Approval request already resolved (approved)',
    });
    // Notes may still be added.
    await run(`UPDATE approval_request SET notes = 'Merged after docs' WHERE id = '${uid(11)}'`);
  });

  it('keeps one open or granted request per run and type', async () => {
    await expectRefused(requestApproval(uid(12), 'create_pr'), {
      code: '23505',
      message: /approval_request_run_type_open_key/,
    });
    // merge_pr was rejected: it may be asked again, once.
    await requestApproval(uid(12), 'merge_pr');
    await expectRefused(requestApproval(uid(13), 'merge_pr'), { code: '23505' });
    await expectRefused(requestApproval(uid(13), 'deploy'), { message: /approval_request_approval_type_check/ });
  });
});

describe('pull_request_candidate', () => {
  const candidate = uid(20);

  it('is one per run, from a branch other than its base', async () => {
    await run(`INSERT INTO pull_request_candidate (organisation_id, id, run_id, base_branch, head_branch, title, description)
               VALUES ('${orgA}', '${candidate}', '${runId}', 'main', 'feat/exclusive-lease', 'Exclusive leases', 'Adds the check')`);
    const [row] = await run(`SELECT status FROM pull_request_candidate WHERE id = '${candidate}'`);
    expect(row?.status).toBe('not_created');
    await expectRefused(
      run(`INSERT INTO pull_request_candidate (organisation_id, run_id, base_branch, head_branch, title, description)
           VALUES ('${orgA}', '${runId}', 'main', 'feat/other', 'Other', 'Other')`),
      { code: '23505', message: /pull_request_candidate_run_live_key/ },
    );
    await expectRefused(run(`UPDATE pull_request_candidate SET head_branch = 'main' WHERE id = '${candidate}'`), {
      message: /pull_request_candidate_branches_check/,
    });
  });

  it('needs a URL once opened, follows its life cycle, and stays merged', async () => {
    await expectRefused(run(`UPDATE pull_request_candidate SET status = 'draft_open' WHERE id = '${candidate}'`), {
      code: '23514',
      message: /pull_request_candidate_pr_url_check/,
    });
    await expectRefused(
      run(`UPDATE pull_request_candidate SET status = 'merged', pr_url = 'https://github.com/motus-os/motus/pull/7' WHERE id = '${candidate}'`),
      { code: '23514', message: 'Pull request candidate cannot move from not_created to merged' },
    );
    for (const status of ['draft_open', 'open', 'closed', 'open', 'merged']) {
      await run(`UPDATE pull_request_candidate SET status = '${status}', pr_url = 'https://github.com/motus-os/motus/pull/7' WHERE id = '${candidate}'`);
    }
    await expectRefused(run(`UPDATE pull_request_candidate SET status = 'closed' WHERE id = '${candidate}'`), {
      message: 'Pull request candidate cannot move from merged to closed',
    });
    await expectRefused(run(`UPDATE pull_request_candidate SET status = 'not_created' WHERE id = '${candidate}'`), {
      message: 'Pull request candidate cannot move from merged to not_created',
    });
  });
});
