import 'server-only';

import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { bugs } from '../db/schema';
import { itemId, openedAt, optional, optionalReference, optionalVersion, reference, required, termKey } from './fields';
import { insertWithFreshId, nextDatedId } from './ids';
import { saveEdit } from './write';

/** Up front: the feature, the version it is found in and a title; severity 'medium' and status 'open' are the defaults. */
export const createBugInput = z.object({
  featureId: reference('Choose the feature it is in.'),
  featureVersion: required(50, 'Say which version of the feature has it.'),
  title: required(300, 'Give the bug a title.'),
  severityKey: termKey('Choose a severity.').optional(),
  statusKey: termKey('Choose a status.').optional(),
});

export const updateBugInput = z.object({
  id: itemId,
  openedAt,
  title: required(300, 'Give the bug a title.'),
  description: optional(10_000),
  featureId: reference('Choose the feature it is in.'),
  featureVersion: required(50, 'Say which version of the feature has it.'),
  severityKey: termKey('Choose a severity.'),
  fixCrId: optionalReference,
  fixedInVersion: optionalVersion,
});

export async function createBug(tx: Database, caller: OrganisationCaller, input: z.output<typeof createBugInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    bugs,
    () => nextDatedId(tx, 'bugs', 'BUG'),
    (id) => ({
      organisationId: caller.organisationId,
      id,
      title: input.title,
      featureId: input.featureId,
      featureVersion: input.featureVersion,
      reportedBy: actorOf(caller),
      ...(input.severityKey ? { severityKey: input.severityKey } : {}),
      ...(input.statusKey ? { statusKey: input.statusKey } : {}),
    }),
  );
}

export async function updateBug(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateBugInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'bug', bugs, input);
}
