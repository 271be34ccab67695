'use server';

import { defineAction } from '@/lib/procedure/action';
import { assertSameOrganisation } from '@/lib/blockers/caller';
import { updateStallThreshold as update, updateStallThresholdInput } from '@/lib/foreman/settings';

/** A person changes the organisation's stall threshold; a builder's token never does. */
export const updateStallThreshold = defineAction({
  name: 'updateStallThreshold',
  access: { permission: 'organisation:configure', callers: ['member'] },
  input: updateStallThresholdInput,
  run: ({ tx, caller, input }) => {
    assertSameOrganisation(caller, input.organisationId);
    return update(tx, { organisationId: caller.organisationId, seconds: input.seconds });
  },
});
