import { BookOpen, Search } from 'lucide-react';

import { DividedList } from '@/components/ui/divided-list';
import { When } from '@/components/planning/runs/when';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { HeadedCard } from '@/components/ui/card';
import { getProjectMemory } from '@/lib/planning/memory';

import { requireProjectPage, type ProjectParams } from '../project-page';

export const metadata = { title: 'Project memory' };
export const dynamic = 'force-dynamic';

export default async function MemoryPage({ params }: { params: ProjectParams }) {
  const { data } = await requireProjectPage(params, getProjectMemory);
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
          <DividedList items={units} testId="memory-units" itemClassName="space-y-1 px-5 py-3 text-sm">
            {(u) => (
              <>
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
              </>
            )}
          </DividedList>
        )}
      </HeadedCard>
      <HeadedCard headingId="memory-retrievals" icon={Search} title="Retrieval log" description="Each lookup, its scope and the units it returned.">
        {retrievals.length === 0 ? (
          <EmptyState Icon={Search} title="No retrievals yet" />
        ) : (
          <DividedList items={retrievals} testId="memory-retrievals" itemClassName="space-y-1 px-5 py-3 text-sm">
            {(r) => (
              <>
                <p>
                  <span className="font-medium">“{r.queryText}”</span> in {r.scope.type} “{r.scope.name}”
                </p>
                <p className="text-xs text-muted-foreground">
                  <When at={r.createdAt} /> · returned {r.results.length ? r.results.join(', ') : 'nothing'}
                </p>
              </>
            )}
          </DividedList>
        )}
      </HeadedCard>
    </div>
  );
}
