import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { features } from '../db/schema';
import { itemId, openedAt, optional, optionalVersion, reference, required, termKey } from './fields';
import { freeSlug, insertWithFreshId } from './ids';
import { saveEdit } from './write';

/** Up front: the product and a name; status 'planned' is the default. */
export const createFeatureInput = z.object({
  productId: reference('Choose the product it belongs to.'),
  name: required(200, 'Give the feature a name.'),
  description: optional(4000),
});

export const updateFeatureInput = z.object({
  id: itemId,
  openedAt,
  productId: reference('Choose the product it belongs to.'),
  name: required(200, 'Give the feature a name.'),
  description: optional(4000),
  statusKey: termKey('Choose a status.'),
  version: optionalVersion,
  introducedIn: optionalVersion,
  deprecatedIn: optionalVersion,
});

export async function createFeature(tx: Database, caller: OrganisationCaller, input: z.output<typeof createFeatureInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    features,
    () => freeSlug(tx, 'features', input.name),
    (id) => ({ organisationId: caller.organisationId, id, ...input }),
  );
}

export async function updateFeature(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateFeatureInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'feature', features, input);
}
