import type { ReactNode } from 'react';

import type { OrganisationChoice } from '@/lib/auth/identity';
import type { Role } from '@/lib/organisations/permissions';

import { InboxBell, type CountInboxUnread } from '@/components/inbox/inbox-bell';
import { LiveIndicator } from '@/components/live/live-indicator';
import { LiveProvider } from '@/components/live/live-provider';
import { SavedViewsProvider } from '@/components/views/saved-views-context';
import type { SavedViewItem } from '@/lib/saved-views/saved-views';

import { Brand } from './brand';
import { CommandCenter } from './command-center';
import { MobileNav } from './mobile-nav';
import { OrganisationSwitcher, type SwitchOrganisation } from './organisation-switcher';
import { SidebarNav } from './sidebar-nav';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export interface ShellProps {
  organisation: { id: string; name: string };
  organisations: OrganisationChoice[];
  user: { name: string; email: string; role: Role };
  switchOrganisation: SwitchOrganisation;
  /** The header's inbox: the unread count read with the page (null: it could not be read), and how to read it again. */
  inbox: { unread: number | null; countUnread: CountInboxUnread };
  /** The organisation's saved views, for the sidebar's "Views". */
  views: SavedViewItem[];
  children: ReactNode;
}

export function AppShell({ organisation, organisations, user, switchOrganisation, inbox, views, children }: ShellProps) {
  return (
    <LiveProvider>
      <SavedViewsProvider views={views}>
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
              <OrganisationSwitcher current={organisation} organisations={organisations} switchOrganisation={switchOrganisation} />
              <div className="ml-auto flex items-center gap-3">
                <CommandCenter organisation={organisation} organisations={organisations} switchOrganisation={switchOrganisation} role={user.role} />
                <LiveIndicator />
                <InboxBell initial={inbox.unread} countUnread={inbox.countUnread} />
                <ThemeToggle />
                <UserMenu user={user} organisationName={organisation.name} />
              </div>
            </header>
            <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6 md:px-8 md:py-8">{children}</main>
          </div>
        </div>
      </SavedViewsProvider>
    </LiveProvider>
  );
}
