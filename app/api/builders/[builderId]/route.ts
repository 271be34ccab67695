import { z } from 'zod';

import { defineRoute } from '@/lib/procedure/route';
import { ActionError } from '@/lib/procedure/result';
import { getBuilderProfile } from '@/lib/foreman/builder-profile';

export const dynamic = 'force-dynamic';

/**
 * A builder's record: its state, current task and last heartbeat. A builder agent (with
 * `Authorization: Bearer <token>`) reads its own; a member reads any builder of their organisation.
 */
export const GET = defineRoute({
  name: 'getBuilder',
  access: { permission: 'portfolio:read' },
  input: z.object({ builderId: z.string().min(1).max(200) }),
  run: async ({ tx, caller, input }) => {
    if (caller.kind === 'token' && caller.builderId !== null && caller.builderId !== input.builderId) {
      throw new ActionError('forbidden', `This token acts as builder “${caller.builderId}”; it may read only that builder.`);
    }
    const profile = await getBuilderProfile(tx, input.builderId);
    if (!profile) throw new ActionError('not_found', `There is no builder “${input.builderId}” in this organisation.`);
    return profile;
  },
});
