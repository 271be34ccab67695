import { redirect } from 'next/navigation';

import { AuthPanel } from '@/components/auth/auth-panel';
import { FirstAdminForm } from '@/components/auth/first-admin-form';
import { getSetupState } from '@/lib/auth/first-admin';

import { createFirstAdmin } from './actions';

export const metadata = { title: 'Create the first admin' };

export default async function SetupPage() {
  const { open, demoOrganisationName } = await getSetupState();
  if (!open) redirect('/sign-in');

  return (
    <AuthPanel
      title="Welcome to Gantry"
      description={
        demoOrganisationName ? (
          <>
            This instance has no account yet. Create the first one: it becomes the owner of{' '}
            <strong className="font-medium text-foreground">{demoOrganisationName}</strong>, the demo organisation, which holds the demo data.
          </>
        ) : (
          'This instance has no account yet. Create the first one: it becomes the owner of a new organisation.'
        )
      }
    >
      <FirstAdminForm action={createFirstAdmin} demoOrganisationName={demoOrganisationName} />
    </AuthPanel>
  );
}
