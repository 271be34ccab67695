import type { ComponentProps, ReactNode } from 'react';

import { cn } from '@/lib/utils';

/** A row of figures at the top of a page: two to a row on a phone, four on a wide screen. */
export function StatTiles({ className, ...props }: ComponentProps<'dl'>) {
  return <dl className={cn('grid grid-cols-2 gap-3 lg:grid-cols-4', className)} {...props} />;
}

/** One figure: its label, then its value (`StatValue`) and whatever explains it. */
export function StatTile({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <div className="rounded-xl border border-border bg-surface px-4 py-3 shadow-sm">
      <dt className="text-xs text-muted-foreground">{label}</dt>
      {children}
    </div>
  );
}

/** A figure's value: large for a number, smaller for a name or an age; red when it needs attention. */
export function StatValue({ size = 'xl', alert = false, className, ...props }: ComponentProps<'dd'> & { size?: 'lg' | 'xl'; alert?: boolean }) {
  return (
    <dd className={cn('font-semibold', size === 'xl' ? 'text-2xl tabular-nums' : 'text-lg', alert && 'text-red-600 dark:text-red-400', className)} {...props} />
  );
}
