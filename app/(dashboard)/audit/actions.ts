'use server';

import { restoreField, restoreFieldInput } from '@/lib/history/restore';
import { defineAction } from '@/lib/procedure/action';

/** Writes back a field's value from an item's history, as a new edit (docs/audit.md). */
export const restoreFieldValue = defineAction({
  name: 'restoreFieldValue',
  access: { permission: 'plan:edit' },
  input: restoreFieldInput,
  run: ({ tx, caller, input }) => restoreField(tx, caller, input),
});
