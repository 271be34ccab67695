import { KeyRound, UserRound } from 'lucide-react';

import { PageTitle } from '@/components/ui/list-page';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { CardBody, HeadedCard } from '@/components/ui/card';
import { requireMember } from '@/lib/auth/current-member';
import { ROLE_LABELS } from '@/lib/organisations/permissions';

import { changePassword } from './actions';

export const metadata = { title: 'Your account' };

export default async function AccountPage() {
  const member = await requireMember();

  return (
    <div className="space-y-6">
      <PageTitle title="Your account" summary="How you sign in to Gantry, in every organisation you belong to." />
      <div className="max-w-3xl space-y-6">
        <HeadedCard headingId="account-heading" icon={UserRound} title={member.name}>
          <CardBody>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)]">
              <dt className="text-muted-foreground">Email address</dt>
              <dd data-testid="account-email">{member.email}</dd>
              <dt className="text-muted-foreground">Organisations</dt>
              <dd>
                <ul>
                  {member.organisations.map((o) => (
                    <li key={o.id}>
                      {o.name} <span className="text-muted-foreground">({ROLE_LABELS[o.role].toLowerCase()})</span>
                    </li>
                  ))}
                </ul>
              </dd>
            </dl>
          </CardBody>
        </HeadedCard>
        <HeadedCard
          headingId="password-heading"
          icon={KeyRound}
          title="Password"
          description="Changing it signs you out everywhere else; this browser stays signed in."
        >
          <CardBody>
            <ChangePasswordForm changePassword={changePassword} />
          </CardBody>
        </HeadedCard>
      </div>
    </div>
  );
}
