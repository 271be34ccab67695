import { CalendarClock } from 'lucide-react';

import { VerdictBadge } from '@/components/releases/verdict-badge';
import { HeadedCard } from '@/components/ui/card';
import { EntityLink } from '@/components/ui/entity-link';
import { StatusBadge } from '@/components/ui/status';
import type { UpcomingRelease } from '@/lib/portfolio/overview';

import { formatDay, relativeDay } from './dates';

export function UpcomingReleases({ releases, today }: { releases: UpcomingRelease[]; today: string }) {
  return (
    <HeadedCard headingId="upcoming-heading" icon={CalendarClock} title="Upcoming releases">
      {releases.length === 0 ? (
        <p className="px-5 py-6 text-sm text-muted-foreground">No release is planned from today on.</p>
      ) : (
        <ol className="divide-y divide-border" data-testid="upcoming-releases">
          {releases.map((release) => (
            <li key={release.id} className="flex items-start justify-between gap-3 px-5 py-3" data-testid="upcoming-release" data-release-id={release.id}>
              <div className="min-w-0">
                <p className="truncate text-sm font-medium">
                  <EntityLink kind="release" id={release.id} variant="subtle">
                    {release.productName} <span className="text-muted-foreground">{release.name}</span>
                  </EntityLink>
                </p>
                <p className="truncate text-xs text-muted-foreground">
                  {release.programId ? (
                    <EntityLink kind="program" id={release.programId} variant="subtle">
                      {release.programName}
                    </EntityLink>
                  ) : (
                    release.programName
                  )}{' '}
                  · {release.type.label}
                </p>
                <div className="mt-1.5">
                  <VerdictBadge verdict={release.verdict} named />
                </div>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1">
                <StatusBadge domain="release" status={release.status.key} label={release.status.label} />
                {release.targetDate && (
                  <time dateTime={release.targetDate} title={formatDay(release.targetDate)} className="text-xs text-muted-foreground">
                    {relativeDay(release.targetDate, today)}
                  </time>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </HeadedCard>
  );
}
