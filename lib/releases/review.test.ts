import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { expectRefused, query } from '../db/testing/sql';
import { requestDeployment } from './gate';
import { getOverview } from '../portfolio/overview';
import { listReleases, releaseListQuery } from './list';
import { getReleaseVerdict } from './release-verdict';
import { complianceReportCsv } from './report';
import { recordComplianceResult, recordComplianceResultInput } from './results';
import { getReleaseReview } from './review';
import { callerIn } from '../auth/test-callers';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let organisationId: string;

beforeAll(async () => {
  ({ handle, organisationId } = await openAttachedDemoDatabase({ today: new Date('2026-03-02T09:00:00Z') }));
});
afterAll(() => closeAttachedDatabase(handle));

const review = async (releaseId: string) => (await getReleaseReview(callerIn(organisationId), { releaseId }))!;
const record = (input: z.input<typeof recordComplianceResultInput>) =>
  withOrganisation(organisationId, (tx) =>
    recordComplianceResult(tx, { ...recordComplianceResultInput.parse(input), organisationId, checkedBy: 'user:reviewer' }),
  );

async function refusal(work: Promise<unknown>): Promise<ActionError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

describe('a release review', () => {
  it('lists the standards that apply, through which assignment, blocking failures first, with a verdict', async () => {
    const { release, verdict, standards } = await review('motus-v0.2.0');
    expect(release).toMatchObject({ name: 'v0.2.0', product: { name: 'motus' }, status: { key: 'in_progress' } });
    expect(verdict).toMatchObject({ key: 'blocked', label: 'Blocked', applicable: 8 });
    expect(verdict.summary).toContain('STD-PRD-002 Coverage at least 80%');
    // Blocked first, then the other blocking standards without a pass, then the non-blocking ones.
    expect(verdict.reasons.map((r) => [r.standardId, r.problem])).toEqual([
      ['STD-PRD-002', 'fails'],
      ['STD-PRG-001', 'unchecked'],
      ['STD-REL-001', 'skipped'],
      ['STD-FEA-001', 'unchecked'],
      ['STD-REL-002', 'unchecked'],
    ]);
    expect(standards[0]).toMatchObject({ id: 'STD-PRD-002', isBlocking: true, latest: { result: 'fail', value: '76.4' }, checkType: { key: 'threshold' } });
    expect(standards.map((s) => s.id).sort()).toEqual(
      ['STD-FEA-001', 'STD-PRD-001', 'STD-PRD-002', 'STD-PRD-003', 'STD-PRD-004', 'STD-PRG-001', 'STD-REL-001', 'STD-REL-002'].sort(),
    );
    // The program's standard applies through the program and, inherited, through the product.
    expect(standards.find((s) => s.id === 'STD-PRG-001')!.appliesThrough).toEqual([
      { entityType: 'product', entityId: 'motus', inherited: true },
      { entityType: 'program', entityId: 'motus-cli', inherited: false },
    ]);
    // Features ship in 0.2.0 through the change requests that target it.
    expect(standards.find((s) => s.id === 'STD-FEA-001')!.appliesThrough.map((a) => a.entityId)).toEqual(['lease-store', 'policy-gates']);
    // Passes come last.
    expect(standards.at(-1)!.latest?.result).toBe('pass');
  });

  it('keeps every result: a re-run shows beneath the latest one', async () => {
    const { standards } = await review('fleet-0.10.0');
    const lint = standards.find((s) => s.id === 'STD-PRD-003')!;
    expect(lint.history.map((h) => h.result)).toEqual(['pass', 'error']);
    expect(lint.latest!.checkedBy).toBe('ci:github-actions');
  });

  it('shows a waived standard with its waiver, after what still needs work, and in the CSV', async () => {
    const v013 = await review('motus-v0.1.3');
    expect(v013.verdict).toMatchObject({ key: 'ready_with_warnings', waived: 1 });
    const security = v013.standards.find((s) => s.id === 'STD-PRG-001')!;
    expect(security).toMatchObject({ latest: null, waiver: { id: 'DEC-REL-motus-013-security', by: 'ben' } });
    expect(security.waiver!.reason).toContain('security review of v0.1.0 covers it');
    expect(v013.standards.map((s) => s.id).indexOf('STD-PRG-001')).toBeGreaterThan(v013.standards.map((s) => s.id).indexOf('STD-REL-002'));
    const line = complianceReportCsv(v013)
      .split('\r\n')
      .find((l) => l.includes(',STD-PRG-001,'))!;
    expect(line).toMatch(/^motus-v0\.1\.3,v0\.1\.3,motus,Ready with warnings,STD-PRG-001,.*,not checked,.*,DEC-REL-motus-013-security: A patch release/);
  });

  it('answers null for a release of another organisation or none', async () => {
    expect(await getReleaseReview(callerIn(organisationId), { releaseId: 'no-such-release' })).toBeNull();
  });
});

describe('recording results', () => {
  it('a passing result clears the blocking failure, but two blocking standards still lack a pass: not ready, naming both', async () => {
    const before = await review('motus-v0.2.0');
    const written = await record({
      releaseId: 'motus-v0.2.0',
      standardId: 'STD-PRD-002',
      result: 'pass',
      value: '81.0',
      note: 'More lease tests landed.',
      evidenceUrl: 'https://ci.example.com/run/42',
    });
    expect(written).toMatchObject({ result: 'pass', standardId: 'STD-PRD-002' });

    const after = await review('motus-v0.2.0');
    expect(before.verdict.key).toBe('blocked');
    expect(after.verdict).toMatchObject({ key: 'not_ready', label: 'Not ready' });
    expect(after.verdict.reasons.filter((r) => r.blocking).map((r) => [r.standardId, r.problem])).toEqual([
      ['STD-PRG-001', 'unchecked'],
      ['STD-REL-001', 'skipped'],
    ]);
    expect(after.verdict.summary).toBe(
      '2 blocking standards have no passing result — not checked: STD-PRG-001 Security review signed off; skipped: STD-REL-001 Changelog entry for the release.',
    );
    const coverage = after.standards.find((s) => s.id === 'STD-PRD-002')!;
    expect(coverage.latest).toMatchObject({
      result: 'pass',
      value: '81.0',
      note: 'More lease tests landed.',
      evidenceUrl: 'https://ci.example.com/run/42',
      entityType: 'product',
      entityId: 'motus',
    });
    expect(coverage.history.map((h) => h.result)).toEqual(['pass', 'fail']);
  });

  it('is append-only: the database refuses to change or delete a result', async () => {
    await expectRefused(query(handle.db, `UPDATE compliance_results SET result = 'pass' WHERE release_id = 'motus-v0.1.3'`), {
      message: 'Compliance results are immutable',
    });
    await expectRefused(query(handle.db, `DELETE FROM compliance_results WHERE release_id = 'motus-v0.1.3'`), {
      message: 'Compliance results cannot be deleted',
    });
  });

  it('refuses a threshold result that contradicts its bounds, a failure without a reason, and a standard that does not apply', async () => {
    expect((await refusal(record({ releaseId: 'motus-v0.2.0', standardId: 'STD-PRD-002', result: 'pass', value: '70' }))).fieldErrors).toHaveProperty('value');
    expect((await refusal(record({ releaseId: 'motus-v0.2.0', standardId: 'STD-PRD-002', result: 'pass' }))).fieldErrors).toHaveProperty('value');
    expect((await refusal(record({ releaseId: 'motus-v0.2.0', standardId: 'STD-REL-002', result: 'fail' }))).fieldErrors).toHaveProperty('note');
    expect((await refusal(record({ releaseId: 'motus-v0.2.0', standardId: 'STD-PRD-005', result: 'pass' }))).message).toContain('does not apply');
    expect((await refusal(record({ releaseId: 'nope', standardId: 'STD-PRD-001', result: 'pass' }))).code).toBe('not_found');
  });

  it('a manual result names the entity it was assigned through', async () => {
    await record({ releaseId: 'motus-v0.2.0', standardId: 'STD-PRG-001', result: 'pass', note: 'Threat model reviewed.' });
    const { standards } = await review('motus-v0.2.0');
    expect(standards.find((s) => s.id === 'STD-PRG-001')!.latest).toMatchObject({ entityType: 'program', entityId: 'motus-cli', checkedBy: 'reviewer' });
  });
});

describe('the deploy gate', () => {
  it('shows the failing claim and refuses a deploy to the gated target with POLICY-001, writing nothing', async () => {
    const { gate } = await review('motus-v0.2.0');
    expect(gate.targets).toEqual([{ target: 'pypi', label: 'PyPI', status: 'BLOCKED', failedClaims: 'claim-lease-expiry', pendingClaims: null }]);
    expect(gate.claims[0]).toMatchObject({ id: 'claim-lease-expiry', testStatus: 'fail', scope: 'release' });
    expect(gate.blockers).toEqual(['claim-lease-expiry']);
    expect(gate.defaultVersion).toBe('0.2.0');

    const error = await refusal(
      withOrganisation(organisationId, (tx) =>
        requestDeployment(tx, { organisationId, triggeredBy: 'user:reviewer', releaseId: 'motus-v0.2.0', target: 'pypi', version: '0.2.0' }),
      ),
    );
    expect(error.message).toMatch(/^POLICY-001: the deploy to pypi was refused because a claim fails \(claim-lease-expiry\)/);
    expect((await review('motus-v0.2.0')).gate.deployments).toEqual([]);
  });

  it('lets an ungated deploy through and lists it', async () => {
    const row = await withOrganisation(organisationId, (tx) =>
      requestDeployment(tx, { organisationId, triggeredBy: 'user:reviewer', releaseId: 'motus-v0.2.0', target: 'docs', version: '0.2.0' }),
    );
    expect(row).toMatchObject({ target: 'docs', status: 'pending' });
    expect((await review('motus-v0.2.0')).gate.deployments.map((d) => d.target)).toEqual(['docs']);
  });

  it('refuses a pending quantitative claim with POLICY-002', async () => {
    const error = await refusal(
      withOrganisation(organisationId, (tx) =>
        requestDeployment(tx, { organisationId, triggeredBy: 'user:reviewer', releaseId: 'motus-web-deploy-42', target: 'website', version: '42' }),
      ),
    );
    expect(error.message).toMatch(/^POLICY-002: .*claim-search-latency/);
  });
});

describe('the releases list', () => {
  const list = (params: Record<string, string>) => listReleases(callerIn(organisationId), { query: releaseListQuery.parse(params) });

  it('shows each release with its all-time tally and its one verdict, filtered and sorted on the verdict', async () => {
    const all = await list({ sort: 'name', dir: 'asc' });
    expect(all.total).toBe(8);
    const fleet = all.rows.find((r) => r.id === 'fleet-0.10.0')!;
    expect(fleet).toMatchObject({
      product: { name: 'Builder fleet' },
      tally: { checks: 5, passed: 4, failed: 1 },
      verdict: { key: 'not_ready', label: 'Not ready' },
    });
    expect(fleet.verdict.reasons.map((r) => [r.standardId, r.problem])).toEqual([
      ['STD-PRG-001', 'unchecked'],
      ['STD-REL-002', 'fails'],
    ]);
    // Nothing recorded is never "clear": five blocking standards apply and none was checked.
    expect(all.rows.find((r) => r.id === 'foreman-1.1.0')).toMatchObject({
      tally: { checks: 0, passed: 0, failed: 0 },
      verdict: { key: 'not_ready', applicable: 5 },
    });
    // A waiver names v0.1.3's security review: only the non-blocking notes fail there.
    expect(all.rows.find((r) => r.id === 'motus-v0.1.3')!.verdict).toMatchObject({ key: 'ready_with_warnings', waived: 1 });
    // The list's verdict is the review page's, word for word.
    for (const row of all.rows) expect(row.verdict).toEqual((await review(row.id)).verdict);

    // The corrected coverage leaves v0.2.0 not ready; the seed's tally still counts its failure.
    const notReady = await list({ verdict: 'not_ready' });
    expect(notReady.rows.map((r) => r.id).sort()).toEqual(['fleet-0.10.0', 'foreman-1.1.0', 'motus-v0.2.0', 'motus-web-deploy-42']);
    expect(notReady.rows.find((r) => r.id === 'motus-v0.2.0')!.tally).toMatchObject({ failed: 1 });
    expect((await list({ verdict: 'blocked' })).total).toBe(0);
    const worstFirst = await list({ sort: 'verdict', dir: 'asc' });
    expect(worstFirst.rows.map((r) => r.verdict.key)).toEqual([
      'not_ready',
      'not_ready',
      'not_ready',
      'not_ready',
      'ready_with_warnings',
      'ready_with_warnings',
      'ready',
      'ready',
    ]);

    const motus = await list({ product: 'motus', sort: 'target', dir: 'asc' });
    expect(motus.rows.map((r) => r.name)).toEqual(['v0.1.0', 'v0.1.3', 'v0.2.0']);
    expect(motus.chart.product).toEqual({ id: 'motus', name: 'motus' });
    expect(motus.chart.points.map((p) => [p.name, p.passRate])).toEqual([
      ['v0.1.0', 100],
      ['v0.1.3', 80],
      ['v0.2.0', expect.any(Number)],
    ]);
    expect((await list({ q: 'deploy' })).rows.map((r) => r.id)).toEqual(['motus-web-deploy-42']);
  });

  it('falls back to defaults on nonsense parameters', async () => {
    const result = await list({ sort: 'nope', dir: 'sideways', page: '-4', verdict: 'purple' });
    expect(result.page).toBe(1);
    expect(result.total).toBe(8);
  });
});

describe('one verdict for every reader', () => {
  it('gives the review page, the list, the overview, the CSV and getReleaseVerdict the same word', async () => {
    const releaseId = 'motus-v0.2.0';
    const fromReview = await review(releaseId);
    const fromDomain = await withOrganisation(organisationId, (tx) => getReleaseVerdict(tx, { organisationId, releaseId }));
    const fromList = (await listReleases(callerIn(organisationId), { query: releaseListQuery.parse({ q: 'v0.2.0' }) })).rows.find((r) => r.id === releaseId)!;
    const overview = await getOverview(callerIn(organisationId), { today: '2026-03-02' });
    const fromOverview = overview.programs
      .flatMap((p) => p.products)
      .flatMap((p) => p.releases)
      .find((r) => r.id === releaseId)!;
    const fromUpcoming = overview.upcoming.find((r) => r.id === releaseId)!;

    expect(fromReview.verdict.label).toBe('Not ready');
    for (const verdict of [fromDomain, fromList.verdict, fromOverview.verdict, fromUpcoming.verdict]) expect(verdict).toEqual(fromReview.verdict);
    const csvRows = complianceReportCsv(fromReview).trim().split('\r\n').slice(1);
    expect(csvRows.length).toBeGreaterThan(0);
    expect(csvRows.every((line) => line.split(',')[3] === 'Not ready')).toBe(true);
    expect(await withOrganisation(organisationId, (tx) => getReleaseVerdict(tx, { organisationId, releaseId: 'no-such-release' }))).toBeNull();
  });
});
