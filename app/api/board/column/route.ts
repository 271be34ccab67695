import { defineRoute } from '@/lib/procedure/route';
import { columnPageInput } from '@/lib/board/input';
import { getColumnPage } from '@/lib/board/queries';
import { assertScopeExists } from '@/lib/board/scopes';

export const dynamic = 'force-dynamic';

/** The next cards of one board column, after the last one loaded (infinite scroll). */
export const GET = defineRoute({
  name: 'getBoardColumn',
  access: { permission: 'portfolio:read' },
  input: columnPageInput,
  run: async ({ tx, caller, input }) => {
    await assertScopeExists(tx, { organisationId: caller.organisationId, scope: input.scope });
    const after = input.afterRank !== undefined && input.afterId ? { rank: input.afterRank, id: input.afterId } : null;
    return getColumnPage(tx, {
      organisationId: caller.organisationId,
      kind: input.kind,
      scope: input.scope,
      filters: input.filters,
      status: input.status,
      after,
    });
  },
});
