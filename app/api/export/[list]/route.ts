import { exportList, listExportInput } from '@/lib/exports/lists';
import { defineRoute } from '@/lib/procedure/route';

export const dynamic = 'force-dynamic';

/** GET /api/export/blockers|builders|releases|programs?<the page's filters>: the list's filtered rows as CSV (docs/import-export.md). */
export const GET = defineRoute({
  name: 'exportList',
  access: { permission: 'portfolio:read' },
  input: listExportInput,
  run: ({ tx, caller, input }) => exportList(tx, caller.organisationId, input),
});
