import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';

import { LiveRefresh } from '@/components/live/live-refresh';
import { ProjectTabs } from '@/components/planning/project-tabs';
import { RepoLine } from '@/components/planning/repo-line';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { pathParam } from '@/lib/links/path-param';
import { LIVE } from '@/lib/live/topics';
import { readProject } from '@/lib/planning/pages';

/** A planning project's heading and tabs (story map, actions, runs, memory, policy); 404 for an unknown or deleted project. */
export default async function ProjectLayout({ params, children }: { params: Promise<{ projectId: string }>; children: ReactNode }) {
  const member = await requireMember();
  const project = await readProject(member, pathParam((await params).projectId));
  if (!project) notFound();
  return (
    <div className="space-y-5">
      <LiveRefresh on={LIVE.planning} />
      <div className="space-y-1">
        <p className="text-xs text-muted-foreground">
          <Link href="/planning" className="hover:underline">
            Planning
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{project.name}</h1>
        <RepoLine defaultBranch={project.defaultBranch} repoUrl={project.repoUrl} />
      </div>
      <ProjectTabs projectId={project.id} />
      {children}
    </div>
  );
}
