import 'server-only';

import { z } from 'zod';

import type { OrganisationCaller } from '../auth/identity';
import type { Database } from '../db/connection';
import { tasks } from '../db/schema';
import { itemId, openedAt, required } from './fields';
import { saveEdit } from './write';

const TASK_STATES = ['planned', 'assigned', 'in-progress', 'blocked', 'completed', 'failed'] as const;

const taskFields = {
  name: required(300, 'Give the task a name.'),
  acceptanceCriteria: required(4000, 'Say when the task is done.'),
  architectureReference: required(2000, 'Name the architecture it follows (a document or path).'),
  qaSuiteLocation: required(2000, 'Say where its QA suite is.'),
};

/** Up front: the wave and what the seed requires of every task; state 'planned' is the default. */
export const createTaskInput = z.object({
  waveId: z.string().trim().uuid({ message: 'Choose the wave it belongs to.' }),
  statusKey: z.enum(TASK_STATES, { message: 'Choose a state.' }).optional(),
  ...taskFields,
});

/** State and builder are the board's (moves) and the agent API's. */
export const updateTaskInput = z.object({ id: itemId.pipe(z.string().uuid({ message: 'Which task?' })), openedAt, ...taskFields });

export async function createTask(tx: Database, caller: OrganisationCaller, input: z.output<typeof createTaskInput>): Promise<{ id: string }> {
  const { statusKey, ...fields } = input;
  const [row] = await tx
    .insert(tasks)
    .values({ organisationId: caller.organisationId, ...fields, state: statusKey ?? 'planned' })
    .returning({ id: tasks.taskId });
  return { id: row!.id };
}

export async function updateTask(tx: Database, caller: OrganisationCaller, input: z.output<typeof updateTaskInput>): Promise<{ id: string }> {
  return saveEdit(tx, caller.organisationId, 'task', tasks, input, tasks.taskId);
}
