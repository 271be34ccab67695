import type { ReactNode } from 'react';

import { AppShell } from '@/components/shell/app-shell';
import { requireMember } from '@/lib/auth/current-member';
import { getCurrentOrganisation } from '@/lib/organisations/current-organisation';

import { switchOrganisation } from './actions';

// Every page reads the database at request time, never at build time.
export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requireMember();
  const organisation = await getCurrentOrganisation();
  return (
    <AppShell
      organisation={organisation}
      organisations={member.organisations}
      user={{ name: member.name, email: member.email, role: member.role }}
      switchOrganisation={switchOrganisation}
    >
      {children}
    </AppShell>
  );
}
