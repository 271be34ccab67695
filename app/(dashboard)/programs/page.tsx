import { FolderKanban, Trash2, Upload } from 'lucide-react';

import { DeletePlanItemButton } from '@/components/plan/delete-button';
import { NewFeatureButton } from '@/components/plan/feature-form';
import { NewProductButton } from '@/components/plan/product-form';
import { ExportCsvLink } from '@/components/exports/export-csv-link';
import { EditProgramButton, NewProgramButton } from '@/components/plan/program-form';
import { NewReleaseButton } from '@/components/plan/release-form';
import { EmptyListState } from '@/components/ui/empty-state';
import { Link } from '@/components/ui/link';
import { requireMember } from '@/lib/auth/current-member';
import { can } from '@/lib/organisations/permissions';
import { listPrograms } from '@/lib/plan/program-list';
import { ListPage } from '@/components/ui/list-page';
import { LIVE } from '@/lib/live/topics';

export const metadata = { title: 'Programs' };

/** Every live program: create, edit and delete them; each links to its page. */
export default async function ProgramsPage() {
  const member = await requireMember();
  const programs = await listPrograms(member);
  const edit = can(member.role, 'plan:edit');
  return (
    <ListPage
      live={LIVE.portfolio}
      title="Programs"
      summary="The programs this organisation runs, their products and how far they are."
      align="end"
      actions={
        <div className="flex flex-wrap items-center gap-2">
          <Link
            href="/trash"
            className="inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
          >
            <Trash2 className="size-4" aria-hidden /> Trash
          </Link>
          {programs.length > 0 && <ExportCsvLink href="/api/export/programs" />}
          {edit && (
            <Link
              href="/import"
              className="inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
            >
              <Upload className="size-4" aria-hidden /> Import
            </Link>
          )}
          {edit && <NewProgramButton />}
        </div>
      }
    >
      {programs.length === 0 ? (
        <EmptyListState Icon={FolderKanban} title="No programs yet" create={edit && <NewProgramButton label="Create the first program" />}>
          A program holds products, their features and releases, a roadmap and waves of work. Start with one.
        </EmptyListState>
      ) : (
        <ul className="grid gap-3 md:grid-cols-2 xl:grid-cols-3" data-testid="program-list">
          {programs.map((p) => (
            <li key={p.id} className="flex flex-col gap-3 rounded-xl border border-border bg-surface p-4 shadow-sm" data-testid="program-row">
              <div className="min-w-0">
                <Link href={`/programs/${encodeURIComponent(p.id)}`} className="text-base font-semibold hover:underline">
                  {p.name}
                </Link>
                <p className="text-xs text-muted-foreground">
                  <span className="font-mono">{p.id}</span> · {p.type} · {p.status} · {p.products} {p.products === 1 ? 'product' : 'products'}
                  {p.owner ? ` · ${p.owner}` : ''}
                </p>
              </div>
              <div className="flex items-center gap-2 text-xs text-muted-foreground">
                <div
                  className="h-1.5 flex-1 overflow-hidden rounded-full bg-muted"
                  role="progressbar"
                  aria-valuenow={p.progress}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-label={`${p.name}: ${p.progress} % done`}
                >
                  <div className="h-full rounded-full bg-primary" style={{ width: `${p.progress}%` }} />
                </div>
                <span className="tabular-nums">{p.progress} %</span>
              </div>
              {edit && (
                <div className="flex flex-wrap gap-2" role="group" aria-label={`Create in ${p.name}`}>
                  <NewProductButton programId={p.id} variant="secondary" />
                  {p.products > 0 && <NewFeatureButton programId={p.id} variant="secondary" />}
                  {p.products > 0 && <NewReleaseButton programId={p.id} variant="secondary" />}
                </div>
              )}
              {edit && (
                <div className="flex flex-wrap items-start justify-end gap-2">
                  <Link
                    href={`/trash?program=${encodeURIComponent(p.id)}`}
                    className="inline-flex h-8 items-center rounded-md px-3 text-sm text-muted-foreground hover:bg-muted hover:text-foreground"
                    aria-label={`Trash of ${p.name}`}
                  >
                    Trash
                  </Link>
                  <EditProgramButton id={p.id} name={p.name} />
                  <DeletePlanItemButton kind="program" id={p.id} name={p.name} />
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </ListPage>
  );
}
