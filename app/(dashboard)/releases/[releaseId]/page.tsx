import { Download, Printer } from 'lucide-react';
import { notFound } from 'next/navigation';

import { BackLink } from '@/components/ui/back-link';
import { formatDay } from '@/components/overview/dates';
import { DeployGateCard } from '@/components/releases/deploy-gate-card';
import { StandardItem } from '@/components/releases/standard-item';
import { VerdictBanner } from '@/components/releases/verdict-banner';
import { Card, CardHeader } from '@/components/ui/card';
import { Link } from '@/components/ui/link';
import { StatusBadge } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { getReleaseReview } from '@/lib/releases/review';

import { recordComplianceResult, requestDeployment } from '../actions';
import { watchItem } from '../../inbox/actions';
import { WatchButton } from '@/components/inbox/watch-button';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { pathParam } from '@/lib/links/path-param';

export const metadata = { title: 'Release review' };

export default async function ReleaseReviewPage({ params }: { params: Promise<{ releaseId: string }> }) {
  const { releaseId } = await params;
  const member = await requireMember();
  const review = await getReleaseReview(member, { releaseId: pathParam(releaseId) });
  if (!review) notFound();
  const { release, verdict, standards, gate } = review;
  const mayRecord = can(member.role, 'compliance:record');
  const reportHref = `/api/releases/${encodeURIComponent(release.id)}/report`;

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.releases} />
      <div className="space-y-2">
        <BackLink href="/releases">Releases</BackLink>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">
              {release.product.name} {release.name}
            </h1>
            <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
              <StatusBadge domain="release" status={release.status.key} label={release.status.label} />
              {release.type.label} · {release.program.name}
              {release.targetDate && <> · target {formatDay(release.targetDate)}</>}
            </p>
            {release.description && <p className="mt-1 text-sm">{release.description}</p>}
          </div>
          <div className="flex flex-wrap gap-2">
            <WatchButton member={member} kind="release" id={release.id} action={watchItem} />
            <a
              href={reportHref}
              className="inline-flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-3 text-sm font-medium shadow-sm hover:bg-muted"
              download
            >
              <Download className="size-4" aria-hidden /> CSV report
            </a>
            <Link
              href={`/releases/${encodeURIComponent(release.id)}/report`}
              className="inline-flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-3 text-sm font-medium shadow-sm hover:bg-muted"
            >
              <Printer className="size-4" aria-hidden /> Printable report
            </Link>
          </div>
        </div>
      </div>

      <VerdictBanner verdict={verdict} gate={gate} />

      <div className="grid items-start gap-6 xl:grid-cols-[minmax(0,1fr)_26rem]">
        <Card aria-labelledby="standards-heading">
          <CardHeader>
            <div>
              <h2 id="standards-heading" className="font-semibold">
                Standards ({standards.length})
              </h2>
              <p className="text-sm text-muted-foreground">
                Every standard that applies to this release, blocking failures first. Results are never changed: a correction is a new result, and the latest
                counts.
                {!mayRecord && ' Reviewers, managers and owners record results.'}
              </p>
            </div>
          </CardHeader>
          {standards.length === 0 ? (
            <p className="px-5 py-6 text-sm text-muted-foreground">No standard applies to this release. Assign standards in Settings → Standards.</p>
          ) : (
            <ol className="divide-y divide-border" data-testid="standards">
              {standards.map((s) => (
                <StandardItem key={s.id} standard={s} releaseId={release.id} recordComplianceResult={mayRecord ? recordComplianceResult : undefined} />
              ))}
            </ol>
          )}
        </Card>
        <div className="xl:sticky xl:top-20">
          <DeployGateCard gate={gate} releaseId={release.id} requestDeployment={can(member.role, 'deploys:request') ? requestDeployment : undefined} />
        </div>
      </div>
    </div>
  );
}
