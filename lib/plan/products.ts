import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { products } from '../db/schema';
import { itemId, openedAt, optional, optionalUrl, optionalVersion, reference, required, termKey } from './fields';
import { freeSlug, insertWithFreshId } from './ids';
import { saveEdit } from './write';

/** Up front: the program and a name; status 'active' and version '0.0.0' are the defaults. */
export const createProductInput = z.object({
  programId: reference('Choose the program it belongs to.'),
  name: required(200, 'Give the product a name.'),
  description: optional(4000),
});

export const updateProductInput = z.object({
  id: itemId,
  openedAt,
  programId: reference('Choose the program it belongs to.'),
  name: required(200, 'Give the product a name.'),
  description: optional(4000),
  statusKey: termKey('Choose a status.'),
  version: optionalVersion.transform((v) => v ?? '0.0.0'),
  repositoryUrl: optionalUrl,
});

export async function createProduct(tx: Database, caller: OrganisationCaller, input: z.output<typeof createProductInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    products,
    () => freeSlug(tx, 'products', input.name),
    (id) => ({ organisationId: caller.organisationId, id, ...input }),
  );
}

export async function updateProduct(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateProductInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'product', products, input);
}
