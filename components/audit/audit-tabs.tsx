import Link from 'next/link';

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
