'use client';

import { ChevronDown, LogOut, Settings, UserRound } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

import { Link } from '@/components/ui/link';
import { useDisclosure } from '@/components/ui/use-disclosure';
import { ROLE_LABELS, type Role } from '@/lib/organisations/permissions';

function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

/** The signed-in person: who they are, their role here, settings and signing out. */
export function UserMenu({ user, organisationName }: { user: { name: string; email: string; role: Role }; organisationName: string }) {
  const router = useRouter();
  const { open, setOpen, rootRef, buttonRef } = useDisclosure();
  const [error, setError] = useState<string | null>(null);
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      const response = await fetch('/api/auth/sign-out', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (response.ok) {
        // Every server component reads the new session: leave this page and drop cached ones.
        router.replace('/sign-in?reason=signed-out');
        router.refresh();
        return;
      }
      setError(`Signing out failed (${response.status}). Try again.`);
    } catch {
      setError('Gantry could not be reached to sign you out. Check your connection and try again.');
    }
    setSigningOut(false);
  }

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls="user-menu"
        onClick={() => setOpen(!open)}
        data-testid="current-user"
        className="flex items-center gap-2 rounded-full border border-border bg-surface py-1 pl-1 pr-2 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
      >
        <span className="grid size-6 place-items-center rounded-full bg-primary text-[11px] font-semibold text-primary-foreground" aria-hidden>
          {initialsOf(user.name)}
        </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{user.name}</span>
        <span className="sr-only sm:hidden">{user.name}</span>
        <ChevronDown className="size-3.5 text-muted-foreground" aria-hidden />
      </button>
      {open && (
        <div id="user-menu" className="absolute right-0 top-full z-40 mt-1 w-64 rounded-lg border border-border bg-surface p-1 shadow-lg">
          <div className="border-b border-border px-3 py-2.5">
            <p className="truncate text-sm font-medium">{user.name}</p>
            <p className="truncate text-xs text-muted-foreground">{user.email}</p>
            <p className="mt-1 text-xs text-muted-foreground" data-testid="current-role">
              {ROLE_LABELS[user.role]} of {organisationName}
            </p>
          </div>
          <Link
            href="/account"
            onClick={() => setOpen(false)}
            className="mt-1 flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
          >
            <UserRound className="size-4 text-muted-foreground" aria-hidden />
            Your account
          </Link>
          <Link
            href="/settings"
            onClick={() => setOpen(false)}
            className="flex items-center gap-2 rounded-md px-3 py-2 text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary"
          >
            <Settings className="size-4 text-muted-foreground" aria-hidden />
            Settings
          </Link>
          <button
            type="button"
            onClick={signOut}
            disabled={signingOut}
            className="flex w-full items-center gap-2 rounded-md px-3 py-2 text-left text-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-primary disabled:opacity-60"
          >
            <LogOut className="size-4 text-muted-foreground" aria-hidden />
            {signingOut ? 'Signing out…' : 'Sign out'}
          </button>
          <div aria-live="polite">{error && <p className="px-3 py-2 text-xs text-red-600 dark:text-red-400">{error}</p>}</div>
        </div>
      )}
    </div>
  );
}
