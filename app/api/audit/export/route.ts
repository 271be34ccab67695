import { exportAuditLog, auditExportInput } from '@/lib/audit/export';
import { defineRoute } from '@/lib/procedure/route';

/** GET /api/audit/export?format=csv|json&actor=…&action=…&type=…&entity=…&from=…&to=…: the filtered audit log, streamed (docs/audit.md). */
export const GET = defineRoute({
  name: 'exportAuditLog',
  access: { permission: 'audit:read', callers: ['member'] },
  input: auditExportInput,
  run: async ({ caller, input }) => exportAuditLog(caller, input),
});
