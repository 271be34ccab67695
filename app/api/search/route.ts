import { defineRoute } from '@/lib/procedure/route';
import { searchEntities, searchInput } from '@/lib/search/search';

export const dynamic = 'force-dynamic';

/** The command palette's search: live items of the caller's organisation by id or words of their title. */
export const GET = defineRoute({
  name: 'searchEverything',
  access: { permission: 'portfolio:read' },
  input: searchInput,
  run: ({ tx, input }) => searchEntities(tx, input),
});
