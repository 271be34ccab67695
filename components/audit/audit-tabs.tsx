import { ShieldAlert } from 'lucide-react';
import type { ReactNode } from 'react';

import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/list-page';
import { EmptyState } from '@/components/ui/empty-state';
import { ROLE_LABELS, type Role } from '@/lib/organisations/permissions';

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
      <PageTitle title="Audit" summary={description} />
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

/** The log refused to a role that may not read it: owners, managers and reviewers may (permission audit:read). */
export function AuditRoleRefusal({ heading, role, log }: { heading: ReactNode; role: Role; log: string }) {
  return (
    <AuditRefusal heading={heading} title="Not for your role">
      Your role ({ROLE_LABELS[role]}) may not read the {log}; owners, managers and reviewers may.
    </AuditRefusal>
  );
}
