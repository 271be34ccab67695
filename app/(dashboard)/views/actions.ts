'use server';

import { defineAction } from '@/lib/procedure/action';
import { renameViewInput, saveViewInput, viewIdInput } from '@/lib/saved-views/input';
import { deleteView, renameView, restoreView, saveView } from '@/lib/saved-views/saved-views';

// Saved views are shared in the organisation: any member who can read its pages may save, rename and delete them.
const access = { permission: 'portfolio:read', callers: ['member'] } as const;

/** Saves the page's filters under a name (docs/import-export.md#saved-views). */
export const saveSavedView = defineAction({ name: 'saveSavedView', access, input: saveViewInput, run: ({ tx, caller, input }) => saveView(tx, caller, input) });

export const renameSavedView = defineAction({
  name: 'renameSavedView',
  access,
  input: renameViewInput,
  run: ({ tx, caller, input }) => renameView(tx, caller, input),
});

/** A soft delete; Undo is restoreSavedView. */
export const deleteSavedView = defineAction({
  name: 'deleteSavedView',
  access,
  input: viewIdInput,
  run: ({ tx, caller, input }) => deleteView(tx, caller, input),
});

export const restoreSavedView = defineAction({
  name: 'restoreSavedView',
  access,
  input: viewIdInput,
  run: ({ tx, caller, input }) => restoreView(tx, caller, input),
});
