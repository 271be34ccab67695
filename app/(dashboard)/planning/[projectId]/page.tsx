import { notFound } from 'next/navigation';

import { StoryMapView } from '@/components/planning/story-map';
import { requireMember } from '@/lib/auth/current-member';
import { pathParam } from '@/lib/links/path-param';
import { can } from '@/lib/organisations/permissions';
import { readStoryMap } from '@/lib/planning/pages';

export const metadata = { title: 'Story map' };

/** The project's story map (the layout has answered 404 for an unknown project). */
export default async function StoryMapPage({ params }: { params: Promise<{ projectId: string }> }) {
  const member = await requireMember();
  const projectId = pathParam((await params).projectId);
  const map = await readStoryMap(member, projectId);
  if (!map) notFound();
  return <StoryMapView initial={map} projectId={projectId} canEdit={can(member.role, 'plan:edit')} />;
}
