import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { changeRequests } from '../db/schema';
import { itemId, openedAt, optional, optionalReference, optionalVersion, reference, required, termKey } from './fields';
import { insertWithFreshId, nextDatedId } from './ids';
import { saveEdit } from './write';

export const CR_SIZES = ['S', 'M', 'L', 'XL'] as const;

/**
 * Up front: the product and a title (and the column it starts in, when made from the board);
 * type 'enhancement', size 'M' and status 'queue' are the defaults.
 */
export const createChangeRequestInput = z.object({
  productId: reference('Choose the product it changes.'),
  title: required(300, 'Give the change request a title.'),
  statusKey: termKey('Choose a status.').optional(),
  featureId: optionalReference,
});

/** Owner and status are the board's (its panel and its moves); dependencies have their own editor. */
export const updateChangeRequestInput = z.object({
  id: itemId,
  openedAt,
  title: required(300, 'Give the change request a title.'),
  description: optional(10_000),
  typeKey: termKey('Choose a type.'),
  size: z.enum(CR_SIZES, { message: 'Choose S, M, L or XL.' }),
  productId: reference('Choose the product it changes.'),
  featureId: optionalReference,
  targetVersion: optionalVersion,
});

export async function createChangeRequest(tx: Database, caller: OrganisationCaller, input: z.output<typeof createChangeRequestInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    changeRequests,
    () => nextDatedId(tx, 'change_requests', 'CR'),
    (id) => ({
      organisationId: caller.organisationId,
      id,
      title: input.title,
      productId: input.productId,
      featureId: input.featureId,
      ...(input.statusKey ? { statusKey: input.statusKey } : {}),
    }),
  );
}

export async function updateChangeRequest(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateChangeRequestInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'change request', changeRequests, input);
}
