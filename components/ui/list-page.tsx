import type { ReactNode } from 'react';

import { LiveRefresh } from '@/components/live/live-refresh';
import { cn } from '@/lib/utils';

interface TitleProps {
  title: ReactNode;
  /** The line under the title: what the page shows. */
  summary?: ReactNode;
  summaryTestId?: string;
  /** What can be done from the page, at the right of its title. */
  actions?: ReactNode;
  /** Where the actions sit against the title: level with its top, or with its summary's last line. */
  align?: 'start' | 'end';
}

/** A page's title and the line about it, with the page's actions beside them. */
export function PageTitle({ title, summary, summaryTestId, actions, align = 'start' }: TitleProps) {
  const heading = (
    <div>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      {summary && (
        <p className="text-sm text-muted-foreground" data-testid={summaryTestId}>
          {summary}
        </p>
      )}
    </div>
  );
  if (actions === undefined) return heading;
  return (
    <div className={cn('flex flex-wrap justify-between', align === 'end' ? 'items-end gap-3' : 'items-start gap-4')}>
      {heading}
      {actions}
    </div>
  );
}

/** A top-level page: live on its topics, its title, then what it lists. */
export function ListPage({ live, children, ...title }: TitleProps & { live?: readonly string[]; children?: ReactNode }) {
  return (
    <div className="space-y-6">
      {live && <LiveRefresh on={live} />}
      <PageTitle {...title} />
      {children}
    </div>
  );
}
