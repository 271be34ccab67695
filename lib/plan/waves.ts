import 'server-only';

import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { waves } from '../db/schema';
import { integer } from '../validation/fields';
import { itemId, openedAt, reference, required } from './fields';
import { PROGRAM_STATES } from './programs';
import { saveEdit } from './write';

const uuid = z.string().trim().uuid({ message: 'Which wave?' });

/** Up front: the program and a name; the sequence number is the next free one, the state 'planned'. */
export const createWaveInput = z.object({
  programId: reference('Choose the program it belongs to.'),
  name: required(200, 'Give the wave a name.'),
});

export const updateWaveInput = z.object({
  id: itemId.pipe(uuid),
  openedAt,
  name: required(200, 'Give the wave a name.'),
  sequenceNumber: integer({ min: 1, max: 10_000, message: 'A whole number from 1 to 10000.' }),
  state: z.enum(PROGRAM_STATES, { message: 'Choose a state.' }),
});

export async function createWave(tx: Database, caller: OrganisationCaller, input: z.output<typeof createWaveInput>): Promise<{ id: string }> {
  const [next] = await tx
    .select({ n: sql<number>`coalesce(max(${waves.sequenceNumber}), 0) + 1` })
    .from(waves)
    .where(and(eq(waves.organisationId, caller.organisationId), eq(waves.programId, input.programId), isNull(waves.deletedAt)));
  const [row] = await tx
    .insert(waves)
    .values({ organisationId: caller.organisationId, programId: input.programId, name: input.name, sequenceNumber: Number(next?.n ?? 1), state: 'planned' })
    .returning({ id: waves.waveId });
  return { id: row!.id };
}

export async function updateWave(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateWaveInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'wave', waves, input, waves.waveId);
}
