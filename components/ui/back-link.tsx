import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';

import { Link } from './link';

/** The "← Settings" link above a page's title, back to the page it belongs to. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
      <ArrowLeft className="size-4" aria-hidden /> {children}
    </Link>
  );
}
