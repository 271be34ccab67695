import type { ReactNode } from 'react';

import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/list-page';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

import { cn } from '@/lib/utils';

const TABS = [
  { key: 'phases', label: 'Phases', href: '/roadmap' },
  { key: 'queues', label: 'Ready and blocked', href: '/roadmap/queues' },
  { key: 'graph', label: 'Dependency graph', href: '/roadmap/graph' },
  { key: 'waves', label: 'Waves', href: '/roadmap/waves' },
] as const;

export type RoadmapTab = (typeof TABS)[number]['key'];

/** The roadmap's views, as tabs under the page title. */
export function RoadmapNav({ current }: { current: RoadmapTab }) {
  return (
    <nav aria-label="Roadmap views" className="flex flex-wrap gap-1 border-b border-border">
      {TABS.map((tab) => (
        <Link
          key={tab.key}
          href={tab.href}
          aria-current={tab.key === current ? 'page' : undefined}
          className={cn(
            '-mb-px border-b-2 px-3 py-2 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-primary',
            tab.key === current ? 'border-primary text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}

function RoadmapHeader({ title, description, current }: { title: string; description: string; current: RoadmapTab }) {
  return (
    <div className="space-y-3">
      <PageTitle title={title} summary={description} />
      <RoadmapNav current={current} />
    </div>
  );
}

/** A roadmap view: its heading and the roadmap's tabs above `children`, refreshed when the roadmap changes. */
export function RoadmapView({ children, ...header }: { title: string; description: string; current: RoadmapTab; children: ReactNode }) {
  return (
    <div className="space-y-5">
      <LiveRefresh on={LIVE.roadmap} />
      <RoadmapHeader {...header} />
      {children}
    </div>
  );
}
