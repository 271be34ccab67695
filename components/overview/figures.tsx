import { Boxes, CalendarClock, FolderKanban, Puzzle } from 'lucide-react';

import { Dot } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { statusTone } from '@/components/ui/status';
import type { Overview } from '@/lib/portfolio/overview';

export function Figures({ figures }: { figures: Overview['figures'] }) {
  const items = [
    { label: 'Programs', value: figures.programs, Icon: FolderKanban, testId: 'figure-programs' },
    { label: 'Products', value: figures.products, Icon: Boxes, testId: 'figure-products' },
    { label: 'Features', value: figures.features, Icon: Puzzle, testId: 'figure-features' },
    { label: 'Upcoming releases', value: figures.upcomingReleases, Icon: CalendarClock, testId: 'figure-upcoming-releases' },
  ];
  return (
    <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      {items.map(({ label, value, Icon, testId }) => (
        <Card key={label} className="px-4 py-4">
          <div className="flex items-center justify-between text-sm text-muted-foreground">
            {label}
            <Icon className="size-4" aria-hidden />
          </div>
          <p className="mt-2 text-3xl font-semibold tabular-nums tracking-tight" data-testid={testId}>
            {value}
          </p>
          {label === 'Features' && figures.featuresByStatus.length > 0 && (
            <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground" aria-label="Features by status">
              {figures.featuresByStatus.map((s) => (
                <li key={s.key} className="flex items-center gap-1.5">
                  <Dot tone={statusTone('feature', s.key)} />
                  {s.label} <span className="tabular-nums text-foreground">{s.count}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ))}
    </div>
  );
}
