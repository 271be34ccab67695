'use server';

import { defineAction } from '@/lib/procedure/action';
import { savePolicy as save, savePolicyInput } from '@/lib/planning/policy';

export const savePlanningPolicy = defineAction({
  name: 'savePlanningPolicy',
  access: { permission: 'plan:edit' },
  input: savePolicyInput,
  run: ({ tx, caller, input }) => save(tx, { caller, input }),
});
