'use client';

import { LogIn } from 'lucide-react';

import { FormMessage, SubmitButton, TextField } from '@/components/ui/field';
import { useAction } from '@/components/ui/use-action';
import type { ActionResult } from '@/lib/procedure/result';

/** Why the auth route refused, in words a person can act on. */
async function refusalOf(response: Response): Promise<string> {
  if (response.status === 401) return 'That email address and password do not match an account. Check both and try again.';
  if (response.status === 429) {
    const seconds = Number(response.headers.get('x-retry-after')) || 60;
    const wait = seconds >= 90 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
    const body = (await response.json().catch(() => null)) as { code?: string } | null;
    const who = body?.code === 'TOO_MANY_ATTEMPTS_FOR_EMAIL' ? 'for this email address' : 'from your network';
    return `Too many sign-in attempts ${who}. Wait ${wait}, then try again.`;
  }
  const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
  if (body?.code === 'INVALID_EMAIL') return 'Enter an email address, like ada@example.com.';
  if (response.status === 403) return 'Gantry refused this page’s address. Open Gantry at the address it is served from, and sign in there.';
  return `Signing in failed (${response.status}${body?.message ? `: ${body.message}` : ''}). Try again in a moment.`;
}

/** Signs in through the auth route, answering as a server action would: the refusal in words. */
async function signIn(input: { email: string; password: string }): Promise<ActionResult<null>> {
  const response = await fetch('/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return response.ok ? { ok: true, data: null } : { ok: false, error: { code: 'unauthenticated', message: await refusalOf(response) } };
}

export function SignInForm({ notice, next = '/' }: { notice?: string; next?: string }) {
  // Every server component reads the new session: leave this page and drop cached ones.
  const signingIn = useAction(signIn, { goTo: next });
  const problems = signingIn.fieldErrors;

  function toInput(data: FormData) {
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (email && password) return { email, password };
    signingIn.refuse('Enter your email address and password to sign in.', {
      ...(email ? {} : { email: 'Enter your email address' }),
      ...(password ? {} : { password: 'Enter your password' }),
    });
    return null;
  }

  return (
    <form onSubmit={(event) => signingIn.submit(event, toInput)} noValidate className="space-y-4" aria-describedby={notice ? 'sign-in-notice' : undefined}>
      {notice && (
        <p id="sign-in-notice" className="rounded-md border border-border bg-muted px-3 py-2 text-sm">
          {notice}
        </p>
      )}
      <TextField label="Email address" name="email" type="email" autoComplete="username" inputMode="email" error={problems.email} autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={problems.password} />
      <FormMessage error={signingIn.error} />
      <SubmitButton className="w-full" pending={signingIn.pending} pendingLabel="Signing in…" icon={<LogIn className="size-4" aria-hidden />}>
        Sign in
      </SubmitButton>
    </form>
  );
}
