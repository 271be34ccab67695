import { ScrollText } from 'lucide-react';
import { notFound } from 'next/navigation';

import { ActionHistory } from '@/components/planning/action-history';
import { EmptyState } from '@/components/ui/empty-state';
import { requireMember } from '@/lib/auth/current-member';
import { pathParam } from '@/lib/links/path-param';
import { readPlanningActions } from '@/lib/planning/pages';

export const metadata = { title: 'Planning actions' };

/** The project's planning actions, newest first: what each asked for, who, and whether it was applied or why not. */
export default async function ActionsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const member = await requireMember();
  const entries = await readPlanningActions(member, pathParam((await params).projectId));
  if (!entries) notFound();
  if (entries.length === 0) {
    return (
      <EmptyState Icon={ScrollText} title="No actions yet">
        <p>Every change of the story map is recorded here as a planning action, applied or refused.</p>
      </EmptyState>
    );
  }
  return <ActionHistory entries={entries} />;
}
