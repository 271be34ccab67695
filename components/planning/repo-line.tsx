import { GitBranch } from 'lucide-react';

/** A project's default branch and repository, in one small line. */
export function RepoLine({ defaultBranch, repoUrl }: { defaultBranch: string; repoUrl: string | null }) {
  return (
    <p className="flex flex-wrap items-center gap-x-2 text-xs text-muted-foreground">
      <span className="inline-flex items-center gap-1">
        <GitBranch className="size-3.5" aria-hidden /> {defaultBranch}
      </span>
      <span className="truncate">{repoUrl ?? 'no repository yet'}</span>
    </p>
  );
}
