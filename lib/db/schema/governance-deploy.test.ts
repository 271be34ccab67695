import { describe, expect, it } from 'vitest';

import { expectRefused, query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { orgA, orgB, seedPortfolio } from './governance.fixture';

interface ClaimSpec {
  org?: string;
  type?: 'quantitative' | 'qualitative';
  status?: string;
  product?: string;
  release?: string;
  verified?: string;
}

function claim(id: string, spec: ClaimSpec = {}) {
  const type = spec.type ?? 'quantitative';
  const value = (v: string | undefined) => (v ? `'${v}'` : 'NULL');
  return query(
    handle.db,
    `INSERT INTO claims (organisation_id, id, claim_text, page, claim_type, test_function, test_status, product_id, release_id, last_verified_at)
     VALUES ('${spec.org ?? orgA}', '${id}', 'Claim ${id} holds', '/index', '${type}',
             ${type === 'quantitative' ? `'test_${id}'` : 'NULL'}, '${spec.status ?? 'pass'}',
             ${value(spec.product)}, ${value(spec.release)}, ${value(spec.verified)})`,
  );
}

function setStatus(id: string, status: string, org = orgA) {
  return query(handle.db, `UPDATE claims SET test_status = '${status}' WHERE organisation_id = '${org}' AND id = '${id}'`);
}

function gate(target: string, scope: { org?: string; product?: string; release?: string } = {}) {
  return query(
    handle.db,
    `INSERT INTO deploy_gates (organisation_id, target, product_id, release_id)
     VALUES ('${scope.org ?? orgA}', '${target}', ${scope.product ? `'${scope.product}'` : 'NULL'}, ${scope.release ? `'${scope.release}'` : 'NULL'})`,
  );
}

function deploy(target: string, scope: { org?: string; product?: string; release?: string } = {}) {
  return query(
    handle.db,
    `INSERT INTO deployment_events (organisation_id, target, version, product_id, release_id)
     VALUES ('${scope.org ?? orgA}', '${target}', '1.0.0', ${scope.product ? `'${scope.product}'` : 'NULL'}, ${scope.release ? `'${scope.release}'` : 'NULL'})`,
  );
}

const handle = setUpTestDatabase(seedPortfolio);

describe('claims', () => {
  it('defaults test_status to pending and refuses values outside the seed lists', async () => {
    await query(
      handle.db,
      `INSERT INTO claims (organisation_id, id, claim_text, page, claim_type) VALUES ('${orgA}', 'q0', 'Plain words', '/', 'qualitative')`,
    );
    const [row] = await query(handle.db, `SELECT test_status FROM claims WHERE id = 'q0'`);
    expect(row).toEqual({ test_status: 'pending' });
    await expectRefused(claim('bad-type', { type: 'vague' as 'qualitative' }), { code: '23514', message: /claims_claim_type_check/ });
    await expectRefused(claim('bad-status', { status: 'flaky' }), { code: '23514', message: /claims_test_status_check/ });
  });

  it('refuses claim text shorter than five characters', async () => {
    await expectRefused(
      query(handle.db, `INSERT INTO claims (organisation_id, id, claim_text, page, claim_type) VALUES ('${orgA}', 'short', 'Tiny', '/', 'qualitative')`),
      { code: '23514', message: /claims_claim_text_check/ },
    );
    await query(handle.db, `INSERT INTO claims (organisation_id, id, claim_text, page, claim_type) VALUES ('${orgA}', 'five', 'Fast!', '/', 'qualitative')`);
  });

  it('refuses a quantitative claim without a test function', async () => {
    await expectRefused(
      query(
        handle.db,
        `INSERT INTO claims (organisation_id, id, claim_text, page, claim_type) VALUES ('${orgA}', 'q-no-test', '50 ms p95', '/', 'quantitative')`,
      ),
      { code: '23514', message: /claims_quantitative_test_check/ },
    );
  });

  it("fills the product from the release and refuses a contradicting product or another organisation's release", async () => {
    await claim('rel-claim', { release: 'r3' });
    const [row] = await query(handle.db, `SELECT product_id FROM claims WHERE id = 'rel-claim'`);
    expect(row).toEqual({ product_id: 'prod2' });
    await expectRefused(claim('mismatch', { product: 'prod1', release: 'r3' }), {
      code: '23514',
      message: 'GOVERNANCE: release "r3" belongs to product "prod2", not "prod1"',
    });
    await expectRefused(claim('stray', { org: orgB, release: 'r2' }), { code: '23503', message: /claims_release_fk/ });
    await query(handle.db, `UPDATE claims SET deleted_at = now() WHERE id IN ('rel-claim', 'q0', 'five')`);
  });
});

describe('enforce_deploy_gate (organisation-wide gate: the seed behaviour)', () => {
  it('lets every deploy through while no gate is declared', async () => {
    await claim('speed', { status: 'fail' });
    await deploy('website');
  });

  it('refuses a gated deploy while any claim fails (POLICY-001), naming the failing claims', async () => {
    await gate('website');
    await claim('safety', { type: 'qualitative', status: 'fail' });
    await expectRefused(deploy('website'), {
      code: '23514',
      message: 'POLICY-001: Cannot deploy - failed claims exist. Run: pytest -k claim',
    });
    await expectRefused(deploy('website'), { message: /Failing claims: safety, speed$/ });
  });

  it('refuses a pending quantitative claim next (POLICY-002); stale and pending qualitative claims do not block', async () => {
    await setStatus('speed', 'pass');
    await setStatus('safety', 'stale');
    await claim('latency', { status: 'pending' });
    await claim('friendly', { type: 'qualitative', status: 'pending' });
    await expectRefused(deploy('website'), {
      code: '23514',
      message: 'POLICY-002: Cannot deploy - pending quantitative claims. Run: MOTUS_TRACK_CLAIMS=1 pytest -k claim',
    });
    await expectRefused(deploy('website'), { message: /Pending claims: latency$/ });
    await setStatus('latency', 'pass');
    await deploy('website');
  });

  it('checks POLICY-001 before POLICY-002', async () => {
    await setStatus('latency', 'pending');
    await setStatus('speed', 'fail');
    await expectRefused(deploy('website'), { message: 'POLICY-001:' });
  });

  it('never gates an undeclared target, and refuses an unknown one', async () => {
    await deploy('pypi');
    await deploy('docs');
    await expectRefused(deploy('ftp'), { code: '23514', message: 'TERMINOLOGY: "ftp" is not a key of domain deploy_target' });
  });

  it('ignores soft-deleted claims and lifts the gate when its declaration is soft-deleted', async () => {
    await query(handle.db, `UPDATE claims SET deleted_at = now() WHERE organisation_id = '${orgA}' AND id IN ('speed', 'latency')`);
    await deploy('website');
    await setStatus('friendly', 'fail');
    await expectRefused(deploy('website'), { message: 'POLICY-001:' });
    await query(handle.db, `UPDATE deploy_gates SET deleted_at = now() WHERE organisation_id = '${orgA}' AND target = 'website' AND product_id IS NULL`);
    await deploy('website');
    await query(handle.db, `UPDATE claims SET deleted_at = now() WHERE organisation_id = '${orgA}'`);
  });

  it('judges each organisation by its own claims', async () => {
    await gate('website', { org: orgB });
    await claim('b-fails', { org: orgB, status: 'fail' });
    await expectRefused(deploy('website', { org: orgB }), { message: /Failing claims: b-fails$/ });
    await gate('website');
    await deploy('website');
  });
});

describe('enforce_deploy_gate (product and release gates)', () => {
  it('gates a product target by the claims of that product and the organisation-wide ones', async () => {
    await gate('pypi', { product: 'prod1' });
    await claim('p2-fails', { product: 'prod2', status: 'fail' });
    await deploy('pypi', { product: 'prod1' });
    await deploy('pypi', { product: 'prod2' }); // prod2 declared no gate
    await claim('p1-pending', { product: 'prod1', status: 'pending' });
    await expectRefused(deploy('pypi', { product: 'prod1' }), { message: /^POLICY-002: .*Pending claims: p1-pending$/ });
    await expectRefused(deploy('pypi', { release: 'r1' }), { message: 'POLICY-002:' });
  });

  it('scopes release claims to their release', async () => {
    await setStatus('p1-pending', 'pass');
    await claim('r2-fails', { release: 'r2', status: 'fail' });
    await deploy('pypi', { release: 'r1' });
    await expectRefused(deploy('pypi', { release: 'r2' }), { message: /Failing claims: r2-fails$/ });
    // A product deploy that names no release meets the claims of all its releases.
    await expectRefused(deploy('pypi', { product: 'prod1' }), { message: 'POLICY-001:' });
  });

  it('gates one release only when the gate names it', async () => {
    await gate('docs', { release: 'r3' });
    await deploy('docs', { release: 'r1' });
    await expectRefused(deploy('docs', { release: 'r3' }), { message: /Failing claims: p2-fails$/ });
    const [row] = await query(handle.db, `SELECT product_id FROM deploy_gates WHERE organisation_id = '${orgA}' AND release_id = 'r3'`);
    expect(row).toEqual({ product_id: 'prod2' });
  });

  it('refuses a second live declaration of the same scope and target', async () => {
    await expectRefused(gate('pypi', { product: 'prod1' }), { code: '23505', message: /deploy_gates_scope_live_key/ });
    await expectRefused(gate('website'), { code: '23505' });
  });
});

describe('views over claims and gates', () => {
  it('v_can_deploy: one row per live gate with its status and failing / pending claims', async () => {
    const rows = await query(
      handle.db,
      `SELECT target, product_id, release_id, status, failed_count, failed_claims, pending_count, pending_claims
         FROM v_can_deploy WHERE organisation_id = '${orgA}'`,
    );
    expect(rows).toEqual([
      {
        target: 'docs',
        product_id: 'prod2',
        release_id: 'r3',
        status: 'BLOCKED',
        failed_count: 1,
        failed_claims: 'p2-fails',
        pending_count: 0,
        pending_claims: null,
      },
      {
        target: 'pypi',
        product_id: 'prod1',
        release_id: null,
        status: 'BLOCKED',
        failed_count: 1,
        failed_claims: 'r2-fails',
        pending_count: 0,
        pending_claims: null,
      },
      {
        target: 'website',
        product_id: null,
        release_id: null,
        status: 'BLOCKED',
        failed_count: 2,
        failed_claims: 'p2-fails, r2-fails',
        pending_count: 0,
        pending_claims: null,
      },
    ]);
  });

  it('v_can_deploy reports PENDING and READY', async () => {
    await setStatus('r2-fails', 'pending');
    await setStatus('p2-fails', 'pass');
    const rows = await query(handle.db, `SELECT target, status, pending_claims FROM v_can_deploy WHERE organisation_id = '${orgA}'`);
    expect(rows).toEqual([
      { target: 'docs', status: 'READY', pending_claims: null },
      { target: 'pypi', status: 'PENDING', pending_claims: 'r2-fails' },
      { target: 'website', status: 'PENDING', pending_claims: 'r2-fails' },
    ]);
  });

  it('v_release_deploy_gates: every gated target a release meets, judged for that release', async () => {
    const rows = await query(
      handle.db,
      `SELECT release_id, target, status FROM v_release_deploy_gates WHERE organisation_id = '${orgA}' ORDER BY release_id, target`,
    );
    expect(rows).toEqual([
      { release_id: 'r1', target: 'pypi', status: 'READY' },
      { release_id: 'r1', target: 'website', status: 'READY' },
      { release_id: 'r2', target: 'pypi', status: 'PENDING' },
      { release_id: 'r2', target: 'website', status: 'PENDING' },
      { release_id: 'r3', target: 'docs', status: 'READY' },
      { release_id: 'r3', target: 'website', status: 'READY' },
    ]);
  });

  it('v_claims_needing_tests: live quantitative claims that are pending', async () => {
    const rows = await query(handle.db, `SELECT id, claim_text, page, release_id FROM v_claims_needing_tests WHERE organisation_id = '${orgA}'`);
    expect(rows).toEqual([{ id: 'r2-fails', claim_text: 'Claim r2-fails holds', page: '/index', release_id: 'r2' }]);
  });

  it('v_deploy_blockers: failing and stale claims, least recently verified first (never verified first of all)', async () => {
    await claim('old-stale', { type: 'qualitative', status: 'stale', verified: '2025-01-01' });
    await claim('new-fail', { status: 'fail', verified: '2025-06-01' });
    await claim('never', { status: 'fail' });
    const rows = await query(handle.db, `SELECT id, test_function, test_status FROM v_deploy_blockers WHERE organisation_id = '${orgA}'`);
    expect(rows).toEqual([
      { id: 'never', test_function: 'test_never', test_status: 'fail' },
      { id: 'old-stale', test_function: null, test_status: 'stale' },
      { id: 'new-fail', test_function: 'test_new-fail', test_status: 'fail' },
    ]);
  });
});
