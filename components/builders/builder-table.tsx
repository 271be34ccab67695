import { LiveAge } from '@/components/live/live-age';
import { Badge } from '@/components/ui/badge';
import { EntityLink } from '@/components/ui/entity-link';
import { Progress } from '@/components/ui/progress';
import { StatusBadge } from '@/components/ui/status';
import type { BuilderSummary } from '@/lib/foreman/fleet';

import { instant } from './section';
import { Sparkline } from './sparkline';

const COLUMNS = ['Builder', 'Backend', 'State', 'Current task', 'Progress', 'Last heartbeat', 'Last 24 h'] as const;

/** Every builder, one row each: what it is, where it runs, what it does and when it last spoke (the age counts on, red past the stall threshold). */
export function BuilderTable({ builders, now, stallThresholdSeconds }: { builders: BuilderSummary[]; now: number; stallThresholdSeconds?: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" data-testid="builders">
        <thead className="bg-muted/60 text-left text-xs uppercase tracking-wide text-muted-foreground">
          <tr>
            {COLUMNS.map((column) => (
              <th key={column} scope="col" className="px-3 py-2 font-medium">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {builders.map((b) => (
            <tr key={b.builderId} className="align-middle hover:bg-muted/30" data-testid={`builder-${b.builderId}`}>
              <td className="px-3 py-2.5">
                <EntityLink kind="builder" id={b.builderId} className="font-medium" />
                <span className="block text-xs text-muted-foreground">
                  {b.type}
                  {b.model ? ` · ${b.model}` : ''}
                </span>
              </td>
              <td className="px-3 py-2.5">
                <Badge>{b.backend}</Badge>
              </td>
              <td className="px-3 py-2.5">
                <span className="flex flex-wrap gap-1">
                  <StatusBadge domain="builder" status={b.state} />
                  {b.stalled && <Badge tone="red">Stalled</Badge>}
                </span>
              </td>
              <td className="px-3 py-2.5">
                {b.currentTask ? (
                  <EntityLink kind="task" id={b.currentTask.id}>
                    {b.currentTask.name}
                  </EntityLink>
                ) : (
                  <span className="text-muted-foreground">—</span>
                )}
              </td>
              <td className="w-36 px-3 py-2.5">
                {b.progress === null ? (
                  <span className="text-muted-foreground">—</span>
                ) : (
                  <div className="flex items-center gap-2">
                    <Progress value={b.progress} label={`${b.builderId} progress`} className="w-20" />
                    <span className="tabular-nums text-xs">{b.progress}%</span>
                  </div>
                )}
              </td>
              <td className="px-3 py-2.5">
                <LiveAge
                  since={b.lastHeartbeat.toISOString()}
                  now={now}
                  staleAfterSeconds={b.currentTask ? stallThresholdSeconds : undefined}
                  title={instant(b.lastHeartbeat)}
                  className={b.stalled ? 'font-medium text-red-700 dark:text-red-300' : undefined}
                />
                {b.lastMessage && <span className="block max-w-56 truncate text-xs text-muted-foreground">{b.lastMessage}</span>}
              </td>
              <td className="px-3 py-2.5">
                <Sparkline values={b.beatsPerHour} label={`Heartbeats of ${b.builderId}`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
