import type { ReactNode } from 'react';

import { AppShell } from '@/components/shell/app-shell';
import { requireMember } from '@/lib/auth/current-member';
import { readMyInboxCount } from '@/lib/inbox/read';
import { getCurrentOrganisation } from '@/lib/organisations/current-organisation';
import { listSavedViews } from '@/lib/saved-views/saved-views';

import { switchOrganisation } from './actions';
import { countInboxUnread } from './inbox/actions';

// Every page reads the database at request time, never at build time.
export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  const organisation = await getCurrentOrganisation();
  // The header's count never takes the page down: without it the bell says it could not be read.
  const unread = await readMyInboxCount(member).catch(() => null);
  // Likewise the sidebar's saved views: without them it lists none.
  const views = await listSavedViews(member).catch(() => []);
  return (
    <AppShell
      organisation={organisation}
      organisations={member.organisations}
      user={{ name: member.name, email: member.email, role: member.role }}
      switchOrganisation={switchOrganisation}
      inbox={{ unread, countUnread: countInboxUnread }}
      views={views}
    >
      {children}
    </AppShell>
  );
}
