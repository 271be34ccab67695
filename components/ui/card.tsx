import type { LucideIcon } from 'lucide-react';
import type { ComponentProps, ReactNode } from 'react';

import { cn } from '@/lib/utils';

export function Card({ className, ...props }: ComponentProps<'section'>) {
  return <section className={cn('rounded-xl border border-border bg-surface shadow-sm', className)} {...props} />;
}

export function CardHeader({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('flex items-start gap-3 border-b border-border px-5 py-4', className)} {...props} />;
}

/**
 * A card's usual header: an icon, the heading (its `id` labels the card), a line of context, and
 * controls at the end (`children`).
 */
export function CardHeading({
  icon: Icon,
  id,
  title,
  description,
  children,
  className,
}: {
  icon?: LucideIcon;
  id?: string;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <CardHeader className={className}>
      {Icon && <Icon className="mt-0.5 size-4 text-muted-foreground" aria-hidden />}
      <div className="min-w-0 flex-1">
        <h2 id={id} className="font-semibold">
          {title}
        </h2>
        {description && <p className="text-sm text-muted-foreground">{description}</p>}
      </div>
      {children}
    </CardHeader>
  );
}

export function CardBody({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('px-5 py-4', className)} {...props} />;
}

/**
 * A card under a CardHeading whose heading (`headingId`) labels it, so that it is a named region;
 * `actions` stand at the heading's end.
 */
export function HeadedCard({
  headingId,
  icon,
  title,
  description,
  actions,
  children,
  ...section
}: Omit<ComponentProps<'section'>, 'title'> & {
  headingId: string;
  icon?: LucideIcon;
  title: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Card aria-labelledby={headingId} {...section}>
      <CardHeading icon={icon} id={headingId} title={title} description={description}>
        {actions}
      </CardHeading>
      {children}
    </Card>
  );
}
