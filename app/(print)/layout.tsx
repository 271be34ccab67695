import type { ReactNode } from 'react';

import { requireMember } from '@/lib/auth/current-member';

// Printable documents: the same members-only pages, without the app's navigation around them.
export const dynamic = 'force-dynamic';

export default async function PrintLayout({ children }: { children: ReactNode }) {
  await requireMember();
  return (
    <>
      {/* Paper is white whatever the screen's theme. */}
      <style>{`@media print { :root, .dark { --foreground: #111; --background: #fff; --surface: #fff; --muted-foreground: #555; --border: #ccc; color-scheme: light; } @page { margin: 16mm; } }`}</style>
      <main className="mx-auto max-w-5xl px-6 py-8 print:max-w-none print:px-0 print:py-0">{children}</main>
    </>
  );
}
