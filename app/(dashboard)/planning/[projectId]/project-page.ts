import 'server-only';

import { notFound } from 'next/navigation';

import { requireMember } from '@/lib/auth/current-member';
import type { MemberCaller } from '@/lib/auth/identity';
import { pathParam } from '@/lib/links/path-param';

/** The params of a project's pages, e.g. /planning/[projectId]/runs. */
export type ProjectParams = Promise<{ projectId: string }>;

/**
 * What a project's page shows, for the signed-in member: `load` reads it by the URL's project
 * id; when the project does not exist (or is another organisation's) the not-found page answers.
 */
export async function requireProjectPage<T>(
  params: ProjectParams,
  load: (member: MemberCaller, input: { projectId: string }) => Promise<T | null | undefined>,
) {
  const member = await requireMember();
  const projectId = pathParam((await params).projectId);
  const data = await load(member, { projectId });
  if (!data) notFound();
  return { member, projectId, data };
}
