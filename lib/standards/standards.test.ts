import { createHash } from 'node:crypto';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';

import { ActionError } from '../procedure/result';
import { withOrganisation } from '../db/client';
import type { DatabaseHandle } from '../db/connection';
import { getReleaseReview } from '../releases/review';
import { activateCharterDoc, addCharterDoc, addCharterDocInput } from './charters';
import {
  assignStandard,
  assignStandardInput,
  createStandard,
  createStandardInput,
  getStandardsSettings,
  unassignStandard,
  updateStandard,
  updateStandardInput,
} from './standards';
import { callerIn } from '../auth/test-callers';
import { closeAttachedDatabase, openAttachedDemoDatabase } from '../db/testing/attached';

let handle: DatabaseHandle;
let organisationId: string;

beforeAll(async () => {
  ({ handle, organisationId } = await openAttachedDemoDatabase());
});
afterAll(() => closeAttachedDatabase(handle));

const inOrg = <T>(work: Parameters<typeof withOrganisation<T>>[1]) => withOrganisation(organisationId, work);
const refused = (work: Promise<unknown>) =>
  work.then(
    () => null,
    (e: unknown) => e as ActionError,
  );

describe('standards', () => {
  it('creates a standard with the place it applies to; the release review then lists it', async () => {
    const input: z.input<typeof createStandardInput> = {
      id: 'STD-REL-003',
      name: 'Rollback rehearsed',
      levelKey: 'release',
      checkTypeKey: 'manual',
      failureMessage: 'Nobody rehearsed the rollback.',
      isBlocking: 'on',
      entityType: 'release',
      entityId: 'motus-v0.2.0',
    };
    await inOrg((tx) => createStandard(tx, { ...createStandardInput.parse(input), organisationId }));
    const review = await getReleaseReview(callerIn(organisationId), { releaseId: 'motus-v0.2.0' });
    expect(review!.standards.find((s) => s.id === 'STD-REL-003')).toMatchObject({
      isBlocking: true,
      latest: null,
      appliesThrough: [{ entityType: 'release', entityId: 'motus-v0.2.0', inherited: false }],
    });

    const again = await refused(inOrg((tx) => createStandard(tx, { ...createStandardInput.parse({ ...input, entityId: 'motus-v0.1.0' }), organisationId })));
    expect(again).toBeInstanceOf(ActionError);
    expect(again!.fieldErrors).toHaveProperty('id');
  });

  it('refuses an assignment to something that does not exist, and checks threshold bounds', async () => {
    const error = await refused(
      inOrg((tx) =>
        assignStandard(tx, { ...assignStandardInput.parse({ standardId: 'STD-PRD-001', entityType: 'feature', entityId: 'nope' }), organisationId }),
      ),
    );
    expect(error!.message).toContain('There is no feature “nope”');
    const parsed = updateStandardInput.safeParse({
      id: 'STD-PRD-002',
      name: 'Coverage',
      levelKey: 'product',
      checkTypeKey: 'threshold',
      failureMessage: 'x',
      thresholdMin: '90',
      thresholdMax: '80',
    });
    expect(parsed.success).toBe(false);
  });

  it('edits a standard and removes an assignment, keeping its results', async () => {
    await inOrg((tx) =>
      updateStandard(tx, {
        ...updateStandardInput.parse({
          id: 'STD-PRD-005',
          name: 'Page weight under 300 kB',
          levelKey: 'product',
          checkTypeKey: 'threshold',
          thresholdMax: '300',
          failureMessage: 'Too heavy.',
        }),
        organisationId,
      }),
    );
    const settings = await getStandardsSettings(callerIn(organisationId));
    const weight = settings.standards.find((s) => s.id === 'STD-PRD-005')!;
    expect(weight).toMatchObject({ name: 'Page weight under 300 kB', thresholdMax: 300, isBlocking: false });
    await inOrg((tx) => unassignStandard(tx, { assignmentId: weight.assignments[0]!.id, organisationId }));
    const review = await getReleaseReview(callerIn(organisationId), { releaseId: 'motus-web-deploy-42' });
    expect(review!.standards.find((s) => s.id === 'STD-PRD-005')).toMatchObject({ appliesThrough: [], latest: { result: 'fail' } });
  });
});

describe('charter documents', () => {
  it('keeps one active per type: a new version retires the old one, and re-activating an old one retires the new', async () => {
    const input = addCharterDocInput.parse({
      id: 'charter-roadmap-v3',
      replacesId: 'charter-roadmap-v2',
      version: '3.0',
      title: 'Roadmap charter v3',
      content: '# Roadmap\n',
      activate: 'on',
    });
    const added = await inOrg((tx) => addCharterDoc(tx, { ...input, organisationId, approvedBy: 'Ada' }));
    expect(added).toEqual({ id: 'charter-roadmap-v3', contentHash: createHash('sha256').update('# Roadmap\n').digest('hex'), isActive: true });
    const active = async () =>
      (await getStandardsSettings(callerIn(organisationId))).charters
        .filter((c) => c.isActive)
        .map((c) => c.id)
        .sort();
    expect(await active()).toEqual(['charter-ethos-v1', 'charter-roadmap-v3']);

    await inOrg((tx) => activateCharterDoc(tx, { id: 'charter-roadmap-v1', organisationId, approvedBy: 'Ada' }));
    expect(await active()).toEqual(['charter-ethos-v1', 'charter-roadmap-v1']);
  });
});
