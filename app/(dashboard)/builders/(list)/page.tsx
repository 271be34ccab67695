import { Bot, Timer } from 'lucide-react';

import { BuilderTable } from '@/components/builders/builder-table';
import { ListActions } from '@/components/exports/list-actions';
import { StallThresholdForm } from '@/components/builders/stall-threshold-form';
import { Card, CardBody, HeadedCard } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { StatTile, StatTiles, StatValue } from '@/components/ui/stat-tile';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { getFleet } from '@/lib/foreman/fleet';

import { updateStallThreshold } from '../actions';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Builders' };

export default async function BuildersPage() {
  const member = await requireMember();
  const fleet = await getFleet(member);
  const now = fleet.asOf;
  const stalled = fleet.builders.filter((b) => b.stalled).length;
  const active = fleet.builders.filter((b) => b.state === 'active').length;
  const figures = [
    { label: 'Builders', value: fleet.builders.length },
    { label: 'Active', value: active },
    { label: 'Stalled', value: stalled, alert: stalled > 0 },
    { label: 'Stall threshold', value: `${fleet.stallThresholdSeconds} s` },
  ];

  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.builders} />
      <div>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-semibold tracking-tight">Builders</h1>
          <ListActions exportHref={fleet.builders.length ? '/api/export/builders' : null} />
        </div>
        <p className="text-sm text-muted-foreground">
          Every builder agent: where it runs, what it works on, and when it last sent a heartbeat. A builder silent past the stall threshold is stalled, and a
          builder stall blocker is raised on its task.
        </p>
      </div>
      <StatTiles data-testid="builder-figures">
        {figures.map((f) => (
          <StatTile key={f.label} label={f.label}>
            <StatValue alert={f.alert}>{f.value}</StatValue>
          </StatTile>
        ))}
      </StatTiles>
      {fleet.builders.length === 0 ? (
        <EmptyState Icon={Bot} title="No builders yet">
          Builders are the agents that take tasks. Once one is registered, its heartbeats show here.
        </EmptyState>
      ) : (
        <Card>
          <BuilderTable builders={fleet.builders} now={now} stallThresholdSeconds={fleet.stallThresholdSeconds} />
        </Card>
      )}
      <HeadedCard
        headingId="stall-heading"
        className="max-w-3xl"
        icon={Timer}
        title="Stall detection"
        description="Every 30 s each Gantry server checks for builders silent longer than the threshold while they hold a task, and raises one builder stall blocker per stall on that task."
      >
        <CardBody>
          {can(member.role, 'organisation:configure') ? (
            <StallThresholdForm organisationId={member.organisationId} seconds={fleet.stallThresholdSeconds} updateStallThreshold={updateStallThreshold} />
          ) : (
            <p className="text-sm">
              A builder silent for more than <strong>{fleet.stallThresholdSeconds} s</strong> is stalled. Owners and managers change this.
            </p>
          )}
        </CardBody>
      </HeadedCard>
    </div>
  );
}
