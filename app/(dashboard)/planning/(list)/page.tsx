import { Map as MapIcon } from 'lucide-react';

import { Link } from '@/components/ui/link';
import { ListPage } from '@/components/ui/list-page';
import { DeleteProjectButton } from '@/components/planning/delete-project-button';
import { EditProjectButton, NewProjectButton } from '@/components/planning/project-form';
import { RepoLine } from '@/components/planning/repo-line';
import { EmptyListState } from '@/components/ui/empty-state';
import { requireMember } from '@/lib/auth/current-member';
import { LIVE } from '@/lib/live/topics';
import { can } from '@/lib/organisations/permissions';
import { readProjects } from '@/lib/planning/pages';

export const metadata = { title: 'Planning' };

/** The organisation's planning projects: each opens its story map; managers create, edit and delete them. */
export default async function PlanningPage() {
  const member = await requireMember();
  const projects = await readProjects(member);
  const edit = can(member.role, 'plan:edit');
  return (
    <ListPage
      live={LIVE.planning}
      title="Planning"
      summary="Projects whose work is planned on a story map for agents to build."
      align="end"
      actions={edit && projects.length > 0 && <NewProjectButton />}
    >
      {projects.length === 0 ? (
        <EmptyListState Icon={MapIcon} title="No projects yet" create={edit && <NewProjectButton label="Create the first project" />}>
          A project holds a story map: workflows as bands, their activities as columns, and the cards agents build.
        </EmptyListState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="project-list">
          {projects.map((p) => (
            <li key={p.id} className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm" data-testid="project-row">
              <div className="min-w-0 space-y-1">
                <Link href={`/planning/${p.id}`} className="text-base font-semibold hover:underline">
                  {p.name}
                </Link>
                {p.description && <p className="line-clamp-2 text-sm text-muted-foreground">{p.description}</p>}
                <RepoLine defaultBranch={p.defaultBranch} repoUrl={p.repoUrl} />
              </div>
              <p className="text-xs text-muted-foreground">
                {p.workflows} {p.workflows === 1 ? 'workflow' : 'workflows'} · {p.cards} {p.cards === 1 ? 'card' : 'cards'} · {p.finalizedCards} finalized
              </p>
              {edit && (
                <div className="mt-auto flex flex-wrap items-start justify-end gap-2">
                  <EditProjectButton project={p} />
                  <DeleteProjectButton id={p.id} name={p.name} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </ListPage>
  );
}
