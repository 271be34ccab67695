import { AuthPanel } from '@/components/auth/auth-panel';
import { ResetPasswordForm } from '@/components/auth/reset-password-form';
import { Link } from '@/components/ui/link';
import { findResetLinkByToken, RESET_LINK_HOURS, type ResetLinkState } from '@/lib/auth/password-resets';

import { resetPassword } from '../actions';

export const metadata = { title: 'Set a new password', referrer: 'no-referrer' };

const CLOSED: Record<Exclude<ResetLinkState, 'open'>, { title: string; text: string }> = {
  used: { title: 'This link was used', text: 'The password was set with it already. Sign in with the new password, or ask an owner for another link.' },
  revoked: { title: 'This link was replaced', text: 'An owner issued a newer link or revoked this one. Ask them for the latest.' },
  expired: { title: 'This link has expired', text: `Password-reset links work for ${RESET_LINK_HOURS} hours. Ask an owner for a new one.` },
  elsewhere: {
    title: 'This link no longer works',
    text: 'This account belongs to another organisation too now, so one organisation’s owner cannot reset its password. Sign in and change it on your account page.',
  },
  left: { title: 'This link no longer works', text: 'The account has left the organisation that issued the link.' },
};

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await findResetLinkByToken(token);
  const signIn = (
    <Link href="/sign-in" className="font-medium text-primary underline-offset-4 hover:underline">
      Sign in
    </Link>
  );

  if (!link) {
    return (
      <AuthPanel title="This link is not valid" description="Check that you copied all of it, or ask an owner for a new one.">
        {signIn}
      </AuthPanel>
    );
  }
  if (link.state !== 'open') {
    return (
      <AuthPanel title={CLOSED[link.state].title} description={CLOSED[link.state].text}>
        {signIn}
      </AuthPanel>
    );
  }
  return (
    <AuthPanel title="Set a new password" description={<>For {link.name}. Every session of this account ends; then sign in with the new password.</>}>
      <ResetPasswordForm token={token} email={link.email} action={resetPassword} />
    </AuthPanel>
  );
}
