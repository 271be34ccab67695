import { defineRoute } from '@/lib/procedure/route';
import { moveWorkItem, moveWorkItemInput } from '@/lib/board/move';

export const dynamic = 'force-dynamic';

/**
 * A card moved to a column and a place in it: what the board calls on a drop (the server action
 * moveBoardCard does the same). On PostgreSQL `npm start` answers it before Next's router in one
 * round trip (lib/board/move-fast-path.ts); this route answers it otherwise, and whatever that
 * front hands on, with the same rules and the same words.
 */
export const POST = defineRoute({
  name: 'moveBoardCardRoute',
  access: { permission: 'work:update-assigned' },
  input: moveWorkItemInput,
  run: ({ tx, caller, input }) => moveWorkItem(tx, caller, input),
});
