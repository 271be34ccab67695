import { z } from 'zod';

import { ActionError } from '@/lib/procedure/result';
import { defineRoute, FileDownload } from '@/lib/procedure/route';
import { complianceReportCsv } from '@/lib/releases/report';
import { readReleaseReview } from '@/lib/releases/review';

// GET /api/releases/:releaseId/report: the release's compliance report as CSV, every result included.
export const GET = defineRoute({
  name: 'getComplianceReport',
  access: { permission: 'portfolio:read' },
  input: z.object({ releaseId: z.string().trim().min(1).max(200) }),
  run: async ({ tx, caller, input }) => {
    const review = await readReleaseReview(tx, { organisationId: caller.organisationId, releaseId: input.releaseId });
    if (!review) throw new ActionError('not_found', 'There is no such release in this organisation.');
    return new FileDownload(`compliance-${review.release.id}.csv`, 'text/csv; charset=utf-8', complianceReportCsv(review));
  },
});
