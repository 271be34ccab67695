import { notFound } from 'next/navigation';

import { Card, CardBody, CardHeading } from '@/components/ui/card';
import { EditBugButton } from '@/components/plan/bug-form';
import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { can } from '@/lib/organisations/permissions';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';
import { WatchButton } from '@/components/inbox/watch-button';
import { EntityPageHeader } from '@/components/portfolio/page-header';
import { Badge } from '@/components/ui/badge';
import { EntityLink } from '@/components/ui/entity-link';
import { StatusBadge, statusTone } from '@/components/ui/status';
import { requireMember } from '@/lib/auth/current-member';
import { getBugPage } from '@/lib/portfolio/pages';
import { watchItem } from '../../inbox/actions';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }) {
  return { title: `Bug ${decodeURIComponent((await params).id)}` };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export default async function BugPage({ params }: { params: Params }) {
  const member = await requireMember();
  const page = await getBugPage(member, decodeURIComponent((await params).id));
  if (!page) notFound();
  const { bug } = page;

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.portfolio} />
      <EntityPageHeader
        trail={[
          { label: 'Overview', href: '/' },
          { label: bug.program.name, href: `/programs/${encodeURIComponent(bug.program.id)}` },
          { label: bug.product.name, href: `/products/${encodeURIComponent(bug.product.id)}` },
          { label: bug.feature.name, href: `/features/${encodeURIComponent(bug.feature.id)}` },
        ]}
        actions={
          <>
            <WatchButton member={member} kind="bug" id={bug.id} action={watchItem} />
            {can(member.role, 'plan:edit') ? (
              <>
                <EditBugButton id={bug.id} title={bug.title} />
                <DeletePlanItemButton kind="bug" id={bug.id} name={bug.title} goTo={`/features/${encodeURIComponent(bug.feature.id)}`} />
              </>
            ) : undefined}
          </>
        }
        kind="Bug"
        id={bug.id}
        title={bug.title}
        badges={
          <>
            <Badge tone={statusTone('severity', bug.severity.key)}>{bug.severity.label}</Badge>
            <StatusBadge domain="bug" status={bug.status.key} label={bug.status.label} />
          </>
        }
      />
      <Card aria-labelledby="bug-details" className="max-w-3xl">
        <CardHeading id="bug-details" title="Details" />
        <CardBody className="space-y-4 text-sm">
          {bug.description && <p className="whitespace-pre-line leading-relaxed">{bug.description}</p>}
          <dl className="grid grid-cols-[10rem_1fr] gap-x-3 gap-y-1.5">
            <dt className="text-muted-foreground">Feature</dt>
            <dd>
              <EntityLink kind="feature" id={bug.feature.id}>
                {bug.feature.name}
              </EntityLink>{' '}
              <span className="font-mono text-xs text-muted-foreground">v{bug.featureVersion}</span>
            </dd>
            <dt className="text-muted-foreground">Product</dt>
            <dd>
              <EntityLink kind="product" id={bug.product.id}>
                {bug.product.name}
              </EntityLink>
            </dd>
            <dt className="text-muted-foreground">Fix</dt>
            <dd>
              {bug.fixCr ? (
                <span className="flex flex-wrap items-center gap-2">
                  <EntityLink kind="cr" id={bug.fixCr.id} variant="mono" />
                  <span>{bug.fixCr.title}</span>
                  <StatusBadge domain="cr" status={bug.fixCr.status.key} label={bug.fixCr.status.label} />
                </span>
              ) : (
                'No change request fixes it yet.'
              )}
            </dd>
            <dt className="text-muted-foreground">Fixed in</dt>
            <dd>{bug.fixedInVersion ?? '—'}</dd>
            <dt className="text-muted-foreground">Reported by</dt>
            <dd>{bug.reportedBy ?? '—'}</dd>
            <dt className="text-muted-foreground">Assigned to</dt>
            <dd>{bug.assignedTo ?? 'Nobody yet'}</dd>
            <dt className="text-muted-foreground">Reported</dt>
            <dd>{day(bug.createdAt)}</dd>
            <dt className="text-muted-foreground">Resolved</dt>
            <dd>{bug.resolvedAt ? day(bug.resolvedAt) : '—'}</dd>
          </dl>
        </CardBody>
      </Card>
    </div>
  );
}
