import { Bot, CalendarX, Hourglass, OctagonAlert, UserRound, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

import { formatAge, formatSeconds } from '@/components/blockers/format';
import { VerdictBadge } from '@/components/releases/verdict-badge';
import { Badge } from '@/components/ui/badge';
import { HeadedCard } from '@/components/ui/card';
import { EntityLink } from '@/components/ui/entity-link';
import { Link } from '@/components/ui/link';
import { StatusBadge, type StatusDomain } from '@/components/ui/status';
import { kindLabel } from '@/lib/blockers/kinds';
import { ENTITY_NOUNS } from '@/lib/links/entity-href';
import type { Attention, AttentionList } from '@/lib/portfolio/attention';

import { relativeDay } from './dates';

/** "Needs attention": each line leads to the page where it is dealt with. */
export function NeedsAttention({ attention, today }: { attention: Attention; today: string }) {
  const { blockers, stalledBuilders, releases, waiting, mine } = attention;
  const nothing = [blockers, stalledBuilders, releases, waiting, mine].every((list) => list.total === 0);
  return (
    <HeadedCard
      headingId="attention-heading"
      data-testid="needs-attention"
      icon={OctagonAlert}
      title="Needs attention"
      description="Each line leads to where it is dealt with."
    >
      {nothing ? (
        <p className="px-5 py-6 text-sm text-muted-foreground">Nothing is blocked, stalled or waiting, and no open work is assigned to you.</p>
      ) : (
        <div className="divide-y divide-border">
          <Part
            Icon={OctagonAlert}
            title="Open blockers, oldest first"
            list={blockers}
            more={{ href: '/blockers', label: 'the blocker desk' }}
            testId="attention-blockers"
          >
            {blockers.items.map((b) => (
              <Line key={b.id}>
                <Badge tone={b.severity === 'blocking' ? 'red' : 'amber'}>{kindLabel(b.kind)}</Badge>
                <EntityLink kind="blocker" id={b.id} variant="subtle" className="min-w-0 flex-1 truncate">
                  {b.title}
                </EntityLink>
                <span className="shrink-0 text-xs text-muted-foreground">open {formatAge(b.detectedAt, attention.asOf)}</span>
              </Line>
            ))}
          </Part>
          <Part Icon={Bot} title="Stalled builders" list={stalledBuilders} more={{ href: '/builders', label: 'every builder' }} testId="attention-stalled">
            {stalledBuilders.items.map((b) => (
              <Line key={b.builderId}>
                <EntityLink kind="builder" id={b.builderId} className="font-medium" />
                <span className="min-w-0 flex-1 truncate text-xs text-muted-foreground">{b.currentTask ? `on ${b.currentTask.name}` : ''}</span>
                <span className="shrink-0 text-xs text-muted-foreground">silent {formatSeconds(b.silentSeconds)}</span>
              </Line>
            ))}
          </Part>
          <Part Icon={CalendarX} title="Releases not ready" list={releases} more={{ href: '/releases', label: 'every release' }} testId="attention-releases">
            {releases.items.map((r) => (
              <Line key={r.id}>
                <span className="min-w-0 flex-1">
                  <EntityLink kind="release" id={r.id} variant="subtle" className="font-medium">
                    {r.product.name} {r.name}
                  </EntityLink>
                  <span className="block truncate text-xs text-muted-foreground" title={r.verdict.summary}>
                    {r.verdict.summary}
                  </span>
                </span>
                <VerdictBadge verdict={r.verdict} />
                {r.targetDate && <span className="shrink-0 text-xs text-muted-foreground">{relativeDay(r.targetDate, today)}</span>}
              </Line>
            ))}
          </Part>
          <Part
            Icon={Hourglass}
            title="Waiting on dependencies"
            list={waiting}
            more={{ href: '/roadmap/queues', label: 'the roadmap queues' }}
            testId="attention-waiting"
          >
            {waiting.items.map((w) => (
              <Line key={w.id}>
                <EntityLink kind="roadmap" id={w.id} variant="subtle" className="min-w-0 flex-1 truncate">
                  {w.title}
                </EntityLink>
                <span className="shrink-0 text-xs text-muted-foreground">
                  waits on{' '}
                  {w.waitsOn.slice(0, 2).map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <EntityLink kind="roadmap" id={id} variant="mono" />
                    </span>
                  ))}
                  {w.waitsOn.length > 2 && ` +${w.waitsOn.length - 2}`}
                </span>
              </Line>
            ))}
          </Part>
          <Part Icon={UserRound} title="Assigned to me" list={mine} more={{ href: '/board', label: 'the board' }} testId="attention-mine">
            {mine.items.map((m) => (
              <Line key={`${m.kind}-${m.id}`}>
                <span className="sr-only">{ENTITY_NOUNS[m.kind]}</span>
                <EntityLink kind={m.kind} id={m.id} variant="subtle" className="min-w-0 flex-1 truncate">
                  {m.title}
                </EntityLink>
                <StatusBadge domain={STATUS_DOMAIN[m.kind]} status={m.status.key} label={m.status.label} />
              </Line>
            ))}
          </Part>
        </div>
      )}
    </HeadedCard>
  );
}

const STATUS_DOMAIN: Record<'cr' | 'roadmap' | 'bug', StatusDomain> = { cr: 'cr', roadmap: 'roadmap', bug: 'bug' };

function Part<T>({
  Icon,
  title,
  list,
  more,
  testId,
  children,
}: {
  Icon: LucideIcon;
  title: string;
  list: AttentionList<T>;
  more: { href: string; label: string };
  testId: string;
  children: ReactNode;
}) {
  if (list.total === 0) return null;
  const id = `${testId}-heading`;
  return (
    <section aria-labelledby={id} className="px-5 py-3" data-testid={testId}>
      <h3 id={id} className="mb-1.5 flex items-center gap-2 text-xs font-medium uppercase tracking-wide text-muted-foreground">
        <Icon className="size-3.5" aria-hidden />
        {title}
        <span className="tabular-nums text-foreground">{list.total >= 100 ? '100+' : list.total}</span>
      </h3>
      <ul className="space-y-1">{children}</ul>
      {list.total > list.items.length && (
        <p className="mt-1 text-xs">
          <Link href={more.href} className="text-primary hover:underline">
            See all in {more.label}
          </Link>
        </p>
      )}
    </section>
  );
}

function Line({ children }: { children: ReactNode }) {
  return <li className="flex items-center gap-2 text-sm">{children}</li>;
}
