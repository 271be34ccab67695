import { boardQueryInput } from '@/lib/board/input';
import { exportBoardCsv } from '@/lib/exports/board';
import { defineRoute } from '@/lib/procedure/route';

export const dynamic = 'force-dynamic';

/** GET /api/board/export?kind=…&scope=…&<filters>: the board's filtered cards as CSV, streamed (docs/import-export.md). */
export const GET = defineRoute({
  name: 'exportBoard',
  access: { permission: 'portfolio:read' },
  input: boardQueryInput,
  run: ({ tx, caller, input }) => exportBoardCsv(tx, caller, input),
});
