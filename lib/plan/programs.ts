import 'server-only';

import { z } from 'zod';

import { actorOf, type OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { programs } from '../db/schema';
import { itemId, lines, openedAt, optional, required, termKey } from './fields';
import { freeSlug, insertWithFreshId } from './ids';
import { saveEdit } from './write';

/** Foreman's program states (CHECK programs_state_check); not a terminology domain. */
export const PROGRAM_STATES = ['planned', 'in-progress', 'blocked', 'completed', 'failed'] as const;

/** Up front only the name; type, status and state take their defaults (software, active, planned). */
export const createProgramInput = z.object({
  name: required(200, 'Give the program a name.'),
  description: optional(4000),
  typeKey: termKey('Choose a type.').optional(),
});

/** Both seeds' fields: seed 000 (type, status, owner, description) and seed 001 (objectives, state, evidence location). */
export const updateProgramInput = z.object({
  id: itemId,
  openedAt,
  name: required(200, 'Give the program a name.'),
  description: optional(4000),
  typeKey: termKey('Choose a type.'),
  statusKey: termKey('Choose a status.'),
  owner: optional(200),
  objectives: lines,
  state: z.enum(PROGRAM_STATES, { message: 'Choose a state.' }),
  evidenceLocation: optional(2000),
});

export async function createProgram(tx: Database, caller: OrganisationCaller, input: z.output<typeof createProgramInput>): Promise<{ id: string }> {
  return insertWithFreshId(
    tx,
    programs,
    () => freeSlug(tx, 'programs', input.name),
    (id) => ({
      organisationId: caller.organisationId,
      id,
      name: input.name,
      description: input.description,
      ...(input.typeKey ? { typeKey: input.typeKey } : {}),
      createdBy: actorOf(caller),
    }),
  );
}

export async function updateProgram(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateProgramInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'program', programs, input);
}
