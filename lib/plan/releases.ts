import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { releases } from '../db/schema';
import { itemId, openedAt, optional, optionalDate, optionalUrl, reference, required, termKey } from './fields';
import { freeSlug, insertWithFreshId } from './ids';
import { saveEdit } from './write';

/** Up front: the product, a name and (optionally) a target date; type 'version' and status 'pending' are the defaults. */
export const createReleaseInput = z.object({
  productId: reference('Choose the product it ships.'),
  name: required(200, 'Give the release a name, such as 1.2.0.'),
  targetDate: optionalDate,
});

export const updateReleaseInput = z.object({
  id: itemId,
  openedAt,
  productId: reference('Choose the product it ships.'),
  name: required(200, 'Give the release a name, such as 1.2.0.'),
  description: optional(4000),
  typeKey: termKey('Choose a type.'),
  statusKey: termKey('Choose a status.'),
  targetDate: optionalDate,
  externalUrl: optionalUrl,
});

export async function createRelease(tx: Database, caller: OrganisationCaller, input: z.output<typeof createReleaseInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    releases,
    () => freeSlug(tx, 'releases', `${input.productId}-${input.name}`),
    (id) => ({ organisationId: caller.organisationId, id, ...input }),
  );
}

export async function updateRelease(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateReleaseInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'release', releases, input);
}
