import 'server-only';

import { notFound } from 'next/navigation';

import { requireMember } from '@/lib/auth/current-member';
import type { MemberCaller } from '@/lib/auth/identity';
import { pathParam } from '@/lib/links/path-param';

/** The params of an entity's page, e.g. /features/[id]. */
export type EntityParams = Promise<{ id: string }>;

/** The entity id in the page's URL, decoded. */
export async function entityId(params: EntityParams): Promise<string> {
  return pathParam((await params).id);
}

/** An entity page's `generateMetadata`: the tab reads "<kind> <id>" ("Feature auth-login"), or the id alone. */
export function entityMetadata(kind?: string) {
  return async function generateMetadata({ params }: { params: EntityParams }) {
    const id = await entityId(params);
    return { title: kind ? `${kind} ${id}` : id };
  };
}

/**
 * What an entity page shows, for the signed-in member: `load` reads it by the URL's id; when it
 * does not exist (or is another organisation's) the section's not-found page answers instead.
 */
export async function requireEntity<T>(params: EntityParams, load: (member: MemberCaller, id: string) => Promise<T | null | undefined>) {
  const member = await requireMember();
  const id = await entityId(params);
  const page = await load(member, id);
  if (!page) notFound();
  return { member, id, page };
}
