import type { ReactNode } from 'react';

import { cn } from '@/lib/utils';

/**
 * A list of rows divided by rules: one `<li>` an item, keyed by its id, with what `children`
 * renders of it. `itemClassName` styles every row.
 */
export function DividedList<T extends { id: string | number }>({
  items,
  itemClassName,
  testId,
  className,
  children,
}: {
  items: readonly T[];
  itemClassName?: string;
  testId?: string;
  className?: string;
  children: (item: T) => ReactNode;
}) {
  return (
    <ul className={cn('divide-y divide-border', className)} data-testid={testId}>
      {items.map((item) => (
        <li key={item.id} className={itemClassName}>
          {children(item)}
        </li>
      ))}
    </ul>
  );
}
