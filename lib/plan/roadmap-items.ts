import 'server-only';

import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { roadmapItems } from '../db/schema';
import { itemId, openedAt, optional, optionalDate, optionalReference, required, termKey } from './fields';
import { insertWithFreshId, nextNumberedId } from './ids';
import { saveEdit } from './write';

export const ROADMAP_ITEM_TYPES = ['work', 'gate', 'holding', 'integration'] as const;

/**
 * Up front: a title, its phase and whose board it is on (a program, or a product);
 * status 'pending' and type 'work' are the defaults. The phase limit is the database's.
 */
export const createRoadmapItemInput = z
  .object({
    title: required(300, 'Give the item a title.'),
    phaseKey: termKey('Choose a phase.'),
    programId: optionalReference,
    productId: optionalReference,
    statusKey: termKey('Choose a status.').optional(),
  })
  .refine((v) => v.programId !== null || v.productId !== null, { message: 'Choose the program (or product) it belongs to.', path: ['programId'] });

/** Status is changed on the board or with the status form (its rules apply there). */
export const updateRoadmapItemInput = z.object({
  id: itemId,
  openedAt,
  title: required(300, 'Give the item a title.'),
  description: optional(10_000),
  phaseKey: termKey('Choose a phase.'),
  itemType: z.enum(ROADMAP_ITEM_TYPES, { message: 'Choose work, gate, holding or integration.' }),
  featureId: optionalReference,
  crId: optionalReference,
  targetDate: optionalDate,
});

export async function createRoadmapItem(tx: Database, caller: OrganisationCaller, input: z.output<typeof createRoadmapItemInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    roadmapItems,
    () => nextNumberedId(tx, 'roadmap_items', 'RI'),
    (id) => ({
      organisationId: caller.organisationId,
      id,
      title: input.title,
      phaseKey: input.phaseKey,
      programId: input.programId,
      productId: input.productId,
      createdBy: actorOf(caller),
      ...(input.statusKey ? { statusKey: input.statusKey } : {}),
    }),
  );
}

export async function updateRoadmapItem(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateRoadmapItemInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'roadmap item', roadmapItems, input);
}
