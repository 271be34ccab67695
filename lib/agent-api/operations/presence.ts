import { z } from 'zod';

import { ActionError } from '../../procedure/result';
import { HEARTBEAT_STATUSES } from '../heartbeat';
import { defineOperation } from '../operation';
import { iso, rows, sql } from '../sql';
import { optionalText, timestamp } from './schemas';

/**
 * A builder's heartbeat while it holds no attempt (waiting for work, between attempts): it says
 * the builder is alive, so that a builder with nothing to claim is not taken for stalled. A
 * heartbeat on an attempt (`heartbeat`) does this too, and renews the attempt's lease besides.
 */
export const builderHeartbeatOperation = defineOperation({
  id: 'builderHeartbeat',
  method: 'POST',
  path: '/api/v1/builder/heartbeat',
  summary: 'Send a heartbeat of the builder itself, between attempts',
  description:
    'Records a heartbeat of the token’s builder (status, by default `idle`, and a message) and moves its last heartbeat, so that a builder waiting for work is not taken for stalled. It renews no lease: while working on an attempt, send heartbeats on the attempt.',
  tag: 'Builder',
  access: { permission: 'work:update-assigned', callers: ['token'] },
  input: z.object({
    status: z.enum(HEARTBEAT_STATUSES).default('idle'),
    message: optionalText(1000),
  }),
  output: z.object({ builderId: z.string(), status: z.enum(HEARTBEAT_STATUSES), at: timestamp }),
  mcpTool: 'builder_heartbeat',
  run: async ({ tx, caller, input }) => {
    if (caller.kind !== 'token' || caller.builderId === null)
      throw new ActionError('forbidden', 'Only a builder’s token sends a builder heartbeat; a person’s token has no builder.');
    const [row] = await rows<{ recorded_at: string | Date }>(
      tx,
      sql`INSERT INTO heartbeats (organisation_id, builder_id, status, message)
          VALUES (${caller.organisationId}, ${caller.builderId}, ${input.status}, ${input.message ?? null})
          RETURNING "timestamp" AS recorded_at`,
    );
    return { builderId: caller.builderId, status: input.status, at: iso(row!.recorded_at)! };
  },
});
