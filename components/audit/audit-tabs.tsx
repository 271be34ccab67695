import { ShieldAlert } from 'lucide-react';
import Link from 'next/link';
import type { ReactNode } from 'react';

import { EmptyState } from '@/components/ui/empty-state';

const TABS = [
  { href: '/audit', label: 'Audit log', key: 'log' },
  { href: '/audit/decisions', label: 'Decisions', key: 'decisions' },
] as const;

/** The two logs side by side: what changed, and what was decided. */
export function AuditTabs({ current }: { current: 'log' | 'decisions' }) {
  return (
    <nav aria-label="Logs" className="flex gap-2 text-sm">
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={current === t.key ? 'page' : undefined}
          className="rounded-full border border-border px-3 py-1 hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}

/** The heading both logs share: the title, what the log holds, and the tabs. */
export function AuditHeading({ current, description }: { current: 'log' | 'decisions'; description: string }) {
  return (
    <div className="space-y-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Audit</h1>
        <p className="text-sm text-muted-foreground">{description}</p>
      </div>
      <AuditTabs current={current} />
    </div>
  );
}

/** A log that is not shown, and why: the role may not read it, or the link's filters are not ones Gantry reads. */
export function AuditRefusal({ heading, title, children }: { heading: ReactNode; title: string; children: ReactNode }) {
  return (
    <div className="space-y-6">
      {heading}
      <EmptyState Icon={ShieldAlert} title={title}>
        {children}
      </EmptyState>
    </div>
  );
}
