import { Trash2 } from 'lucide-react';

import { Link } from '@/components/ui/link';
import { PageTitle } from '@/components/ui/list-page';
import { TrashList } from '@/components/plan/trash-list';
import { EmptyState } from '@/components/ui/empty-state';
import { requireMember } from '@/lib/auth/current-member';
import { getTrash } from '@/lib/plan/program-list';
import { LiveRefresh } from '@/components/live/live-refresh';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Trash' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const when = (ms: number) => new Date(ms).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';

/**
 * What was deleted, and Restore: per program (`?program=<id>`: its products, features, releases,
 * change requests, bugs, roadmap items, waves and tasks), or the organisation's deleted programs
 * and standards.
 */
export default async function TrashPage({ searchParams }: { searchParams: SearchParams }) {
  const member = await requireMember();
  const asked = (await searchParams).program;
  const programId = (Array.isArray(asked) ? asked[0] : asked)?.slice(0, 200) || null;
  const trash = await getTrash(member, programId);
  const title = trash.program ? `Trash of ${trash.program.name}` : 'Trash';
  return (
    <div className="space-y-6">
      <LiveRefresh on={LIVE.portfolio} />
      <PageTitle title={title} summary="Deleted items stay here until restored. An item comes back only after what it belongs to is back." />
      <nav aria-label="Whose Trash" className="flex flex-wrap gap-2 text-sm">
        <Link
          href="/trash"
          aria-current={!trash.program ? 'page' : undefined}
          className="rounded-full border border-border px-3 py-1 hover:bg-muted aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
        >
          Programs and standards
        </Link>
        {trash.programs.map((p) => (
          <Link
            key={p.id}
            href={`/trash?program=${encodeURIComponent(p.id)}`}
            aria-current={trash.program?.id === p.id ? 'page' : undefined}
            className="rounded-full border border-border px-3 py-1 hover:bg-muted aria-[current=page]:bg-primary aria-[current=page]:text-primary-foreground"
          >
            {p.name}
          </Link>
        ))}
      </nav>
      {programId && !trash.program ? (
        <EmptyState Icon={Trash2} title="No such program">
          The link names a program that does not exist in this organisation.
        </EmptyState>
      ) : trash.entries.length === 0 ? (
        <EmptyState Icon={Trash2} title="The Trash is empty">
          {trash.program ? `Nothing of ${trash.program.name} has been deleted.` : 'No program or standard has been deleted.'}
        </EmptyState>
      ) : (
        <section className="rounded-xl border border-border bg-surface px-4 shadow-sm" aria-label={title}>
          <TrashList entries={trash.entries.map(({ deletedAt, ...e }) => ({ ...e, when: when(deletedAt) }))} />
        </section>
      )}
    </div>
  );
}
