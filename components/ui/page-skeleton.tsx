import type { ReactNode } from 'react';

import { cn } from '@/lib/utils';

import { Skeleton } from './skeleton';

/** A page's loading state: announced to screen readers, a title, then the page's own shapes. */
export function PageSkeleton({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <div className={cn('space-y-6', className)} aria-busy="true" aria-live="polite">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-8 w-40" />
      {children}
    </div>
  );
}

/** `count` skeletons of one shape. */
export function Skeletons({ count, className }: { count: number; className?: string }) {
  return Array.from({ length: count }, (_, i) => <Skeleton key={i} className={className} />);
}

/** A list's loading shape: `count` rows of one height, stacked. */
export function SkeletonRows({ count, className }: { count: number; className?: string }) {
  return (
    <div className="space-y-2">
      <Skeletons count={count} className={className} />
    </div>
  );
}

/** The loading state of a page that is one list: the inbox, a project's actions. */
export function RowsSkeleton({ label, count, className }: { label: string; count: number; className?: string }) {
  return (
    <PageSkeleton label={label}>
      <SkeletonRows count={count} className={className} />
    </PageSkeleton>
  );
}

/** The loading state of a page with a title, a row of figures and a list: builders, a builder, a task. */
export function FiguresAndRowsSkeleton({ label }: { label: string }) {
  return (
    <PageSkeleton label={label}>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Skeletons count={4} className="h-20" />
      </div>
      <SkeletonRows count={6} className="h-12" />
    </PageSkeleton>
  );
}

/** The loading state of a page with a bar of filters or a banner above two large sections: releases, a release. */
export function BarAndSectionsSkeleton({ label }: { label: string }) {
  return (
    <PageSkeleton label={label}>
      <Skeleton className="h-10 w-full max-w-3xl" />
      <Skeleton className="h-96" />
      <Skeleton className="h-72" />
    </PageSkeleton>
  );
}
