import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

import { Card, CardHeading } from '@/components/ui/card';

/** A titled card of a detail page, with what to say when it is empty. */
export function Section({
  Icon,
  title,
  summary,
  empty,
  children,
  testId,
  action,
}: {
  Icon: LucideIcon;
  title: string;
  summary?: ReactNode;
  empty?: string | false;
  children?: ReactNode;
  testId?: string;
  action?: ReactNode;
}) {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <Card aria-labelledby={id} data-testid={testId}>
      <CardHeading icon={Icon} id={id} title={title} description={summary} className="items-center">
        {action}
      </CardHeading>
      {empty ? <p className="px-5 py-4 text-sm text-muted-foreground">{empty}</p> : children}
    </Card>
  );
}

export const instant = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
