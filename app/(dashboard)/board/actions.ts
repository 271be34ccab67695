'use server';

import { defineAction } from '@/lib/procedure/action';
import { updateWorkItem, updateWorkItemInput } from '@/lib/board/details';
import { moveWorkItem, moveWorkItemInput } from '@/lib/board/move';

// Builders move and edit the work assigned to them; managers and owners any work (lockWorkItem).

export const moveBoardCard = defineAction({
  name: 'moveBoardCard',
  access: { permission: 'work:update-assigned' },
  input: moveWorkItemInput,
  run: ({ tx, caller, input }) => moveWorkItem(tx, caller, input),
});

export const updateBoardCard = defineAction({
  name: 'updateBoardCard',
  access: { permission: 'work:update-assigned' },
  input: updateWorkItemInput,
  run: ({ tx, caller, input }) => updateWorkItem(tx, caller, input),
});
