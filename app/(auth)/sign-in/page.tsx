import { redirect } from 'next/navigation';

import { AuthPanel } from '@/components/auth/auth-panel';
import { SignInForm } from '@/components/auth/sign-in-form';
import { getCurrentCaller } from '@/lib/auth/current-member';
import { hasAnyAccount } from '@/lib/auth/first-admin';
import { safeNextPath } from '@/lib/auth/next-path';

export const metadata = { title: 'Sign in' };

const NOTICES: Record<string, string> = {
  'signed-out': 'You are signed out.',
  'password-reset': 'Your new password is set. Sign in with it.',
  'no-organisation': 'Your account belongs to no organisation any more. Ask an owner to add you, or sign in with another account.',
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ reason?: string; next?: string }> }) {
  if (!(await hasAnyAccount())) redirect('/setup');
  const { reason, next } = await searchParams;
  if ((await getCurrentCaller()).kind === 'member') redirect(safeNextPath(next));

  return (
    <AuthPanel title="Sign in to Gantry" description="Use the email address and password of your Gantry account.">
      <SignInForm notice={reason ? NOTICES[reason] : undefined} next={safeNextPath(next)} />
    </AuthPanel>
  );
}
