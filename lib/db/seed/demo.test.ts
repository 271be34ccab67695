import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../connection';
import { openTestDatabase } from '../testing/test-database';
import { query } from '../testing/sql';
import { describeInserted, seedDemoData } from './demo';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

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
    expect(describeInserted(inserted)).toMatch(/^portfolio: 3 programs, .*; roadmap: \d+ .*; governance: \d+ .*; foreman: \d+ .*; kernel: \d+ .*; planning: \d+ /);
    const programs = await query<{ id: string; name: string }>(handle.db, 'SELECT id, name FROM programs ORDER BY id');
    expect(programs.map((p) => p.id)).toEqual(['field-notes', 'foreman-office', 'motus-cli']);
    const [upcoming] = await query<{ target_date: string }>(handle.db, `SELECT target_date::text FROM releases WHERE id = 'motus-v0.2.0'`);
    expect(upcoming?.target_date).toBe('2026-12-04');
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
