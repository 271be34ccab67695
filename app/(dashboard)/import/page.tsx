import { Upload } from 'lucide-react';

import { PageTitle } from '@/components/ui/list-page';
import { ImportForm } from '@/components/imports/import-form';
import { ImportHelp } from '@/components/imports/import-help';
import { EmptyState } from '@/components/ui/empty-state';
import { requireMember } from '@/lib/auth/current-member';
import { isImportKind } from '@/lib/imports/kinds';
import { can } from '@/lib/organisations/permissions';

export const metadata = { title: 'Import' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Import work items from a CSV or JSON file: checked first, then written all at once or not at all (docs/import-export.md). */
export default async function ImportPage({ searchParams }: { searchParams: SearchParams }) {
  const member = await requireMember();
  const kind = (await searchParams).kind;
  return (
    <div className="space-y-4">
      <PageTitle
        title="Import work items"
        summary="Change requests, roadmap items, bugs or Foreman tasks from a CSV or JSON file. Every row is checked before anything is written; then all rows are written, or none."
      />
      {can(member.role, 'plan:edit') ? (
        <ImportForm initialKind={isImportKind(kind) ? kind : 'cr'} />
      ) : (
        <EmptyState Icon={Upload} title="Importing is for managers">
          Your role can read the plan; owners and managers import work into it.
        </EmptyState>
      )}
      <ImportHelp />
    </div>
  );
}
