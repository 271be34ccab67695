import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DatabaseHandle } from '../db/connection';
import { query } from '../db/testing/sql';

import { getOverview, PROGRAMS_PER_PAGE } from './overview';
import { callerIn } from '../auth/test-callers';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;

const today = '2026-11-22';
let organisationId: string;

beforeAll(async () => {
  ({ handle, organisationId } = await openAttachedDemoDatabase({ today: new Date(`${today}T09:00:00Z`) }));
});
afterAll(() => closeAttachedDatabase(handle));

describe('getOverview', () => {
  it('counts the live programs, products and features, and features by status', async () => {
    const { figures } = await getOverview(callerIn(organisationId), { today });
    expect(figures).toMatchObject({ programs: 3, products: 5, features: 12, upcomingReleases: 5 });
    expect(figures.featuresByStatus.find((s) => s.key === 'in_development')).toEqual({ key: 'in_development', label: 'In development', count: 2 });
  });

  it('lists programs in flight first, each with its products, features and releases under display names', async () => {
    const { programs } = await getOverview(callerIn(organisationId), { today });
    expect(programs.map((p) => p.id)).toEqual(['foreman-office', 'motus-cli', 'field-notes']);
    const motus = programs[1]!.products.find((p) => p.id === 'motus')!;
    expect(motus.status).toEqual({ key: 'active', label: 'Active' });
    expect(motus.features.map((f) => f.name)).toContain('Lease store');
    expect(motus.releases.map((r) => r.name)).toEqual(['v0.2.0', 'v0.1.3', 'v0.1.0']);
    expect(motus.releases[0]).toMatchObject({ status: { key: 'in_progress', label: 'In progress' }, targetDate: '2026-12-04' });
  });

  it('lists upcoming releases soonest first, leaving out published ones and past dates', async () => {
    const { upcoming } = await getOverview(callerIn(organisationId), { today });
    expect(upcoming.map((r) => r.id)).toEqual(['motus-web-deploy-42', 'fleet-0.10.0', 'motus-v0.2.0', 'post-leases', 'foreman-1.1.0']);
    expect(upcoming[0]).toMatchObject({ productName: 'motus-web', programName: 'Motus coordination CLI', type: { label: 'Deploy' } });
  });

  it('says whether each release may ship with the one verdict (v_release_verdict), naming what stands in the way', async () => {
    const { upcoming, programs } = await getOverview(callerIn(organisationId), { today });
    expect(Object.fromEntries(upcoming.map((r) => [r.id, r.verdict.label]))).toEqual({
      'motus-web-deploy-42': 'Not ready',
      'fleet-0.10.0': 'Not ready',
      'motus-v0.2.0': 'Blocked',
      'post-leases': 'Ready with warnings',
      'foreman-1.1.0': 'Not ready',
    });
    // Nothing was checked for foreman 1.1.0: not "clear", but five blocking standards unchecked.
    const foreman = upcoming.find((r) => r.id === 'foreman-1.1.0')!.verdict;
    expect(foreman.reasons.map((r) => `${r.standardId} ${r.problem}`)).toEqual([
      'STD-PRD-001 unchecked',
      'STD-PRD-002 unchecked',
      'STD-PRD-003 unchecked',
      'STD-PRG-001 unchecked',
      'STD-REL-001 unchecked',
    ]);
    const motus = programs.flatMap((p) => p.products).find((p) => p.id === 'motus')!;
    expect(motus.releases.map((r) => [r.name, r.verdict.key])).toEqual([
      ['v0.2.0', 'blocked'],
      ['v0.1.3', 'ready_with_warnings'],
      ['v0.1.0', 'ready'],
    ]);
  });

  it('hides soft-deleted rows and shows nothing of another organisation', async () => {
    // Nothing is deleted while live rows depend on it (migration plan_soft_delete): what belongs to them goes first.
    await query(handle.db, `UPDATE claims SET deleted_at = now() WHERE release_id = 'fleet-0.10.0'`);
    await query(handle.db, `UPDATE deploy_gates SET deleted_at = now() WHERE release_id = 'fleet-0.10.0'`);
    await query(handle.db, `UPDATE releases SET deleted_at = now() WHERE id = 'fleet-0.10.0'`);
    await query(handle.db, `UPDATE roadmap_items SET deleted_at = now() WHERE feature_id = 'wave-planner'`);
    await query(handle.db, `UPDATE features SET deleted_at = now() WHERE id = 'wave-planner'`);
    await query(handle.db, `INSERT INTO organisations (slug, name) VALUES ('other', 'Other')`);
    await query(handle.db, `INSERT INTO programs (organisation_id, id, name) SELECT id, 'secret', 'Secret program' FROM organisations WHERE slug = 'other'`);

    const overview = await getOverview(callerIn(organisationId), { today });
    expect(overview.figures).toMatchObject({ programs: 3, features: 11, upcomingReleases: 4 });
    expect(overview.upcoming.map((r) => r.id)).not.toContain('fleet-0.10.0');
    expect(overview.programs.map((p) => p.name)).not.toContain('Secret program');
  });

  it('shows at most eight features per product and counts the rest', async () => {
    const values = Array.from({ length: 10 }, (_, i) => `('${organisationId}', 'extra-${i}', 'motus-web', 'Extra ${i}')`).join(', ');
    await query(handle.db, `INSERT INTO features (organisation_id, id, product_id, name) VALUES ${values}`);
    const { programs } = await getOverview(callerIn(organisationId), { today });
    const web = programs.flatMap((p) => p.products).find((p) => p.id === 'motus-web')!;
    expect(web.features).toHaveLength(8);
    expect(web.featureCount).toBe(12);
  });

  it('shows one page of programs at a time, in flight first, while the figures and upcoming releases cover them all', async () => {
    // Programs not started yet ('planned') sort after the demo's programs in flight.
    const extra = Array.from({ length: PROGRAMS_PER_PAGE }, (_, i) => `('${organisationId}', 'later-${i}', 'Later ${i}', 'planned')`).join(', ');
    await query(handle.db, `INSERT INTO programs (organisation_id, id, name, state) VALUES ${extra}`);
    const first = await getOverview(callerIn(organisationId), { today });
    const second = await getOverview(callerIn(organisationId), { today, page: 2 });
    const total = 3 + PROGRAMS_PER_PAGE;
    expect(first.figures.programs).toBe(total);
    expect(second.figures).toEqual(first.figures);
    expect([first.page, first.pageCount, second.page]).toEqual([1, Math.ceil(total / PROGRAMS_PER_PAGE), 2]);
    expect(first.programs).toHaveLength(PROGRAMS_PER_PAGE);
    expect(first.programs.slice(0, 3).map((p) => p.id)).toEqual(['foreman-office', 'motus-cli', 'field-notes']);
    const shown = [...first.programs, ...second.programs].map((p) => p.id);
    expect(new Set(shown).size).toBe(Math.min(total, 2 * PROGRAMS_PER_PAGE));
    // A page's products are its programs' own; the upcoming list still names every release's product and program.
    expect(second.programs.flatMap((p) => p.products)).toEqual([]);
    expect(second.upcoming).toEqual(first.upcoming);
    expect(second.upcoming[0]).toMatchObject({ productName: 'motus-web', programName: 'Motus coordination CLI' });
    // A page past the last shows no program, and says how many pages there are.
    const past = await getOverview(callerIn(organisationId), { today, page: 99 });
    expect(past.programs).toEqual([]);
    expect(past.pageCount).toBe(first.pageCount);
  });
});
