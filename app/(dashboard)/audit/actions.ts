'use server';

import { restoreField, restoreFieldInput } from '@/lib/history/restore';
import { permittedAction } from '@/lib/procedure/action';

/** Writes back a field's value from an item's history, as a new edit (docs/audit.md). */
export const restoreFieldValue = permittedAction('restoreFieldValue', { permission: 'plan:edit' }, restoreFieldInput, (tx, caller, input) =>
  restoreField(tx, caller, input),
);
