import type { ReactNode } from 'react';

import { AppShell } from '@/components/shell/app-shell';
import { getCurrentOrganisation } from '@/lib/tenancy/current-organisation';

// Every page reads the database at request time, never at build time.
export const dynamic = 'force-dynamic';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const organisation = await getCurrentOrganisation();
  return <AppShell organisationName={organisation?.name ?? null}>{children}</AppShell>;
}
