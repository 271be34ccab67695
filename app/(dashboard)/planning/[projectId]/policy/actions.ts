'use server';

import { permittedAction } from '@/lib/procedure/action';
import { savePolicy as save, savePolicyInput } from '@/lib/planning/policy';

export const savePlanningPolicy = permittedAction('savePlanningPolicy', { permission: 'plan:edit' }, savePolicyInput, (tx, caller, input) =>
  save(tx, { caller, input }),
);
