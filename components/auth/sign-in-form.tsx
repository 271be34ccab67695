'use client';

import { LogIn } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

import { Button } from '@/components/ui/button';
import { FormMessage, TextField } from '@/components/ui/field';

type Problems = { email?: string; password?: string; form?: string };

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

export function SignInForm({ notice, next = '/' }: { notice?: string; next?: string }) {
  const router = useRouter();
  const [problems, setProblems] = useState<Problems>({});
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const email = String(data.get('email') ?? '').trim();
    const password = String(data.get('password') ?? '');
    const missing: Problems = {
      ...(email ? {} : { email: 'Enter your email address' }),
      ...(password ? {} : { password: 'Enter your password' }),
    };
    if (missing.email || missing.password) {
      setProblems({ ...missing, form: 'Enter your email address and password to sign in.' });
      return;
    }
    setPending(true);
    setProblems({});
    try {
      const response = await fetch('/api/auth/sign-in/email', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (response.ok) {
        // Every server component reads the new session: leave this page and drop cached ones.
        router.replace(next);
        router.refresh();
        return;
      }
      setProblems({ form: await refusalOf(response) });
    } catch {
      setProblems({ form: 'Gantry could not be reached. Check your connection and try again.' });
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-describedby={notice ? 'sign-in-notice' : undefined}>
      {notice && (
        <p id="sign-in-notice" className="rounded-md border border-border bg-muted px-3 py-2 text-sm">
          {notice}
        </p>
      )}
      <TextField label="Email address" name="email" type="email" autoComplete="username" inputMode="email" error={problems.email} autoFocus />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" error={problems.password} />
      <FormMessage error={problems.form} />
      <Button type="submit" className="w-full" disabled={pending}>
        <LogIn className="size-4" aria-hidden />
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
