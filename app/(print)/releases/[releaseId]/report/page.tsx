import { Download } from 'lucide-react';
import { notFound } from 'next/navigation';

import { BackLink } from '@/components/ui/back-link';
import { ComplianceReport } from '@/components/releases/compliance-report';
import { PrintButton } from '@/components/releases/print-button';
import { requireMember } from '@/lib/auth/current-member';
import { getReleaseReview } from '@/lib/releases/review';
import { pathParam } from '@/lib/links/path-param';

export const metadata = { title: 'Compliance report' };

export default async function ComplianceReportPage({ params }: { params: Promise<{ releaseId: string }> }) {
  const { releaseId } = await params;
  const member = await requireMember();
  const review = await getReleaseReview(member, { releaseId: pathParam(releaseId) });
  if (!review) notFound();
  const id = encodeURIComponent(review.release.id);
  return (
    <div className="space-y-6">
      <nav className="flex flex-wrap items-center justify-between gap-3 print:hidden" aria-label="Report">
        <BackLink href={`/releases/${id}`}>Back to the review</BackLink>
        <div className="flex gap-2">
          <a
            href={`/api/releases/${id}/report`}
            download
            className="inline-flex h-8 items-center gap-2 rounded-md border border-border px-3 text-sm font-medium hover:bg-muted"
          >
            <Download className="size-4" aria-hidden /> CSV
          </a>
          <PrintButton />
        </div>
      </nav>
      <ComplianceReport review={review} generatedAt={new Date()} />
    </div>
  );
}
