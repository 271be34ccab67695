import { sql } from 'drizzle-orm';
import { z } from 'zod';

import { can } from '../../organisations/permissions';
import { ActionError } from '../../procedure/result';
import { raiseBlocker, raiseBlockerInput } from '../../blockers/raise';
import { resolveBlocker, resolveBlockerInput } from '../../blockers/resolve';
import { lockOwnAttempt } from '../attempts';
import { defineOperation } from '../operation';
import { rows } from '../sql';
import { workerOf } from '../worker';
import { idParam } from './schemas';

export const raiseBlockerOperation = defineOperation({
  id: 'raiseBlocker',
  method: 'POST',
  path: '/api/v1/blockers',
  summary: 'Raise a blocker',
  description:
    'On a task, wave or program (with a classification), or a roadmap item or attempt (with a reason code). A builder raises a blocker on an attempt only if it holds that attempt.',
  tag: 'Blockers',
  access: { permission: 'blockers:raise' },
  input: raiseBlockerInput,
  output: z.object({ id: z.string() }),
  successStatus: 201,
  mcpTool: 'raise_blocker',
  run: async ({ tx, caller, input }) => {
    if (input.targetType === 'attempt' && !can(caller.role, 'plan:edit')) await lockOwnAttempt(tx, caller, input.targetId);
    return raiseBlocker(tx, { caller, input });
  },
});

export const resolveBlockerOperation = defineOperation({
  id: 'resolveBlocker',
  method: 'POST',
  path: '/api/v1/blockers/{blockerId}/resolve',
  summary: 'Resolve a blocker, with a justification',
  description:
    'Resolves the blocker with a written resolution and a justification: a waiver, evidence recorded since it was raised (`evidenceRef`), or evidence attached now (`attachUri`, http or https). A reviewer, manager or owner resolves any blocker; a builder only those on its own attempts.',
  tag: 'Blockers',
  access: { permission: 'blockers:raise' },
  input: resolveBlockerInput.extend({
    blockerId: idParam('blocker'),
    attachUri: z
      .string()
      .trim()
      .max(2000)
      .pipe(z.url({ protocol: /^https?$/, message: 'Give an http:// or https:// address' }))
      .optional(),
  }),
  output: z.object({ id: z.string(), justification: z.enum(['waiver', 'evidence', 'attach']).nullable() }),
  mcpTool: 'resolve_blocker',
  run: async ({ tx, caller, input }) => {
    if (!can(caller.role, 'blockers:resolve')) {
      const [own] = await rows(
        tx,
        sql`SELECT 1 FROM blockers b JOIN attempts a ON a.organisation_id = b.organisation_id AND a.id = b.attempt_id
             WHERE b.organisation_id = ${caller.organisationId} AND b.id = ${input.blockerId} AND a.worker_id = ${workerOf(caller).workerId}`,
      );
      if (!own) throw new ActionError('forbidden', 'A builder resolves only the blockers on its own attempts; ask a reviewer or a manager.');
    }
    return resolveBlocker(tx, { caller, input: { ...input, attachUri: input.attachUri } });
  },
});
