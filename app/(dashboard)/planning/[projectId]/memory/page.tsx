import { BookOpen, Search } from 'lucide-react';
import { notFound } from 'next/navigation';

import { When } from '@/components/planning/runs/when';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { HeadedCard } from '@/components/ui/card';
import { requireMember } from '@/lib/auth/current-member';
import { getProjectMemory } from '@/lib/planning/memory';

export const metadata = { title: 'Project memory' };
export const dynamic = 'force-dynamic';

export default async function MemoryPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const member = await requireMember();
  const data = await getProjectMemory(member, { projectId });
  if (!data) notFound();
  const { units, retrievals } = data;
  return (
    <div className="space-y-6">
      <div>
        <h2 className="text-xl font-semibold tracking-tight">Memory</h2>
        <p className="text-sm text-muted-foreground">What builders are given to remember about this project and its cards, and what they looked up.</p>
      </div>
      <HeadedCard headingId="memory-units" icon={BookOpen} title="Memory units" description="Each with the project, workflow or card it belongs to.">
        {units.length === 0 ? (
          <EmptyState Icon={BookOpen} title="No memory yet" />
        ) : (
          <ul className="divide-y divide-border" data-testid="memory-units">
            {units.map((u) => (
              <li key={u.id} className="space-y-1 px-5 py-3 text-sm">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-medium">{u.title ?? 'Untitled'}</span>
                  <Badge tone={u.status === 'approved' ? 'green' : u.status === 'rejected' ? 'red' : 'neutral'}>{u.status}</Badge>
                  <Badge>{u.contentType}</Badge>
                </p>
                {u.contentText && <p className="break-words whitespace-pre-line">{u.contentText}</p>}
                {u.linkUrl && (
                  <a href={u.linkUrl} className="break-all underline" rel="noreferrer" target="_blank">
                    {u.linkUrl}
                  </a>
                )}
                <p className="text-xs text-muted-foreground">
                  {u.relations.map((r, i) => (
                    <span key={i}>
                      {i > 0 && ' · '}
                      {r.role ?? 'related'} {r.type} “{r.name}”
                    </span>
                  ))}
                  {' · '}embedding {u.embeddingRef}
                </p>
              </li>
            ))}
          </ul>
        )}
      </HeadedCard>
      <HeadedCard headingId="memory-retrievals" icon={Search} title="Retrieval log" description="Each lookup, its scope and the units it returned.">
        {retrievals.length === 0 ? (
          <EmptyState Icon={Search} title="No retrievals yet" />
        ) : (
          <ul className="divide-y divide-border" data-testid="memory-retrievals">
            {retrievals.map((r) => (
              <li key={r.id} className="space-y-1 px-5 py-3 text-sm">
                <p>
                  <span className="font-medium">“{r.queryText}”</span> in {r.scope.type} “{r.scope.name}”
                </p>
                <p className="text-xs text-muted-foreground">
                  <When at={r.createdAt} /> · returned {r.results.length ? r.results.join(', ') : 'nothing'}
                </p>
              </li>
            ))}
          </ul>
        )}
      </HeadedCard>
    </div>
  );
}
