import { AuthPanel } from '@/components/auth/auth-panel';
import { AcceptInvitationButton, CreateInvitedAccountForm, SignOutHereButton } from '@/components/auth/invitation-forms';
import { Link } from '@/components/ui/link';
import { getCurrentCaller } from '@/lib/auth/current-member';
import { findInvitationByToken, type InvitationState } from '@/lib/organisations/invitations';
import { ROLE_LABELS } from '@/lib/organisations/permissions';

import { acceptInvitation, createInvitedAccount } from '../actions';

export const metadata = { title: 'Invitation', referrer: 'no-referrer' };

const CLOSED: Record<Exclude<InvitationState, 'open'>, { title: string; text: string }> = {
  used: { title: 'This invitation was used', text: 'Someone joined with it already. If it was you, sign in.' },
  revoked: { title: 'This invitation was revoked', text: 'Ask an owner of the organisation for a new one.' },
  expired: { title: 'This invitation has expired', text: 'Invitations work for a week. Ask an owner of the organisation for a new one.' },
};

const signInLink = 'font-medium text-primary underline-offset-4 hover:underline';

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invitation, caller] = await Promise.all([findInvitationByToken(token), getCurrentCaller()]);

  if (!invitation) {
    return (
      <AuthPanel title="This invitation link is not valid" description="Check that you copied all of it, or ask the person who invited you for a new one.">
        <Link href="/sign-in" className={signInLink}>
          Sign in
        </Link>
      </AuthPanel>
    );
  }
  if (invitation.state !== 'open') {
    const closed = CLOSED[invitation.state];
    return (
      <AuthPanel title={closed.title} description={closed.text}>
        <Link href="/sign-in" className={signInLink}>
          Sign in
        </Link>
      </AuthPanel>
    );
  }

  const role = ROLE_LABELS[invitation.role].toLowerCase();
  const description = (
    <>
      {invitation.invitedBy} invites <strong className="font-medium text-foreground">{invitation.email}</strong> to join{' '}
      <strong className="font-medium text-foreground">{invitation.organisationName}</strong> as {role === 'owner' ? 'an' : 'a'} {role}.
    </>
  );
  const next = `/invite/${token}`;

  if (caller.kind === 'member' || caller.kind === 'account') {
    if (caller.email.toLowerCase() !== invitation.email) {
      return (
        <AuthPanel title={`Join ${invitation.organisationName}`} description={description}>
          <p className="mb-4 text-sm">
            You are signed in as <strong className="font-medium">{caller.email}</strong>. Sign out, then sign in as {invitation.email} or create its account.
          </p>
          <SignOutHereButton />
        </AuthPanel>
      );
    }
    return (
      <AuthPanel title={`Join ${invitation.organisationName}`} description={description}>
        <AcceptInvitationButton token={token} organisationName={invitation.organisationName} action={acceptInvitation} />
      </AuthPanel>
    );
  }

  if (invitation.hasAccount) {
    return (
      <AuthPanel title={`Join ${invitation.organisationName}`} description={description}>
        <p className="text-sm">
          {invitation.email} has a Gantry account.{' '}
          <Link href={`/sign-in?next=${encodeURIComponent(next)}`} className={signInLink}>
            Sign in to accept
          </Link>
          .
        </p>
      </AuthPanel>
    );
  }

  return (
    <AuthPanel title={`Join ${invitation.organisationName}`} description={<>{description} Create your account to accept.</>}>
      <CreateInvitedAccountForm token={token} email={invitation.email} action={createInvitedAccount} />
    </AuthPanel>
  );
}
