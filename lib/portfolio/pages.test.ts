import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createOrganisation } from '../auth/test-fixtures';
import type { DatabaseHandle } from '../db/connection';

import { getAttention } from './attention';
import { entityExists, getBugPage, getFeaturePage, getProductPage, getProgramPage } from './pages';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let organisationId: string;
let otherOrganisationId: string;

beforeAll(async () => {
  ({ handle, organisationId } = await openAttachedDemoDatabase({ today: new Date('2026-11-22T09:00:00Z') }));
  otherOrganisationId = await createOrganisation(handle.db, 'pages-other');
});
afterAll(() => closeAttachedDatabase(handle));

const member = () => ({ organisationId });
const stranger = () => ({ organisationId: otherOrganisationId });

describe('the program page', () => {
  it('shows the program with its products, features by status, releases with their verdicts, phases, waves, CRs and bugs', async () => {
    const page = (await getProgramPage(member(), 'motus-cli'))!;
    expect(page.program).toMatchObject({ id: 'motus-cli', name: 'Motus coordination CLI', progress: 55 });
    expect(page.products.map((p) => p.id)).toContain('motus');
    // Every feature status of the terminology, in its order; the program's features under theirs.
    const byStatus = Object.fromEntries(page.featuresByStatus.map((g) => [g.status.key, g.features.map((f) => f.id)]));
    expect(page.featuresByStatus[0]!.status).toEqual({ key: 'planned', label: 'Planned' });
    expect(Object.values(byStatus).flat()).toContain('coordination-api');
    const release = page.releases.find((r) => r.id === 'motus-v0.2.0')!;
    expect(release.verdict.label).toBe('Blocked');
    expect(release.product).toEqual({ id: 'motus', name: 'motus' });
    expect(page.phases.length).toBeGreaterThan(0);
    for (const phase of page.phases) expect(phase.phase.label).not.toMatch(/_/);
    expect(page.openCrs.every((c) => c.status.key !== 'done')).toBe(true);
    expect(page.bugs.map((b) => b.id)).toContain('BUG-2025-09-30-006');
    expect(page.bugs.find((b) => b.id === 'BUG-2025-10-05-002')).toMatchObject({ severity: { key: 'high', label: 'High' }, fixCrId: 'CR-2025-10-02-004' });
  });

  it('rolls up the waves of a Foreman program and lists its open blockers', async () => {
    const page = (await getProgramPage(member(), 'foreman-office'))!;
    expect(page.waves.length).toBeGreaterThan(0);
    expect(page.waves.map((w) => w.sequence)).toEqual([...page.waves.map((w) => w.sequence)].sort((a, b) => a - b));
    for (const wave of page.waves) expect(wave.tasksDone).toBeLessThanOrEqual(wave.tasksTotal);
    for (const blocker of page.blockers) expect(blocker.resolvedAt).toBeNull();
  });

  it('is no page for an unknown id, nor for a program of another organisation', async () => {
    expect(await getProgramPage(member(), 'no-such-program')).toBeNull();
    expect(await getProgramPage(stranger(), 'motus-cli')).toBeNull();
    expect(await entityExists(member(), 'program', 'motus-cli')).toBe(true);
    expect(await entityExists(stranger(), 'program', 'motus-cli')).toBe(false);
  });
});

describe('the product, feature and bug pages', () => {
  it('shows a product with its program, features, releases and bugs', async () => {
    const page = (await getProductPage(member(), 'motus'))!;
    expect(page.product.program).toEqual({ id: 'motus-cli', name: 'Motus coordination CLI' });
    expect(page.features.map((f) => f.id)).toContain('coordination-api');
    expect(page.releases.map((r) => r.name)).toEqual(['v0.2.0', 'v0.1.3', 'v0.1.0']);
    expect(await getProductPage(stranger(), 'motus')).toBeNull();
  });

  it('shows a feature with its bugs by version, change requests and roadmap items', async () => {
    const page = (await getFeaturePage(member(), 'evidence-ledger'))!;
    expect(page.feature.product.id).toBe('motus');
    expect(page.bugs.map((b) => `${b.id}@${b.featureVersion}`)).toContain('BUG-2025-10-05-002@1.0');
    expect(page.crs.every((c) => c.feature?.id === 'evidence-ledger')).toBe(true);
    expect(await getFeaturePage(stranger(), 'evidence-ledger')).toBeNull();
    expect(await getFeaturePage(member(), 'nothing')).toBeNull();
  });

  it('shows a bug with its feature, product, program, fix and people by name', async () => {
    const { bug } = (await getBugPage(member(), 'BUG-2025-10-05-002'))!;
    expect(bug).toMatchObject({
      feature: { id: 'evidence-ledger' },
      product: { id: 'motus' },
      program: { id: 'motus-cli' },
      status: { key: 'fixed', label: 'Fixed' },
      reportedBy: 'johan',
      fixCr: { id: 'CR-2025-10-02-004' },
    });
    expect((await getBugPage(member(), 'BUG-2025-09-30-006'))!.bug.assignedTo).toBe('builder-1');
    expect(await getBugPage(stranger(), 'BUG-2025-10-05-002')).toBeNull();
  });
});

describe('needs attention', () => {
  it('lists releases that may not ship with the reason, items waiting on dependencies, and open blockers oldest first', async () => {
    const attention = await getAttention({ kind: 'member', userId: '00000000-0000-0000-0000-000000000000', organisationId });
    expect(attention.releases.items.length).toBeGreaterThan(0);
    for (const release of attention.releases.items) {
      expect(['blocked', 'not_ready']).toContain(release.verdict.key);
      expect(release.verdict.summary).not.toBe('');
    }
    expect(attention.waiting.total).toBeGreaterThan(0);
    expect(attention.waiting.items[0]!.waitsOn.length).toBeGreaterThan(0);
    const ages = attention.blockers.items.map((b) => b.detectedAt.getTime());
    expect(ages).toEqual([...ages].sort((a, b) => a - b));
    // Nobody owns anything under an unknown account.
    expect(attention.mine.total).toBe(0);
  });

  it('is empty for an organisation with nothing in it', async () => {
    const attention = await getAttention({ kind: 'member', userId: '00000000-0000-0000-0000-000000000000', organisationId: otherOrganisationId });
    expect([attention.blockers, attention.stalledBuilders, attention.releases, attention.waiting, attention.mine].map((l) => l.total)).toEqual([0, 0, 0, 0, 0]);
  });
});
