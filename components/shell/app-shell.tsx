import { Building2, UserRound } from 'lucide-react';
import type { ReactNode } from 'react';

import { Brand } from './brand';
import { MobileNav } from './mobile-nav';
import { SidebarNav } from './sidebar-nav';
import { ThemeToggle } from './theme-toggle';

export function AppShell({ organisationName, children }: { organisationName: string | null; children: ReactNode }) {
  return (
    <div className="flex min-h-dvh">
      <aside className="hidden w-60 shrink-0 border-r border-border bg-surface md:block">
        <div className="sticky top-0 flex h-dvh flex-col gap-6 py-5">
          <Brand />
          <div className="px-2">
            <SidebarNav />
          </div>
          <p className="mt-auto px-5 text-xs leading-relaxed text-muted-foreground">
            Agents do the work; Gantry shows the plan, holds the gates and keeps the receipts.
          </p>
        </div>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-3 border-b border-border bg-background/85 px-4 backdrop-blur md:px-8">
          <MobileNav />
          <div className="flex min-w-0 items-center gap-2 text-sm" data-testid="current-organisation">
            <Building2 className="size-4 shrink-0 text-muted-foreground" aria-hidden />
            <span className="sr-only">Organisation:</span>
            <span className="truncate font-medium">{organisationName ?? 'No organisation yet'}</span>
          </div>
          <div className="ml-auto flex items-center gap-3">
            <ThemeToggle />
            <div
              className="flex items-center gap-2 rounded-full border border-border bg-surface py-1 pl-1 pr-3 text-sm"
              data-testid="current-user"
              title="Accounts and sign-in are not set up on this instance yet"
            >
              <span className="grid size-6 place-items-center rounded-full bg-muted">
                <UserRound className="size-3.5 text-muted-foreground" aria-hidden />
              </span>
              <span className="text-muted-foreground">Guest</span>
            </div>
          </div>
        </header>
        <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
      </div>
    </div>
  );
}
