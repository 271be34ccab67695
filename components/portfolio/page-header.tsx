import type { ReactNode } from 'react';

import { Link } from '@/components/ui/link';

/**
 * The header of an entity's page: where it sits (links up), its kind and id, its name, its
 * badges and a line about it; `actions` is the place for its edit and delete buttons.
 */
export function EntityPageHeader({
  trail,
  kind,
  id,
  title,
  badges,
  children,
  actions,
}: {
  trail: { label: string; href: string }[];
  kind: string;
  id: string;
  title: string;
  badges?: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <header className="space-y-2">
      <nav aria-label="Breadcrumb">
        <ol className="flex flex-wrap items-center gap-1 text-sm text-muted-foreground">
          {trail.map((step) => (
            <li key={step.href} className="flex items-center gap-1 after:content-['/'] after:pl-1 after:text-muted-foreground/60">
              <Link href={step.href} className="hover:text-foreground hover:underline">
                {step.label}
              </Link>
            </li>
          ))}
        </ol>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1.5">
          <p className="text-xs font-medium uppercase tracking-wide text-muted-foreground">
            {kind} · <span className="font-mono normal-case">{id}</span>
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
          {badges && <div className="flex flex-wrap items-center gap-1.5">{badges}</div>}
          {children && <div className="max-w-3xl text-sm text-muted-foreground">{children}</div>}
        </div>
        {actions && (
          <div className="flex min-w-0 flex-wrap items-center gap-2" data-testid="page-actions">
            {actions}
          </div>
        )}
      </div>
    </header>
  );
}
