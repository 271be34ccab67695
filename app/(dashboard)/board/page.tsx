import { KanbanSquare, Upload } from 'lucide-react';
import { cookies } from 'next/headers';

import { BoardToolbar } from '@/components/board/board-toolbar';
import { BoardView } from '@/components/board/board-view';
import { RememberBoard } from '@/components/board/remember-board';
import { ExportCsvLink } from '@/components/exports/export-csv-link';
import { EmptyState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { SaveViewButton } from '@/components/views/save-view-button';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { FILTER_KEYS, isBoardKind, KINDS, type BoardFilters } from '@/lib/board/kinds';
import { formatLastBoard, LAST_BOARD_COOKIE, parseLastBoard } from '@/lib/board/last-board';
import { getBoardPage } from '@/lib/board/page-data';

import { updateBoardCard } from './actions';

export const metadata = { title: 'Board' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

export default async function BoardPage({ searchParams }: { searchParams: SearchParams }) {
  const member = await requireMember();
  const params = await searchParams;
  const kindParam = first(params.kind);
  // Without a board in the URL, the one this person had open last.
  const last = parseLastBoard((await cookies()).get(LAST_BOARD_COOKIE)?.value, member.organisationId);
  const kind = isBoardKind(kindParam) ? kindParam : (last?.kind ?? 'cr');
  const filters: BoardFilters = {};
  for (const key of FILTER_KEYS) {
    const value = first(params[key])?.slice(0, 200);
    if (value && (key === 'q' || KINDS[kind].filters.includes(key))) filters[key] = value;
  }
  const page = await getBoardPage(member, kind, first(params.scope), filters, last?.kind === kind ? last.scope : undefined);

  const exportQuery = new URLSearchParams({ kind, ...(page.scope ? { scope: page.scope } : {}), ...filters });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Board</h1>
          <p className="text-sm text-muted-foreground">
            {KINDS[kind].label} by status.{' '}
            {page.mover.all
              ? 'Drag a card to move it; the database checks every move.'
              : page.mover.owners.length
                ? 'You can move the work assigned to you.'
                : 'Your role can read the board; moving cards is for builders and managers.'}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {page.board && <ExportCsvLink href={`/api/board/export?${exportQuery.toString()}`} />}
          <SaveViewButton query={exportQuery.toString()} />
          {can(member.role, 'plan:edit') && (
            <Link
              href={`/import?kind=${kind === 'card' ? 'cr' : kind}`}
              className="inline-flex h-8 items-center gap-2 rounded-md border border-border bg-surface px-3 text-sm font-medium shadow-sm hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary"
            >
              <Upload className="size-3.5" aria-hidden />
              Import
            </Link>
          )}
        </div>
      </div>
      {page.scope && page.board && <RememberBoard value={formatLastBoard(member.organisationId, kind, page.scope)} />}
      <BoardToolbar kind={kind} scope={page.scope} scopes={page.scopes} filters={filters} options={page.options} />
      {page.problem === 'no-scopes' ? (
        <EmptyState Icon={KanbanSquare} title={`Nothing to put ${KINDS[kind].label.toLowerCase()} on yet`}>
          A {KINDS[kind].noun} board is scoped to a {KINDS[kind].scopes.join(' or ')}; this organisation has none yet.
        </EmptyState>
      ) : page.problem === 'unknown-scope' || !page.board ? (
        <EmptyState Icon={KanbanSquare} title="No such board">
          The link names a {KINDS[kind].noun} board that does not exist in this organisation. Choose one above.
        </EmptyState>
      ) : (
        <BoardView
          key={`${kind}|${page.scope}|${JSON.stringify(filters)}`}
          initial={page.board}
          mover={page.mover}
          updateBoardCard={updateBoardCard}
          canPlan={can(member.role, 'plan:edit')}
        />
      )}
    </div>
  );
}
