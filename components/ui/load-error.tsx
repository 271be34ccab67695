'use client';

import { TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';

/** What an error boundary (error.tsx) gets from Next.js. */
export interface ErrorBoundaryProps {
  error: Error & { digest?: string };
  reset: () => void;
}

/** An error boundary's answer: what could not be loaded, why, the error's reference, and a retry. */
export function LoadError({ error, reset, title, children }: ErrorBoundaryProps & { title: string; children: ReactNode }) {
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-lg flex-col items-center gap-3 rounded-xl border border-red-300 bg-red-50 px-6 py-10 text-center dark:border-red-400/30 dark:bg-red-400/10"
    >
      <TriangleAlert className="size-6 text-red-600 dark:text-red-300" aria-hidden />
      <h1 className="text-lg font-semibold">{title}</h1>
      <p className="text-sm text-muted-foreground">
        {children}
        {error.digest && <span className="mt-1 block font-mono text-xs">Reference: {error.digest}</span>}
      </p>
      <button type="button" onClick={reset} className="rounded-md bg-primary px-3 py-1.5 text-sm font-medium text-primary-foreground hover:opacity-90">
        Try again
      </button>
    </div>
  );
}
