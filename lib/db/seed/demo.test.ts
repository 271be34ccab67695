import { describe, expect, it } from 'vitest';

import { setUpTestDatabase } from '../testing/test-database';
import { query } from '../testing/sql';
import { describeInserted, seedDemoData } from './demo';

const handle = setUpTestDatabase();

const counts = () =>
  query<Record<string, number>>(
    handle.db,
    `SELECT (SELECT count(*)::int FROM organisations) AS organisations, (SELECT count(*)::int FROM programs) AS programs,
            (SELECT count(*)::int FROM products) AS products, (SELECT count(*)::int FROM features) AS features,
            (SELECT count(*)::int FROM releases) AS releases, (SELECT count(*)::int FROM roadmap_items) AS roadmap_items,
            (SELECT count(*)::int FROM compliance_results) AS compliance_results, (SELECT count(*)::int FROM tasks) AS tasks,
            (SELECT count(*)::int FROM card) AS cards, (SELECT count(*)::int FROM audit_log) AS audit_rows,
            (SELECT count(*)::int FROM entity_versions) AS versions`,
  );

describe('seedDemoData', () => {
  it('fills an empty database with a demo organisation: a coordination CLI and an agent-built program', async () => {
    const { inserted } = await seedDemoData(handle.db, { today: new Date('2026-11-22T12:00:00Z') });
    expect(inserted.portfolio).toEqual({ programs: 3, products: 5, features: 12, releases: 8 });
    // Every area adds its own demo content on top of the portfolio.
    expect(describeInserted(inserted)).toMatch(
      /^portfolio: 3 programs, .*; roadmap: \d+ .*; governance: \d+ .*; foreman: \d+ .*; kernel: \d+ .*; planning: \d+ /,
    );
    const programs = await query<{ id: string; name: string }>(handle.db, 'SELECT id, name FROM programs ORDER BY id');
    expect(programs.map((p) => p.id)).toEqual(['field-notes', 'foreman-office', 'motus-cli']);
    const [upcoming] = await query<{ target_date: string }>(handle.db, `SELECT target_date::text FROM releases WHERE id = 'motus-v0.2.0'`);
    expect(upcoming?.target_date).toBe('2026-12-04');
  });

  it('gives each release one honest verdict: v0.2.0 blocked on coverage, a waiver for v0.1.3, nothing checked is not ready', async () => {
    const rows = await query<{ release_id: string; verdict: string }>(handle.db, 'SELECT release_id, verdict FROM v_release_verdict ORDER BY release_id');
    expect(Object.fromEntries(rows.map((r) => [r.release_id, r.verdict]))).toEqual({
      'fleet-0.10.0': 'not_ready',
      'foreman-1.0.0': 'ready',
      'foreman-1.1.0': 'not_ready',
      'motus-v0.1.0': 'ready',
      'motus-v0.1.3': 'ready_with_warnings',
      'motus-v0.2.0': 'blocked',
      'motus-web-deploy-42': 'not_ready',
      'post-leases': 'ready_with_warnings',
    });
    const [motus] = await query<{ reasons: { standard_id: string; problem: string }[] }>(
      handle.db,
      `SELECT reasons FROM v_release_verdict WHERE release_id = 'motus-v0.2.0'`,
    );
    expect(motus!.reasons[0]).toMatchObject({ standard_id: 'STD-PRD-002', problem: 'fails', result: 'fail' });
  });

  it('is idempotent: a second run adds and changes nothing', async () => {
    const before = await counts();
    const [stamp] = await query<{ max: string }>(handle.db, 'SELECT max(updated_at)::text AS max FROM programs');
    const { inserted } = await seedDemoData(handle.db, { today: new Date('2027-01-01T00:00:00Z') });
    expect(describeInserted(inserted)).toBe(
      'portfolio: nothing new; roadmap: nothing new; governance: nothing new; foreman: nothing new; kernel: nothing new; planning: nothing new',
    );
    expect(await counts()).toEqual(before);
    expect(await query(handle.db, 'SELECT max(updated_at)::text AS max FROM programs')).toEqual([stamp]);
  });
});
