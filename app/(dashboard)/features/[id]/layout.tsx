import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { requireMember } from '@/lib/auth/current-member';
import { entityExists } from '@/lib/portfolio/pages';
import { pathParam } from '@/lib/links/path-param';

/** Answers 404 for an unknown feature before the page's loading skeleton streams (a streamed page keeps status 200). */
export default async function FeatureLayout({ params, children }: { params: Promise<{ id: string }>; children: ReactNode }) {
  const member = await requireMember();
  if (!(await entityExists(member, 'feature', pathParam((await params).id)))) notFound();
  return children;
}
