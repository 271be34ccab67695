import { describe, expect, it } from 'vitest';

import { query } from '../testing/sql';
import { setUpTestDatabase } from '../testing/test-database';
import { seedDemoPortfolio } from './demo';
import { seedDemoGovernance } from './demo-governance';

let organisationId: string;
const today = new Date('2026-03-02T09:00:00Z');

async function tableCounts() {
  const [row] = await query(
    handle.db,
    `SELECT (SELECT count(*)::int FROM standards) AS standards,
            (SELECT count(*)::int FROM standard_assignments) AS standard_assignments,
            (SELECT count(*)::int FROM compliance_results) AS compliance_results,
            (SELECT count(*)::int FROM claims) AS claims,
            (SELECT count(*)::int FROM deploy_gates) AS deploy_gates,
            (SELECT count(*)::int FROM deployment_events) AS deployment_events,
            (SELECT count(*)::int FROM charter_docs) AS charter_docs,
            (SELECT count(*)::int FROM decisions) AS decisions`,
  );
  return row;
}

const handle = setUpTestDatabase(async (db) => {
  ({ organisationId } = await db.transaction((tx) => seedDemoPortfolio(tx, today)));
});

describe('seedDemoGovernance', () => {
  it('seeds standards, results, claims, gates, a deployment and charters, and adds nothing the second time', async () => {
    const first = await handle.db.transaction((tx) => seedDemoGovernance(tx, organisationId, today));
    expect(first).toEqual({
      standards: 10,
      standardAssignments: 30,
      complianceResults: 29,
      claims: 7,
      deployGates: 2,
      deploymentEvents: 2,
      charterDocs: 3,
      waivers: 1,
    });
    const before = await tableCounts();
    const second = await handle.db.transaction((tx) => seedDemoGovernance(tx, organisationId, today));
    expect(Object.values(second).every((n) => n === 0)).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  it('tells a believable story: v0.2.0 blocked, warnings elsewhere, published releases clear', async () => {
    const rows = await query<{ release_id: string; status: string }>(
      handle.db,
      `SELECT release_id, status FROM v_compliance_status WHERE organisation_id = '${organisationId}' ORDER BY release_id`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.release_id, r.status]))).toEqual({
      'fleet-0.10.0': 'warnings',
      'foreman-1.0.0': 'clear',
      'foreman-1.1.0': 'clear',
      'motus-v0.1.0': 'clear',
      'motus-v0.1.3': 'warnings',
      'motus-v0.2.0': 'blocked',
      'motus-web-deploy-42': 'warnings',
      'post-leases': 'clear',
    });
  });

  it('gates the site on a pending claim and the package on the failing lease claim of v0.2.0 only', async () => {
    const gates = await query(handle.db, `SELECT target, product_id, status FROM v_can_deploy WHERE organisation_id = '${organisationId}'`);
    expect(gates).toEqual([
      { target: 'pypi', product_id: 'motus', status: 'BLOCKED' },
      { target: 'website', product_id: 'motus-web', status: 'PENDING' },
    ]);
    const releases = await query(
      handle.db,
      `SELECT release_id, target, status, failed_claims FROM v_release_deploy_gates WHERE organisation_id = '${organisationId}' ORDER BY release_id`,
    );
    expect(releases).toEqual([
      { release_id: 'motus-v0.1.0', target: 'pypi', status: 'READY', failed_claims: null },
      { release_id: 'motus-v0.1.3', target: 'pypi', status: 'READY', failed_claims: null },
      { release_id: 'motus-v0.2.0', target: 'pypi', status: 'BLOCKED', failed_claims: 'claim-lease-expiry' },
      { release_id: 'motus-web-deploy-42', target: 'website', status: 'PENDING', failed_claims: null },
    ]);
  });

  it('keeps one active roadmap charter of two', async () => {
    const rows = await query(handle.db, `SELECT id FROM v_active_charters WHERE organisation_id = '${organisationId}' ORDER BY id`);
    expect(rows).toEqual([{ id: 'charter-ethos-v1' }, { id: 'charter-roadmap-v2' }]);
  });
});
