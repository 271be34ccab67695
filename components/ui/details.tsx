import type { ReactNode } from 'react';

import { cn } from '@/lib/utils';

/** An entity's facts as a definition list: the labels in a column beside their values. */
export function Details({ className, children }: { className?: string; children: ReactNode }) {
  return <dl className={cn('grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1.5', className)}>{children}</dl>;
}

/** One fact of Details: its label and its value, a dash when there is none. */
export function Detail({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <>
      <dt className="text-muted-foreground">{label}</dt>
      <dd>{children ?? '—'}</dd>
    </>
  );
}
