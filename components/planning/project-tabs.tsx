'use client';

import { usePathname } from 'next/navigation';

import { Link } from '@/components/ui/link';
import { cn } from '@/lib/utils';

const TABS = [
  { label: 'Story map', path: '' },
  { label: 'Actions', path: '/actions' },
  { label: 'Runs', path: '/runs' },
  { label: 'Memory', path: '/memory' },
  { label: 'Policy', path: '/policy' },
] as const;

/** The tabs of a planning project's pages; the story map's tab stays current on a card's page. */
export function ProjectTabs({ projectId }: { projectId: string }) {
  const pathname = usePathname();
  const base = `/planning/${projectId}`;
  const current = (path: string) => (path === '' ? pathname === base || pathname.startsWith(`${base}/cards`) : pathname.startsWith(`${base}${path}`));
  return (
    <nav aria-label="Project" className="-mx-1 overflow-x-auto border-b border-border">
      <ul className="flex gap-1 px-1">
        {TABS.map((tab) => (
          <li key={tab.label}>
            <Link
              href={`${base}${tab.path}`}
              aria-current={current(tab.path) ? 'page' : undefined}
              className={cn(
                '-mb-px inline-flex h-9 items-center whitespace-nowrap border-b-2 px-3 text-sm',
                current(tab.path) ? 'border-primary font-medium text-foreground' : 'border-transparent text-muted-foreground hover:text-foreground',
              )}
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
