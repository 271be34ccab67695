'use client';

import { usePathname } from 'next/navigation';

import { Suspense } from 'react';

import { Link } from '@/components/ui/link';
import { SavedViewsNav } from '@/components/views/saved-views-nav';

import { navItems } from './nav-items';

export function SidebarNav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();

  return (
    <>
      <nav aria-label="Areas" className="flex flex-col gap-0.5 text-sm">
        {navItems.map(({ label, Icon, href }) => {
          if (!href) {
            return (
              <span
                key={label}
                aria-disabled="true"
                title={`${label}: not built yet`}
                className="flex cursor-default items-center gap-3 rounded-md px-3 py-2 text-muted-foreground/60"
              >
                <Icon className="size-4" aria-hidden />
                <span className="flex-1">{label}</span>
                <span className="text-[10px] uppercase tracking-wide">soon</span>
              </span>
            );
          }
          const active = href === '/' ? pathname === '/' : pathname.startsWith(href);
          return (
            <Link
              key={label}
              href={href}
              onClick={onNavigate}
              aria-current={active ? 'page' : undefined}
              className={`flex items-center gap-3 rounded-md px-3 py-2 font-medium transition-colors focus-visible:outline-2 focus-visible:outline-primary ${
                active ? 'bg-accent text-foreground' : 'text-muted-foreground hover:bg-muted hover:text-foreground'
              }`}
            >
              <Icon className="size-4" aria-hidden />
              {label}
            </Link>
          );
        })}
      </nav>
      {/* Reads the address bar's query (useSearchParams), so it waits for the client. */}
      <Suspense fallback={null}>
        <SavedViewsNav onNavigate={onNavigate} />
      </Suspense>
    </>
  );
}
