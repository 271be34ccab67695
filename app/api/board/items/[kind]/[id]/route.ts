import { z } from 'zod';

import { defineRoute } from '@/lib/procedure/route';
import { getWorkItemDetails } from '@/lib/board/details';
import { BOARD_KINDS } from '@/lib/board/kinds';

export const dynamic = 'force-dynamic';

/** One work item for the board's side panel: details, dependencies, blockers, evidence, history. */
export const GET = defineRoute({
  name: 'getBoardItem',
  access: { permission: 'portfolio:read' },
  input: z.object({ kind: z.enum(BOARD_KINDS), id: z.string().trim().min(1).max(200) }),
  run: ({ tx, caller, input }) => getWorkItemDetails(tx, { organisationId: caller.organisationId, kind: input.kind, id: input.id }),
});
