import type { ReactNode } from 'react';

/** The card of the sign-in and set-up pages: a heading, a line of context, the form. */
export function AuthPanel({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby="auth-title" className="rounded-xl border border-border bg-surface px-6 py-7 shadow-sm sm:px-8">
      <h1 id="auth-title" className="text-xl font-semibold tracking-tight">
        {title}
      </h1>
      <div className="mt-1.5 text-sm text-muted-foreground">{description}</div>
      <div className="mt-6">{children}</div>
    </section>
  );
}
