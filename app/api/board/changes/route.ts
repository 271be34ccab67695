import { defineRoute } from '@/lib/procedure/route';
import { boardChangesInput } from '@/lib/board/input';
import { getBoardChanges } from '@/lib/board/queries';
import { assertScopeExists } from '@/lib/board/scopes';

export const dynamic = 'force-dynamic';

/** What changed on a board since the last poll: how other people's moves reach an open board. */
export const GET = defineRoute({
  name: 'getBoardChanges',
  access: { permission: 'portfolio:read' },
  input: boardChangesInput,
  run: async ({ tx, caller, input }) => {
    await assertScopeExists(tx, { organisationId: caller.organisationId, scope: input.scope });
    return getBoardChanges(tx, { organisationId: caller.organisationId, kind: input.kind, scope: input.scope, filters: input.filters, since: input.since });
  },
});
