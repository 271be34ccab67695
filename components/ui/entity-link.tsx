import type { ReactNode } from 'react';

import { Link } from './link';

import { entityHref, type EntityKind, type WaveRef } from '@/lib/links/entity-href';
import { cn } from '@/lib/utils';

type Target = { kind: Exclude<EntityKind, 'wave'>; id: string } | { kind: 'wave'; id: WaveRef };

type Props = Target & {
  /** What the link says; the id (in mono) when left out. */
  children?: ReactNode;
  className?: string;
  /** `subtle`: reads as text until hovered (inside dense lists); `plain`: the page's link colour. */
  variant?: 'plain' | 'subtle' | 'mono';
  title?: string;
  'data-testid'?: string;
};

/**
 * Every id and name in Gantry is a link to its page, through this one component: the kind and
 * the id make the address (lib/links/entity-href.ts).
 */
export function EntityLink({ kind, id, children, className, variant = 'plain', title, ...rest }: Props) {
  const href = kind === 'wave' ? entityHref('wave', id) : entityHref(kind, id);
  const label = children ?? (kind === 'wave' ? id.waveId : id);
  return (
    <Link
      href={href}
      title={title}
      data-testid={rest['data-testid']}
      data-entity={kind}
      className={cn(
        'rounded-sm underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary',
        variant === 'plain' && 'text-primary',
        variant === 'mono' && 'font-mono text-xs text-primary',
        className,
      )}
    >
      {label}
    </Link>
  );
}
